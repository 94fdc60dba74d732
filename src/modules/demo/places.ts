import { Rng } from './rng';
import { METROS, type Metro } from './geo';
import type { IdFactory } from './ids';
import { englishSurnames } from './names/faker-pools';
import type { Address, Employer } from './types';

// Synthetic street addresses in real U.S. metro areas, and a fixed pool of employers per metro.

const STREET_WORDS = [
  'Main',
  'Oak',
  'Maple',
  'Park',
  'Washington',
  'Lake',
  'Hill',
  'Cedar',
  'Elm',
  'Pine',
  'Walnut',
  'Sunset',
  'Highland',
  'Lincoln',
  'Jefferson',
  'Madison',
  'Franklin',
  'Church',
  'Spring',
  'Ridge',
  'River',
  'Mill',
  'Meadow',
  'Forest',
  'Chestnut',
  'Willow',
  'Center',
  'Union',
  'Market',
  'Broad',
];
const SUFFIXES = [
  ['Street', 'St'],
  ['Avenue', 'Ave'],
  ['Road', 'Rd'],
  ['Boulevard', 'Blvd'],
  ['Drive', 'Dr'],
  ['Lane', 'Ln'],
  ['Court', 'Ct'],
  ['Place', 'Pl'],
  ['Way', 'Way'],
  ['Terrace', 'Ter'],
] as const;

export function makeAddress(rng: Rng, metro: Metro, kind: 'home' | 'business' = 'home'): Address {
  const word = rng.chance(0.6) ? rng.pick(STREET_WORDS) : rng.pick(englishSurnames());
  const [, abbr] = rng.pick(SUFFIXES);
  const number = kind === 'business' ? rng.int(100, 9999) : rng.int(1, 19999);
  let line2 = '';
  if (kind === 'home' && rng.chance(0.45))
    line2 = `Apt ${rng.int(1, 30)}${rng.pick(['', 'A', 'B', 'C', 'D'])}`;
  if (kind === 'business' && rng.chance(0.5)) line2 = `Ste ${rng.int(1, 9) * 100 + rng.int(0, 20)}`;
  return {
    line1: `${number} ${word} ${abbr}`,
    line2,
    city: metro.city,
    state: metro.state,
    zip: `${metro.zip3}${String(rng.int(1, 99)).padStart(2, '0')}`,
    metro,
  };
}

const SUFFIX_LONG = new Map<string, string>(SUFFIXES.map(([long, short]) => [short, long]));

/** The same address as another clerk types it: "St" spelled out, "Apt 4" as "#4", unit dropped. */
export function addressVariant(a: Address, rng: Rng): Address {
  const r = rng.next();
  if (r < 0.4) {
    const parts = a.line1.split(' ');
    const last = parts[parts.length - 1] ?? '';
    const long = SUFFIX_LONG.get(last);
    if (long) return { ...a, line1: [...parts.slice(0, -1), long].join(' ') };
  }
  if (r < 0.7 && a.line2.startsWith('Apt ')) return { ...a, line2: `#${a.line2.slice(4)}` };
  if (a.line2) return { ...a, line2: '' };
  return { ...a, line1: a.line1.toUpperCase() };
}

export function formatAddress(a: Address): string {
  return `${a.line1}${a.line2 ? ` ${a.line2}` : ''}, ${a.city}, ${a.state} ${a.zip}`;
}

const INDUSTRIES = [
  'Construction',
  'Landscaping',
  'Logistics',
  'Consulting',
  'Restaurant Group',
  'Cleaning Services',
  'Auto Repair',
  'IT Solutions',
  'Staffing',
  'Home Care',
  'Trucking',
  'Nail Salon',
  'Software',
  'Imports',
  'Market',
  'Health Systems',
  'Analytics',
  'Engineering',
  'Hospitality',
  'Packaging',
];
const LEGAL = ['LLC', 'Inc', 'Corp', 'Group', 'Co', ''];

export class EmployerPool {
  private readonly byMetro = new Map<string, Employer[]>();

  constructor(
    private readonly seed: number,
    private readonly ids: IdFactory,
  ) {}

  /** Employers of a metro, generated on first use from the world seed. */
  inMetro(metro: Metro): readonly Employer[] {
    let list = this.byMetro.get(metro.code);
    if (!list) {
      const rng = Rng.derive(this.seed, 'employers', metro.code);
      list = [];
      for (let i = 0; i < 30; i++) {
        const legal = rng.pick(LEGAL);
        const name = `${rng.pick(englishSurnames())} ${rng.pick(INDUSTRIES)}${legal ? ` ${legal}` : ''}`;
        list.push({
          name,
          address: makeAddress(rng, metro, 'business'),
          phone: this.ids.usPhone(metro.areaCodes),
        });
      }
      this.byMetro.set(metro.code, list);
    }
    return list;
  }

  pick(rng: Rng, metro: Metro): Employer {
    return rng.pick(this.inMetro(metro));
  }
}

export function randomMetro(rng: Rng): Metro {
  return rng.pick(METROS);
}

/** A metro other than `not`, for "works far from the school". */
export function otherMetro(rng: Rng, not: Metro): Metro {
  const rest = METROS.filter((m) => m.state !== not.state);
  return rng.pick(rest);
}
