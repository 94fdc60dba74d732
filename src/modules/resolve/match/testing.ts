/** Test factories for the matching core (synthetic people only). */
import { rng } from './sampling';
import type { MatchRecord } from './types';

let seq = 0;

export function buildRecord(overrides: Partial<MatchRecord> = {}): MatchRecord {
  seq++;
  return {
    id: `t${seq}`,
    source: 'test',
    givenName: 'Maria',
    familyName: 'Quispe',
    birthDate: '1980-04-12',
    ...overrides,
  };
}

const GIVEN = [
  'anna',
  'boris',
  'carla',
  'dmitri',
  'elena',
  'farid',
  'giulia',
  'hamza',
  'ines',
  'jonas',
  'karim',
  'lena',
  'marco',
  'nadia',
  'omar',
  'paula',
  'rafael',
  'sofia',
  'tomas',
  'yara',
];
const FAMILY = [
  'abara',
  'berezin',
  'castillo',
  'demir',
  'eriksen',
  'fontaine',
  'gallo',
  'haddad',
  'ivanova',
  'jensen',
  'kowalski',
  'lindqvist',
  'moreau',
  'nakamura',
  'okafor',
  'petrenko',
  'quispe',
  'rossi',
  'santos',
  'tanaka',
  'ulloa',
  'vargas',
  'wojcik',
  'xu',
  'yilmaz',
  'zuniga',
];

function typo(r: () => number, s: string): string {
  const i = 1 + Math.floor(r() * (s.length - 1));
  return s.slice(0, i - 1) + s.slice(i);
}

/**
 * A small planted world: `persons` people, each recorded twice; the second copy has a typo
 * in one name or one changed date digit now and then. truth[i] is the person of record i.
 */
export function plantedWorld(
  persons: number,
  seed = 1,
): { records: MatchRecord[]; truth: number[] } {
  const r = rng(seed);
  const records: MatchRecord[] = [];
  const truth: number[] = [];
  for (let p = 0; p < persons; p++) {
    const given = GIVEN[Math.floor(r() * GIVEN.length)]!;
    const family =
      FAMILY[Math.floor(r() * FAMILY.length)]! +
      (r() < 0.7 ? FAMILY[Math.floor(r() * FAMILY.length)]!.slice(0, 3) : '');
    const dob = `${1940 + Math.floor(r() * 60)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    const postalCode = String(10000 + Math.floor(r() * 900));
    const base = { givenName: given, familyName: family, birthDate: dob, postalCode, source: 'a' };
    records.push({ id: `p${p}a`, ...base });
    const x = r();
    records.push({
      id: `p${p}b`,
      ...base,
      source: 'b',
      givenName: x < 0.15 ? typo(r, given) : given,
      familyName: x >= 0.15 && x < 0.3 ? typo(r, family) : family,
      birthDate: x >= 0.3 && x < 0.4 ? dob.slice(0, 9) + ((Number(dob[9]) + 1) % 10) : dob,
    });
    truth.push(p, p);
  }
  return { records, truth };
}
