export { audit, auditAlone, listAuditEvents, verifyAuditChain, verifyAuditChainAs } from './audit.service';
export type { AuditEvent, VerifyResult } from './audit.service';
export { AUDIT_POLICY } from './audit.policy';
export { listAuditAlerts } from './alerts.service';
export type { AuditAlert } from './alerts.schema';
export { exportAuditExtract } from './audit-extract';
