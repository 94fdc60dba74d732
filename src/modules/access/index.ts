export { decideNeedToKnow, accessSummary, SENSITIVE_CATEGORIES, type Category, type Channel, type NeedToKnow, type Basis, type Assignment } from './need-to-know';
export { needToKnowFor, assignmentsFor, auditContext } from './need-to-know.service';
export { recordMarkings, informantColumns, MARKINGS, type Marking } from './markings';
export { NEED_TO_KNOW_POLICY } from './need-to-know.policy';
