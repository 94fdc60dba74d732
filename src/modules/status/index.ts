// What other modules may use of status assessment (CONVENTIONS 1).
export { runAssessment, SEPARATE_READER_CONNECTIONS, type AssessOptions, type AssessProgress, type AssessRunResult } from './assess-run';
export { exportAssessments, EXPORT_HEADER, type ExportOptions, type ExportResult } from './export';
export { personStatus } from './person-status';
export { fiscalYearReportOf, listRuns, listViolators } from './status.service';
export { statusRoutes } from './status.routes';
export { STATUS_POLICY } from './status.policy';
export { EXPORT_CONTRACT_COLUMNS } from './status.schema';
export type {
  AdmissionStatusView,
  PersonStatusView,
  ReportResponseView,
  RunView,
  ViolatorsFilter,
  ViolatorsResponseView,
  ViolatorView,
} from './status.schema';
export { DEFAULT_STATUS_CONFIG, parseStatusConfig, type StatusConfig } from './engine';
