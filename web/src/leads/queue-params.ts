import { LEAD_PRIORITIES, LEAD_TYPES, type LeadPriority, type LeadType } from '../../../src/modules/leads/leads.config';

export const QUEUES = ['mine', 'team', 'review', 'referred', 'overdue', 'all'] as const;
export type Queue = (typeof QUEUES)[number];
export const SORTS = ['due', 'priority', 'updated'] as const;
export type Sort = (typeof SORTS)[number];

export interface QueueParams {
  queue: Queue;
  priority: LeadPriority | null;
  type: LeadType | null;
  sort: Sort;
}

export interface QueueTab {
  queue: Queue;
  label: string;
}

/**
 * The queues a user works from. Field agents see only their office's referred leads (the server
 * scopes them whatever they ask for); approval is a supervisor's, so only they get a review queue.
 */
export function queueTabs(roles: readonly string[], fieldOffice: string | null): QueueTab[] {
  const has = (r: string) => roles.includes(r);
  if (has('analyst') || has('supervisor')) {
    return [
      { queue: 'mine', label: 'My leads' },
      { queue: 'team', label: 'Team' },
      ...(has('supervisor') ? [{ queue: 'review' as const, label: 'Awaiting my review' }] : []),
      { queue: 'referred', label: 'Referred' },
      { queue: 'overdue', label: 'Overdue' },
    ];
  }
  if (has('field_agent')) {
    const office = fieldOffice ?? 'my office';
    return [
      { queue: 'referred', label: `Referred to ${office}` },
      { queue: 'all', label: `All of ${office}’s leads` },
    ];
  }
  return [
    { queue: 'team', label: 'Open leads' },
    { queue: 'referred', label: 'Referred' },
    { queue: 'overdue', label: 'Overdue' },
    { queue: 'all', label: 'All' },
  ];
}

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | null =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : null;

// The queue and its filters live in the address, so a view can be bookmarked or shared.
export function paramsFromSearch(search: URLSearchParams, tabs: readonly QueueTab[]): QueueParams {
  const asked = oneOf(QUEUES, search.get('queue'));
  const queue = tabs.find((t) => t.queue === asked)?.queue ?? tabs[0]?.queue ?? 'mine';
  return {
    queue,
    priority: oneOf(LEAD_PRIORITIES, search.get('priority')),
    type: oneOf(LEAD_TYPES, search.get('type')),
    sort: oneOf(SORTS, search.get('sort')) ?? 'due',
  };
}

export function paramsToSearch(p: QueueParams): URLSearchParams {
  const s = new URLSearchParams({ queue: p.queue });
  if (p.priority) s.set('priority', p.priority);
  if (p.type) s.set('type', p.type);
  if (p.sort !== 'due') s.set('sort', p.sort);
  return s;
}

/** The API's query string for a queue. */
export function queueQueryString(p: QueueParams): string {
  const s = new URLSearchParams({ queue: p.queue, sort: p.sort, limit: '200' });
  if (p.priority) s.set('priority', p.priority);
  if (p.type) s.set('type', p.type);
  return s.toString();
}
