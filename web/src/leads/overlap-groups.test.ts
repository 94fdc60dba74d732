import { describe, expect, it } from 'vitest';
import { groupOverlaps } from './overlap-groups';

const o = (other: string, kind: string, value: string, foundAt: string) => ({ otherLeadId: other, otherNumber: `LT-2026-${other}`, otherOwner: 'analyst', kind, value, foundAt });

describe('groupOverlaps', () => {
  it('lists each other lead once, each shared value once, with the first time it was found', () => {
    const g = groupOverlaps([
      o('000018', 'school_code', 'CHI214F66527', '2026-11-21T08:33:00Z'),
      o('000008', 'address', '10271 carroll ct chicago il 60643', '2026-11-21T08:32:00Z'),
      o('000018', 'school_code', 'CHI214F66527', '2026-11-21T08:32:00Z'),
      o('000008', 'school_code', 'CHI214F66527', '2026-11-21T08:32:00Z'),
    ]);
    expect(g.map((x) => [x.otherNumber, x.shared.length, x.foundAt])).toEqual([
      ['LT-2026-000008', 2, '2026-11-21T08:32:00Z'],
      ['LT-2026-000018', 1, '2026-11-21T08:32:00Z'],
    ]);
  });
});
