import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ConcealedRefusal, ERROR_HTTP_STATUS, type ErrorCode } from '../shared/errors';
import { auditAlone } from '../modules/audit';
import type { Database } from '../db/database';

interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

function body(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Map framework errors (bad JSON, oversized bodies, schema failures) to our codes. */
function fromFastify(err: FastifyError): AppError | undefined {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = err.validation.map((v) => ({
      where: err.validationContext,
      path: v.instancePath || '/',
      message: v.message,
    }));
    const text = details.map((d) => `${d.where}${d.path}: ${d.message}`).join('; ');
    return new AppError('VALIDATION_FAILED', `The request is not valid: ${text}`, details);
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'The request body is larger than this server accepts.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('BAD_REQUEST', 'The request body is empty; send a JSON object.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('BAD_REQUEST', 'The request body is not valid JSON.');
  }
  if (err instanceof SyntaxError || (err.statusCode === 400 && /JSON/i.test(err.message))) {
    return new AppError('BAD_REQUEST', 'The request body is not valid JSON.');
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return new AppError(err.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', err.message);
  }
  return undefined;
}

/** The one error handler: codes to HTTP; refusals audited; internals never echoed on a 5xx. */
export function registerErrorHandler(app: FastifyInstance, database: Database): void {
  app.setErrorHandler(async (rawErr: FastifyError, request, reply) => {
    const err = rawErr instanceof AppError ? rawErr : fromFastify(rawErr);
    if (!err) {
      request.log.error({ err: rawErr }, 'unhandled error');
      return reply
        .status(500)
        .send(body('INTERNAL', `Something went wrong on our side. Quote request id ${request.id} to support.`));
    }
    const concealed = err instanceof ConcealedRefusal ? err.refused : null;
    if (err.code === 'FORBIDDEN' || err.code === 'PURPOSE_REQUIRED' || err.code === 'CSRF_INVALID' || concealed) {
      const ctx = request.ctxOrAnonymous();
      // Who was refused, as they were then (roles and office change), and what they asked for: the audit alerts read these.
      const params = (request.params ?? {}) as Record<string, unknown>;
      await auditAlone(database, ctx, {
        action: 'access.denied',
        outcome: 'denied',
        subjectType: concealed?.subjectType ?? null,
        subjectIds: concealed ? [...concealed.subjectIds] : [],
        details: {
          method: request.method,
          route: request.routeOptions.url ?? request.url,
          params,
          code: err.code,
          message: concealed ? concealed.reason : err.message,
          ...(ctx.actor ? { roles: [...ctx.actor.roles], fieldOffice: ctx.actor.fieldOffice } : {}),
          ...(err.details && typeof err.details === 'object' && 'markings' in err.details ? { markings: err.details.markings } : {}),
        },
      }).catch((e: unknown) => request.log.error({ err: e }, 'could not audit a refusal'));
    }
    const status = ERROR_HTTP_STATUS[err.code];
    return reply.status(status).send(body(err.code, err.message, err.details));
  });
}
