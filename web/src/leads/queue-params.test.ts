import { describe, expect, it } from 'vitest';
import { needsReason } from './lead-labels';
import { paramsFromSearch, paramsToSearch, queueQueryString, queueTabs } from './queue-params';

describe('queueTabs', () => {
  it('gives the review queue to supervisors only', () => {
    expect(queueTabs(['analyst'], null).map((t) => t.queue)).toEqual(['mine', 'team', 'referred', 'overdue']);
    expect(queueTabs(['supervisor'], null).map((t) => t.queue)).toEqual(['mine', 'team', 'review', 'referred', 'overdue']);
  });

  it('gives a field agent their office’s queues, named for the office', () => {
    expect(queueTabs(['field_agent'], 'NYC')).toEqual([
      { queue: 'referred', label: 'Referred to NYC' },
      { queue: 'all', label: 'All of NYC’s leads' },
    ]);
  });
});

describe('queue parameters in the address', () => {
  const tabs = queueTabs(['analyst'], null);

  it('round-trips a filtered, sorted queue', () => {
    const p = { queue: 'team' as const, priority: 'HIGH' as const, type: 'TIP' as const, sort: 'priority' as const };
    expect(paramsFromSearch(paramsToSearch(p), tabs)).toEqual(p);
  });

  it('falls back to the first tab and drops values it does not know', () => {
    const p = paramsFromSearch(new URLSearchParams('queue=review&priority=URGENT&sort=random'), tabs);
    expect(p).toEqual({ queue: 'mine', priority: null, type: null, sort: 'due' });
  });

  it('asks the API for the queue with its filters', () => {
    const q = new URLSearchParams(queueQueryString({ queue: 'overdue', priority: 'LOW', type: null, sort: 'updated' }));
    expect(Object.fromEntries(q)).toEqual({ queue: 'overdue', sort: 'updated', limit: '200', priority: 'LOW' });
  });
});

describe('needsReason', () => {
  it('follows the workflow: refusals, returns and closing need a reason, approval does not', () => {
    expect(needsReason('decline')).toBe(true);
    expect(needsReason('return_for_research')).toBe(true);
    expect(needsReason('close')).toBe(true);
    expect(needsReason('approve')).toBe(false);
  });
});
