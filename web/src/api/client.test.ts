import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  apiFetch,
  errorMessage,
  parseErrorPayload,
  setCsrfToken,
  setUnauthorizedHandler,
} from './client';

function respond(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

function mockFetch(response: Response) {
  const fn = vi.fn<typeof fetch>(async () => response);
  vi.stubGlobal('fetch', fn);
  return fn;
}

function sentHeaders(fn: ReturnType<typeof mockFetch>): Record<string, string> {
  return (fn.mock.calls[0]?.[1]?.headers ?? {}) as Record<string, string>;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  setUnauthorizedHandler(() => {});
});

describe('apiFetch', () => {
  it('sends the CSRF token on state-changing requests only', async () => {
    setCsrfToken('tok-1');
    const post = mockFetch(respond(200, { ok: true }));
    await apiFetch('/api/x', { method: 'POST', body: { a: 1 } });
    expect(sentHeaders(post)['x-csrf-token']).toBe('tok-1');
    expect(post.mock.calls[0]?.[1]?.body).toBe('{"a":1}');

    const get = mockFetch(respond(200, { ok: true }));
    await apiFetch('/api/x');
    expect(sentHeaders(get)['x-csrf-token']).toBeUndefined();
  });

  it('returns undefined for 204 and the parsed body otherwise', async () => {
    mockFetch(respond(204));
    expect(await apiFetch('/api/x', { method: 'POST' })).toBeUndefined();
    mockFetch(respond(200, { users: [1] }));
    expect(await apiFetch('/api/x')).toEqual({ users: [1] });
  });

  it('throws the server error and reports an unexpected 401', async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    mockFetch(
      respond(401, { error: { code: 'SESSION_EXPIRED', message: 'Your session has expired.' } }),
    );
    const error = await apiFetch('/api/users').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('SESSION_EXPIRED');
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('does not treat an expected 401 (sign-in) as an ended session', async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    mockFetch(
      respond(401, {
        error: { code: 'INVALID_CREDENTIALS', message: 'Wrong username or password.' },
      }),
    );
    await expect(
      apiFetch('/api/auth/login', { method: 'POST', allowUnauthorized: true }),
    ).rejects.toThrow('Wrong username or password.');
    expect(onUnauthorized).not.toHaveBeenCalled();
  });
});

describe('parseErrorPayload', () => {
  it('keeps code, message and details from the error envelope', () => {
    const e = parseErrorPayload(400, {
      error: { code: 'VALIDATION_FAILED', message: 'bad', details: [1] },
    });
    expect([e.status, e.code, e.message, e.details]).toEqual([
      400,
      'VALIDATION_FAILED',
      'bad',
      [1],
    ]);
  });

  it('falls back to a readable message when the body is not an envelope', () => {
    expect(parseErrorPayload(502, '<html>').message).toMatch(/server could not complete/);
    expect(parseErrorPayload(403, null).code).toBe('HTTP_403');
  });

  it('explains network failures in plain words', () => {
    expect(errorMessage(new TypeError('Failed to fetch'))).toMatch(/Cannot reach/);
  });
});
