import { describe, expect, it } from 'vitest';
import { auditQueryString } from './endpoints';

describe('auditQueryString', () => {
  const none = { actor: '', action: '', subject: '', from: '', to: '' };

  it('sends only the filters that are set, trimmed, plus cursor and limit', () => {
    const qs = new URLSearchParams(
      auditQueryString(
        { ...none, actor: ' analyst ', from: '2026-01-01T00:00:00.000Z' },
        '812',
        25,
      ),
    );
    expect([...qs.keys()].sort()).toEqual(['actor', 'cursor', 'from', 'limit']);
    expect(qs.get('actor')).toBe('analyst');
    expect(qs.get('cursor')).toBe('812');
    expect(qs.get('limit')).toBe('25');
  });

  it('asks for the first page without a cursor', () => {
    expect(new URLSearchParams(auditQueryString(none, null)).has('cursor')).toBe(false);
  });
});
