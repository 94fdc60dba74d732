import { describe, expect, it } from 'vitest';
import type { UserRow } from '../api/types';
import { changedFields, matchesFilter } from './user-changes';

const agent: UserRow = {
  id: '00000000-0000-4000-8000-000000000001',
  username: 'agent',
  displayName: 'Frankie Agent',
  roles: ['field_agent', 'analyst'],
  fieldOffice: 'NYC',
  permissions: ['leads'],
  disabled: false,
  lastLoginAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  isServiceAccount: false,
};

describe('changedFields', () => {
  it('sends nothing when nothing changed (role order does not matter)', () => {
    expect(
      changedFields(agent, {
        displayName: ' Frankie Agent ',
        roles: ['analyst', 'field_agent'],
        fieldOffice: 'NYC',
      }),
    ).toEqual({});
  });

  it('sends only what changed, and an emptied field office as null', () => {
    expect(
      changedFields(agent, {
        displayName: 'Frankie Agent',
        roles: ['field_agent'],
        fieldOffice: '  ',
      }),
    ).toEqual({
      roles: ['field_agent'],
      fieldOffice: null,
    });
  });
});

describe('matchesFilter', () => {
  it('matches username, name, office and role labels, case-insensitively', () => {
    for (const needle of ['AGENT', 'frankie', 'nyc', 'field agent', 'field_agent', '']) {
      expect(matchesFilter(agent, needle), needle).toBe(true);
    }
    expect(matchesFilter(agent, 'auditor')).toBe(false);
  });
});
