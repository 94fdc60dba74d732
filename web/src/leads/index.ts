// What other areas of the web app use from Leads: the "Create lead" button for any finding
// (violators list, profiles, tips) and the profile's panel of leads on a subject.
export { CreateLeadButton, canCreateLeads, type CreateLeadButtonProps } from './create-lead-button';
export type { EvidenceDraft, LeadDefaults } from './lead-form';
export { SubjectLeadsPanel } from './subject-leads-panel';
export { findingFromStatus, findingFromTip, findingFromViolator } from './finding-defaults';
export { LeadsArea } from './leads-area';
