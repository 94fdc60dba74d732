import { useSyncExternalStore } from 'react';
import { useCurrentUser } from '../auth/session';

/**
 * The purpose the analyst stated for this browser session (Privacy Act need to know). Every
 * profile and search request sends it as `x-purpose`; the server records it in the audit row of
 * each read it covers and reveals the categories it would otherwise mask. Kept in sessionStorage,
 * tied to the user who stated it, so it ends with the tab and never carries over to another user.
 */
const KEY = 'leadtrac.purpose';
const listeners = new Set<() => void>();

interface Stored {
  username: string;
  purpose: string;
}

function read(): Stored | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
}

let current: Stored | null = typeof sessionStorage === 'undefined' ? null : read();

export function setPurpose(username: string, purpose: string | null): void {
  const text = purpose?.trim() ?? '';
  current = text ? { username, purpose: text.slice(0, 500) } : null;
  if (current) sessionStorage.setItem(KEY, JSON.stringify(current));
  else sessionStorage.removeItem(KEY);
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The signed-in user's stated purpose, or null. */
export function usePurpose(): string | null {
  const user = useCurrentUser();
  const stored = useSyncExternalStore(subscribe, () => current);
  return stored && stored.username === user.username ? stored.purpose : null;
}

/** Request headers carrying the purpose, if one was stated. */
export function purposeHeaders(purpose: string | null): Record<string, string> {
  return purpose ? { 'x-purpose': purpose } : {};
}
