/**
 * A simple in-memory synthetic world for the speed benchmark: persons drawn from every
 * faker locale's name lists (Zipf-skewed, so common names are common), each recorded 1–6
 * times by different sources with realistic damage. Synthetic people only.
 */
import * as fakerModule from '@faker-js/faker';
import type { MatchRecord } from '../../src/modules/resolve/match';
import { nameKey } from '../../src/modules/resolve/match/normalize';

type Rand = () => number;

export function mulberry(seed: number): Rand {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

// faker's locale definitions are loosely typed nested records.
type Defs = Record<string, Record<string, unknown> | undefined>;

function collect(pick: (d: Defs) => unknown): string[] {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(fakerModule)) {
    if (!k.startsWith('faker') || typeof v !== 'object' || v === null || !('definitions' in v))
      continue;
    try {
      const got = pick((v as { definitions: Defs }).definitions);
      const list = Array.isArray(got)
        ? got
        : got && typeof got === 'object'
          ? Object.values(got).flat()
          : [];
      for (const x of list) if (typeof x === 'string' && (nameKey(x)?.length ?? 0) >= 2) out.add(x);
    } catch {
      // locales without the list
    }
  }
  // Sorted for determinism, then shuffled so the common head of each list is not all 'A…'.
  const list = [...out].sort();
  const r = mulberry(99);
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

const FIRST = collect((d) => d.person?.first_name);
const LAST = collect((d) => d.person?.last_name);
const CITIES = collect((d) => d.location?.city_name);
const STATES = [
  'CA',
  'TX',
  'FL',
  'NY',
  'IL',
  'PA',
  'OH',
  'GA',
  'NC',
  'MI',
  'NJ',
  'VA',
  'WA',
  'AZ',
  'MA',
];
const COUNTRIES = [
  'MEX',
  'IND',
  'CHN',
  'PHL',
  'VNM',
  'SLV',
  'CUB',
  'DOM',
  'KOR',
  'GTM',
  'RUS',
  'UKR',
  'NGA',
  'BRA',
  'EGY',
];
const SOURCES = ['adis', 'sevis', 'commercial', 'claims', 'tecs', 'eid'];
const NICK: Record<string, string> = {
  Robert: 'Bob',
  William: 'Bill',
  Elizabeth: 'Liz',
  Alexander: 'Sasha',
  Michael: 'Mike',
  Jose: 'Pepe',
  Francisco: 'Paco',
  Margaret: 'Peggy',
  Richard: 'Rick',
  James: 'Jim',
};

/** Zipf-like pick: index ~ n·r², so the head of the list is far more common than its tail. */
function zipf(r: Rand, list: readonly string[]): string {
  const x = r();
  return list[Math.floor(list.length * x * x)]!;
}

function typo(r: Rand, s: string): string {
  if (s.length < 3) return s;
  const i = 1 + Math.floor(r() * (s.length - 2));
  const c = String.fromCharCode(97 + Math.floor(r() * 26));
  switch (Math.floor(r() * 4)) {
    case 0:
      return s.slice(0, i) + c + s.slice(i + 1);
    case 1:
      return s.slice(0, i) + s.slice(i + 1);
    case 2:
      return s.slice(0, i) + c + s.slice(i);
    default:
      return s.slice(0, i - 1) + s[i] + s[i - 1] + s.slice(i + 1);
  }
}

interface Person {
  given: string;
  middle: string | null;
  family: string;
  dob: string;
  sex: string;
  address: string;
  city: string;
  state: string;
  postcode: string;
  phone: string;
  email: string;
  ssn: string;
  citizenship: string;
  passport: string | null;
  aNumber: string | null;
}

function digits(r: Rand, n: number): string {
  let s = '';
  for (let k = 0; k < n; k++) s += Math.floor(r() * 10);
  return s;
}

function address(r: Rand) {
  const c = Math.floor(r() * r() * CITIES.length);
  return {
    address: `${1 + Math.floor(r() * 999)} ${zipf(r, LAST)} ${['St', 'Ave', 'Rd', 'Blvd', 'Ln'][Math.floor(r() * 5)]}`,
    city: CITIES[c]!,
    state: STATES[c % STATES.length]!,
    postcode: String(10000 + ((c * 37) % 89999)),
  };
}

function person(r: Rand): Person {
  const given = zipf(r, FIRST);
  const family = zipf(r, LAST);
  const y = 1940 + Math.floor(r() * 66);
  const dob = `${y}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
  const g = (nameKey(given) ?? 'x').replace(/ /g, '');
  const f = (nameKey(family) ?? 'x').replace(/ /g, '');
  return {
    given,
    middle: r() < 0.3 ? zipf(r, FIRST) : null,
    family,
    dob,
    sex: r() < 0.5 ? 'F' : 'M',
    ...address(r),
    phone: digits(r, 10),
    email: `${g}.${f}${Math.floor(r() * 100)}@example.com`,
    ssn: digits(r, 9),
    citizenship: COUNTRIES[Math.floor(r() * COUNTRIES.length)]!,
    passport: r() < 0.4 ? `P${digits(r, 8)}` : null,
    aNumber: r() < 0.2 ? `A${digits(r, 9)}` : null,
  };
}

function damageDob(r: Rand, dob: string): string | null {
  const x = r();
  if (x < 0.08) return null;
  if (x < 0.1) return `${dob.slice(0, 5)}${dob.slice(8, 10)}-${dob.slice(5, 7)}`;
  if (x < 0.13) {
    const i = [2, 3, 6, 9][Math.floor(r() * 4)]!;
    return dob.slice(0, i) + Math.floor(r() * 10) + dob.slice(i + 1);
  }
  return dob;
}

function record(r: Rand, p: Person, id: string): MatchRecord {
  let given: string | null = r() < 0.08 ? typo(r, p.given) : p.given;
  if (r() < 0.05 && NICK[p.given]) given = NICK[p.given]!;
  if (r() < 0.03) given = p.given[0]!;
  let family: string | null = r() < 0.08 ? typo(r, p.family) : p.family;
  if (r() < 0.02) [given, family] = [family, given];
  const moved = r() < 0.25 ? address(r) : p;
  const source = SOURCES[Math.floor(r() * SOURCES.length)]!;
  const ids = [];
  if (p.passport && r() < 0.5)
    ids.push({ kind: 'passport', value: p.passport, country: p.citizenship });
  if (p.aNumber && r() < 0.5) ids.push({ kind: 'a_number', value: p.aNumber });
  return {
    id,
    source,
    givenName: r() < 0.03 ? null : given,
    middleName: r() < 0.5 ? p.middle : null,
    familyName: family,
    birthDate: damageDob(r, p.dob),
    sex: r() < 0.7 ? p.sex : null,
    citizenship: r() < 0.6 ? p.citizenship : null,
    addressLine: r() < 0.2 ? null : r() < 0.05 ? typo(r, moved.address) : moved.address,
    city: r() < 0.2 ? null : moved.city,
    state: r() < 0.3 ? null : moved.state,
    postalCode: r() < 0.3 ? null : moved.postcode,
    phone: r() < 0.6 ? null : p.phone,
    email: r() < 0.7 ? null : p.email,
    ssn: r() < 0.7 ? null : r() < 0.05 ? typo(r, p.ssn) : p.ssn,
    identifiers: ids,
  };
}

const COPIES = [1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 6];

/** About `records` records of about records/3 persons; truth[i] is the person of record i. */
export function generateWorld(
  records: number,
  seed = 7,
): { records: MatchRecord[]; truth: Int32Array } {
  const r = mulberry(seed);
  const out: MatchRecord[] = [];
  const truth: number[] = [];
  for (let pid = 0; out.length < records; pid++) {
    const p = person(r);
    const k = COPIES[Math.floor(r() * COPIES.length)]!;
    for (let c = 0; c < k && out.length < records; c++) {
      out.push(record(r, p, `r${out.length}`));
      truth.push(pid);
    }
  }
  return { records: out, truth: Int32Array.from(truth) };
}
