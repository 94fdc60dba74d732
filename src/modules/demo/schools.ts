import { METROS, type Culture } from './geo';
import { newPerson } from './people';
import { makeAddress } from './places';
import { Rng } from './rng';
import { englishSurnames } from './names/faker-pools';
import type { Dso, School } from './types';
import type { World } from './world';

// SEVP-certified schools, their Designated School Officials, and a few fraudulent schools:
// pay-to-stay operations whose students mostly never attend, live at a handful of shared
// addresses, work far away, and whose DSO also signs for other schools.

type Kind = School['kind'];
const KIND_MIX: { value: Kind; weight: number }[] = [
  { value: 'university', weight: 40 },
  { value: 'college', weight: 25 },
  { value: 'language', weight: 15 },
  { value: 'flight', weight: 8 },
  { value: 'vocational', weight: 12 },
];
const DSO_CULTURES: { value: Culture; weight: number }[] = [
  { value: 'en', weight: 70 },
  { value: 'es', weight: 8 },
  { value: 'zh', weight: 6 },
  { value: 'in', weight: 6 },
  { value: 'ko', weight: 3 },
  { value: 'ar', weight: 3 },
  { value: 'ru', weight: 2 },
  { value: 'vi', weight: 2 },
];

function schoolName(rng: Rng, kind: Kind, city: string, fraudulent: boolean): string {
  const surname = rng.pick(englishSurnames());
  switch (kind) {
    case 'university':
      return fraudulent
        ? rng.pick([
            `University of ${rng.pick(['Northern', 'Southern', 'Eastern', 'Western'])} ${city}`,
            `${surname} University of Business and Technology`,
          ])
        : rng.pick([
            `${surname} University`,
            `${city} State University`,
            `${surname} Institute of Technology`,
          ]);
    case 'college':
      return rng.pick([
        `${city} College of ${rng.pick(['Business', 'Technology', 'Health Sciences', 'Arts and Sciences'])}`,
        `${surname} College`,
        `${city} International College`,
      ]);
    case 'language':
      return rng.pick([
        `${surname} English Language Institute`,
        `${city} Language Academy`,
        `American Language Center of ${city}`,
      ]);
    case 'flight':
      return rng.pick([`${surname} Aviation Academy`, `${city} Flight Training Center`]);
    case 'vocational':
      return rng.pick([
        `${city} Technical Institute`,
        `${surname} Culinary School`,
        `${surname} School of Cosmetology`,
      ]);
  }
}

function newDso(world: World, rng: Rng): Dso {
  const culture = rng.weighted(DSO_CULTURES);
  const person = newPerson(world, rng, {
    role: 'dso',
    citizenship: 'USA',
    culture,
    age: [28, 66],
    foreign: false,
  });
  return { person, dsoId: world.ids.dsoId() };
}

export interface SchoolStats {
  students: number;
  neverAttended: number;
  terminated: number;
  employedFar: number;
}

export class Schools {
  readonly all: School[] = [];
  readonly fraudulent: School[] = [];
  readonly dsos: Dso[] = [];
  readonly stats = new Map<string, SchoolStats>();
  private readonly violatorsBySchool = new Map<string, string[]>();

