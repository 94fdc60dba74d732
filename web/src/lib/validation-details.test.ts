import { describe, expect, it } from 'vitest';
import { detailLines, fieldErrors } from './validation-details';

describe('validation details', () => {
  it("reads the server's schema-failure details (JSON pointers)", () => {
    const details = [
      { where: 'body', path: '/username', message: 'use 2–63 letters' },
      { where: 'body', path: '/roles/0', message: 'invalid role' },
      { where: 'body', path: '/', message: 'change at least one field' },
    ];
    expect(detailLines(details)).toEqual([
      { field: 'username', message: 'use 2–63 letters' },
      { field: 'roles.0', message: 'invalid role' },
      { field: null, message: 'change at least one field' },
    ]);
    expect(fieldErrors(details)).toEqual({ username: 'use 2–63 letters', roles: 'invalid role' });
  });

  it('reads zod issues and flattened zod errors', () => {
    expect(detailLines({ issues: [{ path: ['password'], message: 'too short' }] })).toEqual([
      { field: 'password', message: 'too short' },
    ]);
    expect(
      detailLines({ formErrors: ['bad'], fieldErrors: { displayName: ['required', 'too long'] } }),
    ).toEqual([
      { field: null, message: 'bad' },
      { field: 'displayName', message: 'required' },
      { field: 'displayName', message: 'too long' },
    ]);
  });

  it('keeps only the first message per field', () => {
    expect(fieldErrors({ fieldErrors: { displayName: ['required', 'too long'] } })).toEqual({
      displayName: 'required',
    });
  });

  it('ignores what it cannot read', () => {
    expect(detailLines(undefined)).toEqual([]);
    expect(detailLines('oops')).toEqual([]);
    expect(detailLines([42, { nope: true }])).toEqual([]);
  });
});
