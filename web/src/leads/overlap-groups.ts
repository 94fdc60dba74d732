import type { LeadDetail } from './leads-api';

type Overlap = LeadDetail['overlaps'][number];
interface OverlapGroup {
  otherLeadId: string;
  otherNumber: string;
  otherOwner: string;
  foundAt: string;
  shared: { kind: string; value: string }[];
}

/** One entry per other lead, each shared value once (both leads' checks record the same overlap). */
export function groupOverlaps(overlaps: readonly Overlap[]): OverlapGroup[] {
  const by = new Map<string, OverlapGroup>();
  for (const o of overlaps) {
    const g = by.get(o.otherLeadId) ?? { otherLeadId: o.otherLeadId, otherNumber: o.otherNumber, otherOwner: o.otherOwner, foundAt: o.foundAt, shared: [] };
    if (o.foundAt < g.foundAt) g.foundAt = o.foundAt;
    if (!g.shared.some((x) => x.kind === o.kind && x.value === o.value)) g.shared.push({ kind: o.kind, value: o.value });
    by.set(o.otherLeadId, g);
  }
  return [...by.values()].sort((a, b) => a.otherNumber.localeCompare(b.otherNumber));
}
