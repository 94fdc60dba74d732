import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { listAuditAlerts, listAuditEvents, verifyAuditChain } from '../api/endpoints';
import type { AuditFilters } from '../api/types';

export function useAuditEvents(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', 'events', filters],
    queryFn: ({ pageParam, signal }) => listAuditEvents(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Verification walks the whole chain, so it runs only when asked. */
export function useVerifyChain() {
  return useMutation({ mutationFn: verifyAuditChain });
}

export function useAuditAlerts(days: number) {
  return useQuery({
    queryKey: ['audit', 'alerts', days],
    queryFn: ({ signal }) => listAuditAlerts(days, signal),
  });
}
