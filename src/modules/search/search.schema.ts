import { z } from 'zod';

/** One contract, two users (CONVENTIONS 5): the route validates with these, the web app reads their types. */
export const SearchQuerySchema = z.object({
  q: z.string().trim().min(2, 'Type at least two characters.').max(200),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'A country is an ISO 3166-1 alpha-3 code such as NGA.').optional(),
  classOfAdmission: z.string().trim().toUpperCase().max(10).optional(),
  school: z.string().trim().min(2).max(120).optional(),
  status: z.string().trim().toUpperCase().max(20).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuerySchema>;

export const SearchIdentifierSchema = z.object({ kind: z.string(), label: z.string(), value: z.string() });

export const SearchResultSchema = z.object({
  entityId: z.string(),
  kind: z.enum(['person', 'organization']),
  displayName: z.string(),
  birthDates: z.array(z.string()),
  citizenships: z.array(z.string()),
  identifiers: z.array(SearchIdentifierSchema),
  sevisStatus: z.string().nullable(),
  schools: z.array(z.string()),
  records: z.number(),
  score: z.number(),
  reasons: z.array(z.string()),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;

export const SearchResponseSchema = z.object({
  query: z.object({
    q: z.string(),
    nameWords: z.array(z.string()),
    dates: z.array(z.string()),
    identifierKinds: z.array(z.string()),
    filters: z.record(z.string(), z.string()),
  }),
  results: z.array(SearchResultSchema),
  /** Candidates that passed the filters, before the limit. */
  matched: z.number(),
  purposeStated: z.boolean(),
  notices: z.array(z.string()),
  tookMs: z.number(),
});
export type SearchResponse = z.infer<typeof SearchResponseSchema>;
