// One contract, two users (CONVENTIONS 5): the lead types are inferred from the server's zod
// schemas; type-only imports add nothing to the bundle.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreateLeadBody,
  EvidenceBody,
  LeadDetailSchema,
  LeadSummarySchema,
  TransitionBody,
  TransitionResult,
} from '../../../src/modules/leads/leads.schema';
import type { PersonStatusResponse } from '../../../src/modules/status/status.schema';
import { apiFetch } from '../api/client';
import { findingFromStatus } from './finding-defaults';
import type { LeadDefaults } from './lead-form';
import { queueQueryString, type QueueParams } from './queue-params';

export type LeadSummary = z.infer<typeof LeadSummarySchema>;
export type LeadDetail = z.infer<typeof LeadDetailSchema>;
export type CreateLeadInput = z.input<typeof CreateLeadBody>;
export type TransitionInput = z.input<typeof TransitionBody>;
export type TransitionOutput = z.infer<typeof TransitionResult>;
export type EvidenceInput = z.input<typeof EvidenceBody>;
export interface Assignee {
  id: string;
  username: string;
  displayName: string;
}

const LEADS = ['leads'] as const;
const leadPath = (id: string) => `/api/leads/${encodeURIComponent(id)}`;

export function useLeadQueue(params: QueueParams) {
  return useQuery({
    queryKey: [...LEADS, 'queue', params],
    queryFn: () => apiFetch<{ leads: LeadSummary[] }>(`/api/leads?${queueQueryString(params)}`),
  });
}

/** The leads on one subject, for a profile page. */
export function useSubjectLeads(subjectId: string) {
  return useQuery({
    queryKey: [...LEADS, 'subject', subjectId],
    queryFn: () =>
      apiFetch<{ leads: LeadSummary[] }>(
        `/api/leads?queue=all&sort=updated&subjectId=${encodeURIComponent(subjectId)}`,
      ),
  });
}

export function useLead(id: string) {
  return useQuery({
    queryKey: [...LEADS, 'detail', id],
    queryFn: () => apiFetch<LeadDetail>(leadPath(id)),
  });
}

/** Every change to a lead can move it between queues: refresh all lead views. */
function useLeadMutation<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: LEADS }),
  });
}

export function useTransition(id: string) {
  return useLeadMutation((input: TransitionInput) =>
    apiFetch<TransitionOutput>(`${leadPath(id)}/transitions`, { method: 'POST', body: input }),
  );
}

export function useAddEvidence(id: string) {
  return useLeadMutation((input: EvidenceInput) =>
    apiFetch<void>(`${leadPath(id)}/evidence`, { method: 'POST', body: input }),
  );
}

export function useDeconflict(id: string) {
  return useLeadMutation(() =>
    apiFetch<{ overlaps: { otherLeadId: string; kind: string; value: string }[] }>(
      `${leadPath(id)}/deconflict`,
      { method: 'POST', body: {} },
    ),
  );
}

export function useCreateLead() {
  return useLeadMutation((input: CreateLeadInput) =>
    apiFetch<{ id: string; merged: boolean }>('/api/leads', { method: 'POST', body: input }),
  );
}

export function useAssign() {
  return useLeadMutation((input: { ids: string[]; ownerId: string }) =>
    apiFetch<{ assigned: number }>('/api/leads/assign', { method: 'POST', body: input }),
  );
}

export function useAssignees(enabled: boolean) {
  return useQuery({
    queryKey: [...LEADS, 'assignees'],
    queryFn: () => apiFetch<{ users: Assignee[] }>('/api/leads/assignees'),
    enabled,
    staleTime: 60_000,
  });
}

export function useFieldOffices(enabled: boolean) {
  return useQuery({
    queryKey: [...LEADS, 'field-offices'],
    queryFn: () => apiFetch<{ offices: string[] }>('/api/leads/field-offices'),
    enabled,
    staleTime: 60_000,
  });
}

/**
 * The person's status finding as lead defaults (null: no violation). Read only when a lead is
 * being made, since every status read is audited.
 */
export function useStatusFinding(subjectId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['status', 'person', subjectId, 'finding'],
    queryFn: async (): Promise<LeadDefaults | null> =>
      findingFromStatus(await apiFetch<z.infer<typeof PersonStatusResponse>>(`/api/persons/${encodeURIComponent(subjectId)}/status`)),
    enabled,
    retry: false,
  });
}

export function referralPdfUrl(id: string): string {
  return `${leadPath(id)}/referral.pdf`;
}
