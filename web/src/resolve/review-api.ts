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

export const REVIEW_PAGE_SIZE = 10;
const RESOLVE = ['resolve'] as const;

export function useReviewQueue(status: ReviewStatus, page: number) {
  return useQuery({
    queryKey: [...RESOLVE, 'review', status, page],
    queryFn: () =>
      apiFetch<{ items: ReviewItem[]; total: number }>(
        `/api/resolve/review?status=${status}&limit=${REVIEW_PAGE_SIZE}&offset=${page * REVIEW_PAGE_SIZE}`,
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
