// One contract, two users (CONVENTIONS 5): the types come from the server's zod schemas;
// type-only imports add nothing to the bundle.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AccessLogResponse,
  AccountingResponse,
  CreateDisclosureBody,
  DisclosureSchema,
  DisclosureSummarySchema,
  LegalBasesResponse,
  ReleaseDecisionBody,
  ReleaseDecisionSchema,
  ReleaseResponse,
} from '../../../src/modules/disclosures/disclosures.schema';
import type { SearchResponse } from '../../../src/modules/search/search.schema';
import { apiFetch } from '../api/client';

export type LegalBases = z.infer<typeof LegalBasesResponse>;
export type LegalBasis = LegalBases['bases'][number];
export type Disclosure = z.infer<typeof DisclosureSchema>;
export type DisclosureSummary = z.infer<typeof DisclosureSummarySchema>;
export type DisclosureInput = z.input<typeof CreateDisclosureBody>;
export type Accounting = z.infer<typeof AccountingResponse>;
export type AccountingEntry = Accounting['entries'][number];
export type Release = z.infer<typeof ReleaseResponse>;
export type ReleaseDecisionInput = z.input<typeof ReleaseDecisionBody>;
export type ReleaseDecision = z.infer<typeof ReleaseDecisionSchema>;
export type AccessLog = z.infer<typeof AccessLogResponse>;

const person = (id: string) => `/api/persons/${encodeURIComponent(id)}`;

/** Links the browser follows to download (the session cookie goes with them). */
export const packageUrl = (id: string, format: 'pdf' | 'json' | 'csv') => `/api/disclosures/${encodeURIComponent(id)}/package.${format}`;
export const accountingExportUrl = (id: string, format: 'pdf' | 'csv') => `${person(id)}/accounting/export?format=${format}`;

export function usePersonSearch(q: string) {
  return useQuery({
    queryKey: ['privacy', 'search', q],
    queryFn: () => apiFetch<SearchResponse>(`/api/search?${new URLSearchParams({ q, limit: '20' })}`),
    enabled: q.trim().length >= 2,
  });
}

export function useRecentDisclosures() {
  return useQuery({ queryKey: ['privacy', 'disclosures'], queryFn: () => apiFetch<{ disclosures: DisclosureSummary[] }>('/api/disclosures?limit=25') });
}

export function useLegalBases() {
  return useQuery({ queryKey: ['privacy', 'legal-bases'], queryFn: () => apiFetch<LegalBases>('/api/disclosures/legal-bases'), staleTime: Infinity });
}

export function useAccounting(id: string) {
  return useQuery({ queryKey: ['privacy', 'accounting', id], queryFn: () => apiFetch<Accounting>(`${person(id)}/accounting`) });
}

export function useRelease(id: string) {
  return useQuery({ queryKey: ['privacy', 'release', id], queryFn: () => apiFetch<Release>(`${person(id)}/accounting/release`) });
}

export function useAccessLog(id: string) {
  return useQuery({ queryKey: ['privacy', 'access-log', id], queryFn: () => apiFetch<AccessLog>(`${person(id)}/access-log?limit=500`) });
}

export function useDisclose() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: DisclosureInput) => apiFetch<Disclosure>('/api/disclosures', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['privacy'] }),
  });
}

export function useReleaseDecision(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ReleaseDecisionInput) => apiFetch<ReleaseDecision>(`${person(id)}/accounting/release-decisions`, { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['privacy'] }),
  });
}
