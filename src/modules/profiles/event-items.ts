import type { Category, Disclosure } from './masking';
import type { SourceRef } from './provenance';
import type { EventItem } from './profiles.schema';

/** A label, a value, and the sensitive category the value falls in (if any). */
type Scalar = string | number | null | undefined;
export type DetailSpec = readonly [label: string, value: Scalar, category?: Category];

function text(v: Scalar): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

/** One dated item of a profile section; sensitive details masked through the disclosure. */
export function eventItem(d: Disclosure, source: SourceRef, date: Scalar, title: string, specs: readonly DetailSpec[]): EventItem {
  const details = specs
    .map(([label, raw, category]) => {
      const value = text(raw);
      if (value === null) return null;
      const shown = category ? d.show(category, value) : value;
      return { label, value: shown, withheld: shown !== value };
    })
    .filter((x) => x !== null);
  return { date: text(date)?.slice(0, 10) ?? null, title, details, source };
}

/** Newest first; undated items last. */
export function byDateDesc(a: EventItem, b: EventItem): number {
  return (b.date ?? '').localeCompare(a.date ?? '') || a.source.recordId.localeCompare(b.source.recordId);
}

/** Oldest first (a history read top to bottom). */
export function byDateAsc(a: EventItem, b: EventItem): number {
  return (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.source.recordId.localeCompare(b.source.recordId);
}

export function joinParts(...parts: Scalar[]): string | null {
  const s = parts.map(text).filter((p) => p !== null).join(' ');
  return s === '' ? null : s;
}

export function range(from: Scalar, to: Scalar): string | null {
  const a = text(from);
  const b = text(to);
  if (!a && !b) return null;
  return `${a ?? '?'} – ${b ?? '?'}`;
}
