/** An error answer from the API: `{ error: { code, message, details? } }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

type UnauthorizedHandler = () => void;

let csrfToken: string | null = null;
let onUnauthorized: UnauthorizedHandler = () => {};

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any call other than sign-in / session probe answers 401. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  /** 401 is an expected answer (sign-in, session probe): don't treat it as an expired session. */
  allowUnauthorized?: boolean;
  signal?: AbortSignal;
  /** Extra request headers (e.g. x-purpose, the stated purpose of a read). */
  headers?: Record<string, string>;
}

export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { ...options.headers, accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  // Only state-changing requests need the token; GETs must stay side-effect free.
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });

  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const error = await toApiError(response);
  if (response.status === 401 && !options.allowUnauthorized) onUnauthorized();
  throw error;
}

export async function toApiError(response: Response): Promise<ApiError> {
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    payload = undefined;
  }
  return parseErrorPayload(response.status, payload);
}

export function parseErrorPayload(status: number, payload: unknown): ApiError {
  const err = isRecord(payload) && isRecord(payload.error) ? payload.error : null;
  const code = err && typeof err.code === 'string' ? err.code : `HTTP_${status}`;
  const message = err && typeof err.message === 'string' ? err.message : fallbackMessage(status);
  return new ApiError(status, code, message, err?.details);
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Your session has ended. Please sign in again.';
  if (status === 403) return 'You are not permitted to do that.';
  if (status === 404) return 'Not found.';
  if (status >= 500)
    return 'The server could not complete the request. Try again, or contact the administrator.';
  return `The request failed (HTTP ${status}).`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A message fit to show a user, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError)
    return 'Cannot reach the LeadTrac server. Check your connection and try again.';
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/**
 * Upload a multipart form with progress (fetch cannot report upload progress; XMLHttpRequest can).
 * Sends the CSRF token like every state-changing call.
 */
export function apiUpload<T>(
  path: string,
  form: FormData,
  onProgress?: (fraction: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () =>
      reject(new ApiError(0, 'NETWORK', 'The upload failed: the server could not be reached.'));
    xhr.onload = () => {
      let payload: unknown;
      try {
        payload = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        payload = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(payload as T);
      if (xhr.status === 401) onUnauthorized();
      reject(parseErrorPayload(xhr.status, payload));
    };
    xhr.send(form);
  });
}
