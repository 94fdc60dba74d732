// One contract, two users (CONVENTIONS 5): the review types are inferred from the server's zod
// schemas; type-only imports add nothing to the bundle.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  DecisionOutcomeSchema,
  DecisionSchema,
  ExplanationSchema,
  RecordViewSchema,
  ReviewItemSchema,
} from '../../../src/modules/resolve/resolve.schema';
import { apiFetch } from '../api/client';

export type ReviewItem = z.infer<typeof ReviewItemSchema>;
export type RecordView = z.infer<typeof RecordViewSchema>;
export type Explanation = z.infer<typeof ExplanationSchema>;
export type Decision = z.infer<typeof DecisionSchema>;
export type DecisionOutcome = z.infer<typeof DecisionOutcomeSchema>;
export type ReviewStatus = ReviewItem['status'];

const REVIEW_PAGE_SIZE = 10;
const RESOLVE = ['resolve'] as const;

export type ReviewReason = ReviewItem['reason'];

/**
 * A page of the queue. The open queue comes as one entry per pair of persons (its strongest
 * pair, with the count of pairs between them): a decision settles them all.
 */
export function useReviewQueue(status: ReviewStatus, page: number, reason: ReviewReason | null) {
  const params = new URLSearchParams({
    status,
    limit: String(REVIEW_PAGE_SIZE),
    offset: String(page * REVIEW_PAGE_SIZE),
    by: status === 'open' ? 'persons' : 'pair',
  });
  if (reason) params.set('reason', reason);
  return useQuery({
    queryKey: [...RESOLVE, 'review', status, page, reason],
    queryFn: () =>
      apiFetch<{ items: ReviewItem[]; total: number; more: boolean }>(
        `/api/resolve/review?${params.toString()}`,
      ),
  });
}

export function useDecisions(page: number) {
  return useQuery({
    queryKey: [...RESOLVE, 'decisions', page],
    queryFn: () =>
      apiFetch<{ decisions: Decision[]; total: number }>(
        `/api/resolve/decisions?limit=25&offset=${page * 25}`,
      ),
  });
}

/**
 * Every decision changes entities, and so the queue, the log, profiles, search results, leads'
 * subjects and status: refresh everything shown.
 */
function useResolveMutation<V>(call: (v: V) => Promise<DecisionOutcome>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => client.invalidateQueries(),
  });
}

export function useDecideItem() {
  return useResolveMutation((v: { id: string; decision: 'confirm' | 'reject'; reason: string }) =>
    apiFetch<DecisionOutcome>(`/api/resolve/review/${encodeURIComponent(v.id)}`, {
      method: 'POST',
      body: { decision: v.decision, reason: v.reason },
    }),
  );
}

export function useUndoDecision() {
  return useResolveMutation((v: { id: string; reason: string }) =>
    apiFetch<DecisionOutcome>(`/api/resolve/decisions/${encodeURIComponent(v.id)}/undo`, {
      method: 'POST',
      body: { reason: v.reason },
    }),
  );
}

/** Merge persons (or organizations) into one; the first id is the one kept where possible. */
export function useMergeEntities() {
  return useResolveMutation((v: { entityIds: string[]; reason: string }) =>
    apiFetch<DecisionOutcome>('/api/entities/merge', { method: 'POST', body: v }),
  );
}

/** Split records (refs "123" or "123:dso") out of an entity into an entity of their own. */
export function useSplitEntity() {
  return useResolveMutation((v: { entityId: string; records: string[]; reason: string }) =>
    apiFetch<DecisionOutcome>(`/api/entities/${encodeURIComponent(v.entityId)}/split`, {
      method: 'POST',
      body: { records: v.records, reason: v.reason },
    }),
  );
}
