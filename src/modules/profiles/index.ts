export { getPersonProfile } from './person.service';
export { getOrganizationProfile } from './org.service';
export { getRecordView } from './record.service';
export { profilesRoutes } from './profiles.routes';
export { PROFILES_POLICY } from './profiles.policy';
export { Disclosure, disclosureFor, auditContextOf, maskSsn, columnCategory, WITHHELD, type Category } from './masking';
export type { PersonProfile, OrganizationProfile, RecordView } from './profiles.schema';
