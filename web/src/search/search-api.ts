import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../api/client';
import type { SearchResponse, SearchResult } from '../../../src/modules/search/search.schema';
import { purposeHeaders, usePurpose } from '../profiles/purpose';

export type { SearchResponse, SearchResult };

export interface SearchParams {
  q: string;
  country: string;
  classOfAdmission: string;
  status: string;
  school: string;
}

export const FILTER_KEYS = ['country', 'classOfAdmission', 'status', 'school'] as const;

/** The query string of a search: empty values left out. */
export function searchQueryString(p: SearchParams, limit = 25): string {
  const params = new URLSearchParams();
  params.set('q', p.q.trim());
  for (const k of FILTER_KEYS) if (p[k].trim()) params.set(k, p[k].trim());
  params.set('limit', String(limit));
  return params.toString();
}

export function readSearchParams(sp: URLSearchParams): SearchParams {
  return {
    q: sp.get('q') ?? '',
    country: sp.get('country') ?? '',
    classOfAdmission: sp.get('classOfAdmission') ?? '',
    status: sp.get('status') ?? '',
    school: sp.get('school') ?? '',
  };
}

export function useSearch(p: SearchParams) {
  const purpose = usePurpose();
  const qs = searchQueryString(p);
  return useQuery({
    queryKey: ['search', qs, purpose],
    queryFn: ({ signal }) => apiFetch<SearchResponse>(`/api/search?${qs}`, { signal, headers: purposeHeaders(purpose) }),
    enabled: p.q.trim().length >= 2,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 30_000,
  });
}