  constructor(world: World, count: number) {
    const rng = Rng.derive(world.seed, 'schools');
    const codes = new Set<string>();
    const fraudCount = Math.max(2, Math.round(count * 0.05));
    for (let i = 0; i < count; i++) {
      // The first five cover every kind, so even a tiny world has each.
      const kind =
        i < 5
          ? ((['university', 'college', 'language', 'flight', 'vocational'] as const)[i] ??
            'college')
          : rng.weighted(KIND_MIX);
      const fraudulent = i >= 5 && i < 5 + fraudCount;
      const metro = rng.pick(METROS);
      const code = (): string => {
        for (;;) {
          const c = `${metro.code}214F${String(rng.int(0, 99999)).padStart(5, '0')}`;
          if (!codes.has(c)) {
            codes.add(c);
            return c;
          }
        }
      };
      const campuses = kind === 'university' && rng.chance(0.15) ? [code(), code()] : [code()];
      const dsos = [newDso(world, rng)];
      if (!fraudulent && rng.chance(0.4)) dsos.push(newDso(world, rng));
      this.dsos.push(...dsos);
      const school: School = {
        trueId: `S${String(i + 1).padStart(5, '0')}`,
        codes: campuses,
        name: schoolName(
          rng,
          fraudulent && kind !== 'flight' && kind !== 'vocational'
            ? kind
            : fraudulent
              ? 'college'
              : kind,
          metro.city,
          fraudulent,
        ),
        kind: fraudulent && (kind === 'flight' || kind === 'vocational') ? 'college' : kind,
        address: makeAddress(rng, metro, 'business'),
        fraudulent,
        why: '',
        dsos,
        sharedAddresses: fraudulent
          ? Array.from({ length: rng.int(3, 5) }, () => makeAddress(rng, metro))
          : [],
      };
      this.all.push(school);
      if (fraudulent) this.fraudulent.push(school);
      this.stats.set(school.trueId, {
        students: 0,
        neverAttended: 0,
        terminated: 0,
        employedFar: 0,
      });
    }
    this.shareFraudDsos(rng);
  }

  /** The fraudulent schools' DSO also signs for another school (often another of the ring). */
  private shareFraudDsos(rng: Rng): void {
    this.fraudulent.forEach((school, i) => {
      const dso = school.dsos[0];
      if (!dso) return;
      const next = this.fraudulent[(i + 1) % this.fraudulent.length];
      const colleges = this.all.filter((s) => !s.fraudulent && s.kind === 'college');
      const other =
        next && next !== school && rng.chance(0.6)
          ? next
          : colleges.length
            ? rng.pick(colleges)
            : next;
      if (other && other !== school && !other.dsos.includes(dso)) other.dsos.push(dso);
    });
  }

  pick(
    rng: Rng,
    kind: 'academic' | 'language' | 'vocational' | 'exchange',
    fraudulent: boolean,
  ): School {
    if (fraudulent && this.fraudulent.length) return rng.pick(this.fraudulent);
    const wanted: readonly Kind[] =
      kind === 'academic'
        ? ['university', 'college']
        : kind === 'language'
          ? ['language']
          : kind === 'vocational'
            ? ['flight', 'vocational']
            : ['university'];
    const list = this.all.filter((s) => !s.fraudulent && wanted.includes(s.kind));
    return rng.pick(list.length ? list : this.all);
  }

  noteViolator(school: School, personId: string): void {
    let list = this.violatorsBySchool.get(school.trueId);
    if (!list) this.violatorsBySchool.set(school.trueId, (list = []));
    if (school.fraudulent || list.length < 50) list.push(personId);
  }

  violators(school: School): readonly string[] {
    return this.violatorsBySchool.get(school.trueId) ?? [];
  }

  statsOf(school: School): SchoolStats {
    return this.stats.get(school.trueId) as SchoolStats;
  }
}

/** Why a school is marked fraudulent in ground truth, from what was actually generated. */
export function fraudWhy(
  school: School,
  stats: SchoolStats,
  allSchools: readonly School[],
): string {
  const pct = (n: number) => (stats.students ? Math.round((100 * n) / stats.students) : 0);
  const otherSchools = (
    school.dsos[0]
      ? allSchools.filter((s) => s !== school && s.dsos.includes(school.dsos[0] as Dso))
      : []
  ).map((s) => s.codes[0]);
  return [
    `${stats.students} students`,
    `${pct(stats.neverAttended)}% never attended (No Show / Failure to Enroll)`,
    `${pct(stats.terminated)}% terminated`,
    `students registered at ${school.sharedAddresses.length} shared addresses`,
    `${pct(stats.employedFar)}% employed in another state`,
    otherSchools.length
      ? `DSO ${school.dsos[0]?.dsoId} also DSO of ${otherSchools.join(', ')}`
      : '',
  ]
    .filter(Boolean)
    .join('; ');
}
