// Times are shown and entered in UTC so that every user, wherever their
// browser is, reads the same audit trail the same way.

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2026-03-04 17:05:09 UTC`, or the input unchanged if it is not a date. */
export function formatUtc(iso: string | null | undefined, withSeconds = true): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${withSeconds ? `:${pad(d.getUTCSeconds())}` : ''}`;
  return `${date} ${time} UTC`;
}

/**
 * A picker value `YYYY-MM-DD HH:mm:ss` read as UTC, as an ISO instant;
 * empty when the value is empty or unreadable.
 */
export function pickerValueToIso(value: string | null | undefined): string {
  if (!value) return '';
  const match = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
  if (!match) return '';
  const d = new Date(`${match[1]}T${match[2] ?? '00:00'}:${match[3] ?? '00'}.000Z`);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** An ISO instant as a picker value `YYYY-MM-DD HH:mm:ss` in UTC; null if empty or unreadable. */
export function isoToPickerValue(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return d.toISOString().slice(0, 19).replace('T', ' ');
}
