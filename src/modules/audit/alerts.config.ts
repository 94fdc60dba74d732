/**
 * Thresholds of the unusual-access alerts (issue 6, "Alerts for unusual access"). Defaults; every
 * one can be overridden per query (GET /api/audit/alerts?factor=…&floor=…).
 */
export const ALERT_DEFAULTS = {
  /** A day is unusual when a user reads more distinct subjects than `factor` × their 30-day daily average… */
  factor: 3,
  /** …and more than `floor` (a quiet user's first busy day is not an alert). */
  floor: 25,
  /** Days of history that make a user's baseline. */
  baselineDays: 30,
  /** Refused reads of sensitive or marked content by one user in one day that make an alert. */
  refusals: 3,
  /** An export of at least this many rows is a bulk export. */
  exportRows: 1000,
  /** The window looked at when none is given: the last `windowDays` days, today included. */
  windowDays: 7,
} as const;

/** Audit actions that read subjects, and how the subjects read are found in their rows (see alerts.repo.ts). */
export const SUBJECT_READ_ACTIONS = ['person.read', 'org.read', 'record.read', 'lead.read', 'lead.referral_package', 'disclosure.package'] as const;
