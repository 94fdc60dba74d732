// One contract, two users (CONVENTIONS 5): the status types are the server's zod schemas;
// type-only imports add nothing to the bundle.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  PersonStatusView,
  ReportResponseView,
  RunView,
  StartRunBody,
  ViolatorsResponseView,
  ViolatorView,
} from '../../../src/modules/status/status.schema';
import { apiFetch } from '../api/client';
import { purposeHeaders, usePurpose } from '../profiles/purpose';
import { reportQueryString, violatorsQueryString, type ReportParams, type ViolatorParams } from './status-params';

export type { PersonStatusView, ReportResponseView, RunView, ViolatorsResponseView, ViolatorView };
export type AdmissionStatus = PersonStatusView['admissions'][number];
export type RateRow = ReportResponseView['report']['overall'];
export type StartRunResult = RunView & { supersededRunId: string | null };

const STATUS = ['status'] as const;

/** Runs, newest as-of date first; with `includeSuperseded`, the runs later replaced too. */
export function useRuns(includeSuperseded = true) {
  return useQuery({
    queryKey: [...STATUS, 'runs', includeSuperseded],
    queryFn: () =>
      apiFetch<{ runs: RunView[] }>(`/api/status/runs?limit=100&includeSuperseded=${includeSuperseded}`),
  });
}

/** Runs the assessment; every status view is stale afterwards. */
export function useStartRun() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof StartRunBody>) =>
      apiFetch<StartRunResult>('/api/status/runs', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: STATUS }),
  });
}

export function useReport(p: ReportParams | null) {
  return useQuery({
    queryKey: [...STATUS, 'report', p],
    queryFn: () => apiFetch<ReportResponseView>(`/api/status/report?${reportQueryString(p!)}`),
    enabled: p !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** The ranked list; with a stated purpose (sent as x-purpose) the risk factors spell out criminal history. */
export function useViolators(p: ViolatorParams) {
  const qs = violatorsQueryString(p);
  const purpose = usePurpose();
  return useQuery({
    queryKey: [...STATUS, 'violators', qs, purpose],
    queryFn: () => apiFetch<ViolatorsResponseView>(`/api/status/violators?${qs}`, { headers: purposeHeaders(purpose) }),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** A person's admissions as the latest run sees them (an audited read of the person). */
export function usePersonStatus(entityId: string, enabled: boolean) {
  const purpose = usePurpose();
  return useQuery({
    // The purpose is part of the key, as on the profile: stating one re-reads (and audits) the unmasked view.
    queryKey: [...STATUS, 'person', entityId, purpose],
    queryFn: () => apiFetch<PersonStatusView>(`/api/persons/${encodeURIComponent(entityId)}/status`, { headers: purposeHeaders(purpose) }),
    enabled,
    retry: false,
  });
}
