import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '../api/client';
import type {
  EventItemSchema,
  FieldSchema,
  OrganizationProfile,
  PersonProfile,
  RecordView,
  RelatedEntitySchema,
  SourcedSchema,
  SourceRefSchema,
} from '../../../src/modules/profiles/profiles.schema';
import { purposeHeaders, usePurpose } from './purpose';

// One contract, two users: the types are the server's zod schemas.
export type { OrganizationProfile, PersonProfile, RecordView };
export type SourceRef = z.infer<typeof SourceRefSchema>;
export type Sourced = z.infer<typeof SourcedSchema>;
export type Field = z.infer<typeof FieldSchema>;
export type EventItem = z.infer<typeof EventItemSchema>;
export type RelatedEntity = z.infer<typeof RelatedEntitySchema>;

function useProfileQuery<T>(kind: string, path: string | null) {
  const purpose = usePurpose();
  return useQuery({
    // The purpose is part of the key: stating one fetches the unmasked view (and audits it).
    queryKey: [kind, path, purpose],
    queryFn: ({ signal }) => apiFetch<T>(path!, { signal, headers: purposeHeaders(purpose) }),
    enabled: path !== null,
    retry: false,
  });
}

export const usePerson = (id: string) => useProfileQuery<PersonProfile>('person', `/api/persons/${encodeURIComponent(id)}`);
export const useOrganization = (id: string) => useProfileQuery<OrganizationProfile>('org', `/api/orgs/${encodeURIComponent(id)}`);
export const useRecord = (ref: string | null) => useProfileQuery<RecordView>('record', ref ? `/api/records/${encodeURIComponent(ref)}` : null);
