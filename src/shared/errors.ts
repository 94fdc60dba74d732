/**
 * Every error code the system can return, and its HTTP status: the one place codes map to HTTP.
 * Grouped by module; a module adds its codes here so the mapping stays exhaustive by construction.
 */
export const ERROR_HTTP_STATUS = {
  // platform
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  DATABASE_IN_USE: 503,
  // auth
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 401,
  ACCOUNT_DISABLED: 401,
  SESSION_EXPIRED: 401,
  CSRF_INVALID: 403,
  FORBIDDEN: 403,
  PURPOSE_REQUIRED: 403,
  USERNAME_TAKEN: 409,
  WEAK_PASSWORD: 400,
  // audit
  AUDIT_IMMUTABLE: 409,
  // sources / ingest
  UNKNOWN_SOURCE: 400,
  SOURCE_FORMAT: 400,
  LEGAL_PROCESS_REQUIRED: 400,
  // leads
  TRANSITION_REFUSED: 409,
  // resolve
  DECISION_CONFLICT: 409,
  RESOLVE_NO_MODEL: 409,
  // disclosures
  NO_LEGAL_BASIS: 422,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_HTTP_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get httpStatus(): number {
    return ERROR_HTTP_STATUS[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/**
 * A refusal answered as "not found", so the caller learns nothing of what exists (a field agent
 * asking for another office's lead). Still a refusal: the error handler audits it as one, with
 * what was asked for; the response carries none of it.
 */
export class ConcealedRefusal extends AppError {
  constructor(
    message: string,
    readonly refused: { subjectType: string; subjectIds: readonly string[]; reason: string },
  ) {
    super('NOT_FOUND', message);
  }
}
