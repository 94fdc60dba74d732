import { describe, expect, it } from 'vitest';
import { availableActions, checkTransition, type LeadActor, type LeadFacts } from './workflow';

const analyst: LeadActor = { userId: 'a1', roles: ['analyst'], fieldOffice: null };
const supervisor: LeadActor = { userId: 's1', roles: ['supervisor'], fieldOffice: null };
const nycAgent: LeadActor = { userId: 'f1', roles: ['field_agent'], fieldOffice: 'NYC' };
const bosAgent: LeadActor = { userId: 'f2', roles: ['field_agent'], fieldOffice: 'BOS' };
const lead = (over: Partial<LeadFacts> = {}): LeadFacts => ({ state: 'new', ownerId: 'a1', preparedBy: null, fieldOffice: null, ...over });

describe('lead workflow', () => {
  it('walks the whole path with the right people', () => {
    expect(checkTransition('start_research', analyst, lead(), null)).toEqual({ ok: true, to: 'under_research' });
    expect(checkTransition('submit_for_review', analyst, lead({ state: 'under_research' }), null)).toEqual({ ok: true, to: 'ready_for_review' });
    expect(checkTransition('approve', supervisor, lead({ state: 'ready_for_review', preparedBy: 'a1' }), null)).toEqual({ ok: true, to: 'approved_for_referral' });
    expect(checkTransition('refer', supervisor, lead({ state: 'approved_for_referral' }), null)).toEqual({ ok: true, to: 'referred' });
    expect(checkTransition('accept', nycAgent, lead({ state: 'referred', fieldOffice: 'NYC' }), null)).toEqual({ ok: true, to: 'accepted' });
    expect(checkTransition('record_outcome', nycAgent, lead({ state: 'accepted', fieldOffice: 'NYC' }), null)).toEqual({ ok: true, to: 'outcome_recorded' });
    expect(checkTransition('close', supervisor, lead({ state: 'outcome_recorded' }), 'done')).toEqual({ ok: true, to: 'closed' });
  });

  it('never lets the preparer approve, even as a supervisor (separation of duties)', () => {
    const both: LeadActor = { userId: 's2', roles: ['analyst', 'supervisor'], fieldOffice: null };
    const r = checkTransition('approve', both, lead({ state: 'ready_for_review', ownerId: 's2', preparedBy: 's2' }), null);
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('separation of duties') });
  });

  it('refuses an analyst approval and illegal transitions with clear reasons', () => {
    expect(checkTransition('approve', analyst, lead({ state: 'ready_for_review' }), null)).toMatchObject({ ok: false, reason: expect.stringContaining('supervisor') });
    expect(checkTransition('refer', supervisor, lead({ state: 'under_research' }), null)).toMatchObject({ ok: false, reason: expect.stringMatching(/under research cannot be referred/) });
    expect(checkTransition('accept', supervisor, lead({ state: 'new' }), null).ok).toBe(false);
  });

  it('lets only agents of the receiving office accept, decline or record an outcome', () => {
    const referred = lead({ state: 'referred', fieldOffice: 'NYC' });
    expect(checkTransition('accept', bosAgent, referred, null)).toMatchObject({ ok: false, reason: expect.stringContaining('NYC') });
    expect(checkTransition('decline', nycAgent, referred, null)).toMatchObject({ ok: false, reason: expect.stringContaining('reason') });
    expect(checkTransition('decline', nycAgent, referred, 'insufficient evidence')).toEqual({ ok: true, to: 'declined' });
  });

  it('lists the actions open to each person', () => {
    expect(availableActions(analyst, lead({ state: 'under_research' }))).toEqual(['submit_for_review', 'close']);
    expect(availableActions(supervisor, lead({ state: 'ready_for_review', preparedBy: 'a1' }))).toEqual(['return_for_research', 'approve']);
    expect(availableActions(nycAgent, lead({ state: 'referred', fieldOffice: 'NYC' }))).toEqual(['accept', 'decline']);
    expect(availableActions(bosAgent, lead({ state: 'referred', fieldOffice: 'NYC' }))).toEqual([]);
  });
});
