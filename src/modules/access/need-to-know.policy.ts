import { definePermissions } from '../auth/policy';

/**
 * Record-level markings (privacy-act.md, "Safeguards"): content marked CDR or INFORMANT is shown
 * outside an assignment only to holders of the matching permission, and then only under a stated
 * purpose. Supervisors hold both: they approve referrals and handle legal process and sources.
 */
export const NEED_TO_KNOW_POLICY = definePermissions({
  'marked.cdr': { description: 'see call detail records (marking CDR) outside your assignments', roles: ['supervisor'] },
  'marked.informant': { description: "see tipsters' identities and their tips (marking INFORMANT) outside your assignments", roles: ['supervisor'] },
});
