export { audit, auditAlone, listAuditEvents, verifyAuditChain, verifyAuditChainAs } from './audit.service';
export type { AuditEvent, VerifyResult } from './audit.service';
export { AUDIT_POLICY } from './audit.policy';
