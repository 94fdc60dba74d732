export { audit, auditAlone, listAuditEvents, verifyAuditChain, verifyAuditChainAs } from './audit.service';
export type { AuditEvent, VerifyResult } from './audit.service';
export { AUDIT_POLICY } from './audit.policy';
export { listAuditAlerts, type AuditAlert } from './alerts.service';
export { exportAuditExtract } from './audit-extract';
