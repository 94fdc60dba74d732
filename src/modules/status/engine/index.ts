// The status-assessment rules engine (shared/domain/status-rules.md): pure, no I/O.
export { assessPerson } from './assess-person';
export {
  addDays,
  addYears,
  diffDays,
  fiscalYearBounds,
  fiscalYearOfDay,
  formatDay,
  parseDay,
  type DayNumber,
} from './days';
export {
  defaultReportAsOf,
  FiscalYearAccumulator,
  fiscalYearReport,
  formatRate,
  ratePercent,
  type FiscalYearInput,
  type FiscalYearReport,
  type RateRow,
} from './fiscal-year';
export { RULE } from './evaluation';
export {
  assessRisk,
  riskInputsFromAssessments,
  type RiskAssessment,
  type RiskFactor,
  type RiskInputs,
  type RiskLevel,
} from './risk';
export {
  DEFAULT_STATUS_CONFIG,
  ENFORCEMENT_EVENT_TYPES,
  parseStatusConfig,
  statusConfigSchema,
  type EnforcementEventType,
  type StatusConfig,
} from './status-config';
export * from './types';
