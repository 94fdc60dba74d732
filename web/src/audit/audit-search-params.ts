import type { AuditFilters } from '../api/types';

export const EMPTY_FILTERS: AuditFilters = { actor: '', action: '', subject: '', from: '', to: '' };
const KEYS = Object.keys(EMPTY_FILTERS) as (keyof AuditFilters)[];

// Applied filters live in the address so a filtered view can be bookmarked or shared.
export function filtersFromParams(params: URLSearchParams): AuditFilters {
  const filters = { ...EMPTY_FILTERS };
  for (const key of KEYS) filters[key] = params.get(key)?.trim() ?? '';
  return filters;
}

export function filtersToParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = filters[key].trim();
    if (value) params.set(key, value);
  }
  return params;
}

export function activeFilterCount(filters: AuditFilters): number {
  return KEYS.filter((key) => filters[key].trim() !== '').length;
}
