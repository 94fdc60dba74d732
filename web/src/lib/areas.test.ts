import { describe, expect, it } from 'vitest';
import { AREAS as SERVER_AREAS, ROLE_AREAS, ROLES } from '../../../src/modules/auth/roles';
import { AREAS, landingPath, visibleAreas } from './areas';

describe('areas', () => {
  it('has exactly one area per permission the server knows, with unique paths', () => {
    expect(AREAS.map((a) => a.permission).sort()).toEqual([...SERVER_AREAS].sort());
    expect(new Set(AREAS.map((a) => a.path)).size).toBe(AREAS.length);
  });

  it('shows each role the navigation the brief lists for it', () => {
    const expected: Record<string, string[]> = {
      analyst: ['Search', 'Leads', 'Status', 'Organizations', 'Imports'],
      supervisor: ['Search', 'Leads', 'Status', 'Organizations', 'Imports'],
      field_agent: ['Leads'],
      privacy_officer: ['Search', 'Privacy Office', 'Audit'],
      records_officer: ['Imports', 'Privacy Office'],
      auditor: ['Audit'],
      admin: ['Audit', 'Admin'],
    };
    for (const role of ROLES) {
      expect(
        visibleAreas(ROLE_AREAS[role]).map((a) => a.label),
        role,
      ).toEqual(expected[role]);
    }
  });

  it('shows nothing to a user without permissions', () => {
    expect(visibleAreas([])).toEqual([]);
  });
});

describe('landingPath', () => {
  const analyst = ['search', 'leads', 'status', 'orgs', 'imports'];

  it('returns to the page asked for when the user may see it', () => {
    expect(landingPath('/leads', analyst)).toBe('/leads');
    expect(landingPath('/search?q=smith', analyst)).toBe('/search?q=smith');
    expect(landingPath('/audit/verify', ['audit'])).toBe('/audit/verify');
  });

  it('goes home instead of to an area the user may not enter', () => {
    expect(landingPath('/admin', analyst)).toBe('/');
    expect(landingPath('/audit?actor=x', analyst)).toBe('/');
  });

  it('never follows an off-site or looping address', () => {
    for (const bad of [
      null,
      undefined,
      '',
      'https://evil.example',
      '//evil.example/x',
      '/sign-in',
    ]) {
      expect(landingPath(bad, analyst)).toBe('/');
    }
  });
});
