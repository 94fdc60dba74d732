export { createLead, getLead, listQueue, transitionLead, addEvidence, deconflictLead, assignLeads } from './leads.service';
export { LEADS_POLICY } from './leads.policy';
export { hasLeadOnSubject } from './leads.repo';
export { LEAD_STATES, LEAD_OUTCOMES, LEAD_ACTIONS, type LeadState, type LeadAction, type LeadOutcome } from './workflow';
