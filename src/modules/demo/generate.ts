import { resolve } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { csvLine } from './csv-sink';
import { GROUND_TRUTH_COLUMNS } from './columns';
import { addYears, formatDay, parseDay } from './dates';
import { IdFactory } from './ids';
import { WorldOutput } from './output';
import { homeIn } from './people';
import { EmployerPool, makeAddress } from './places';
import { Rng } from './rng';
import { fraudWhy, Schools } from './schools';
import { emitCitizenData } from './social';
import { emitTip } from './tips';
import { STATUS_CLASSES } from './types';
import { runUnit } from './units';
import { PhoneBook, type Counters, type World } from './world';

export interface GenerateWorldOptions {
  /** How many synthetic persons the world holds (visitors, relatives, associates, school officials, tipsters). */
  persons: number;
  seed: number;
  /** Output folder; created if missing. Existing files of the same names are replaced. */
  outDir: string;
  /** The world's as-of date (YYYY-MM-DD); nothing in it is dated later. Default 2026-11-01. */
  asOf?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface WorldSummary {
  seed: number;
  persons: number;
  asOf: string;
  outDir: string;
  /** Data rows (header excluded) per file, by path relative to outDir. */
  files: Record<string, number>;
  statusClasses: Record<string, number>;
  scenarios: Record<string, number>;
  planted: Record<string, number>;
  schools: number;
  fraudulentSchools: number;
  /** Admissions where the status oracle disagrees with the scenario's plan (should be 0). */
  oracleMismatches: number;
  mismatchExamples: string[];
  elapsedMs: number;
}

export const DEFAULT_AS_OF = '2026-11-01';
export const MIN_PERSONS = 20;

function schoolCount(persons: number): number {
  return persons < 60 ? 2 : Math.max(8, Math.round(persons / 250));
}

/** School officials live near their school and show up in commercial data; fraudulent ones draw tips. */
function emitSchoolOfficials(world: World): void {
  const rng = Rng.derive(world.seed, 'school-officials');
  const seen = new Set<string>();
  for (const school of world.schools.all) {
    for (const dso of school.dsos) {
      if (seen.has(dso.person.id)) continue;
      seen.add(dso.person.id);
      homeIn(world, dso.person, rng, makeAddress(rng, school.address.metro));
      dso.person.employer = {
        name: school.name,
        address: school.address,
        phone: world.ids.usPhone(school.address.metro.areaCodes),
      };
      dso.person.ssn = world.ids.ssn();
      emitCitizenData(world, dso.person, rng);
      const schools = world.schools.all.filter((s) => s.dsos.includes(dso)).map((s) => s.codes[0]);
      world.out.planted('dsos', {
        true_person_id: dso.person.id,
        dso_id: dso.dsoId,
        schools,
        serves_fraudulent_school: world.schools.fraudulent.some((s) => s.dsos.includes(dso)),
      });
    }
  }
  world.schools.fraudulent.forEach((school, i) => {
    const dso = school.dsos[0];
    if (!dso || (i > 0 && !rng.chance(0.7))) return;
    emitTip(world, rng, {
      kind: 'dso',
      subject: dso.person,
      school,
      tipster: null,
      received: rng.int(world.aod - 700, world.aod - 1),
    });
  });
}

async function finishSchools(world: World): Promise<void> {
  const schools = world.schools;
  const lines = [csvLine(GROUND_TRUTH_COLUMNS.schools)];
  for (const school of schools.all) {
    const why = school.fraudulent ? fraudWhy(school, schools.statsOf(school), schools.all) : '';
    for (const code of school.codes)
      lines.push(csvLine([code, school.trueId, school.fraudulent ? 'Y' : 'N', why]));
    const violators = schools.violators(school);
    if (school.fraudulent) {
      world.out.planted('fraudulent_schools', {
        true_school_id: school.trueId,
        school_codes: school.codes,
        name: school.name,
        why,
        stats: schools.statsOf(school),
        dso: school.dsos.map((d) => ({ true_person_id: d.person.id, dso_id: d.dsoId })),
        shared_addresses: school.sharedAddresses.map(
          (a) => `${a.line1} ${a.line2}`.trim() + `, ${a.city}, ${a.state} ${a.zip}`,
        ),
      });
      world.out.planted('expected_leads', {
        kind: 'FRAUDULENT_SCHOOL',
        true_school_id: school.trueId,
        school_codes: school.codes,
        why,
      });
    }
    if (violators.length >= 2) {
      world.out.planted('deconfliction_overlaps', {
        kind: 'school_multiple_leads',
        school_code: school.codes[0],
        true_school_id: school.trueId,
        persons: violators,
      });
    }
  }
  await writeFile(join(world.out.dir, 'ground-truth', 'schools.csv'), lines.join(''), 'utf8');
}

function toRecord(map: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function createWorld(opts: GenerateWorldOptions): Promise<World> {
  if (!Number.isInteger(opts.persons) || opts.persons < MIN_PERSONS) {
    throw new Error(`persons must be an integer of at least ${MIN_PERSONS}`);
  }
  if (!Number.isInteger(opts.seed)) throw new Error('seed must be an integer');
  const aod = parseDay(opts.asOf ?? DEFAULT_AS_OF);
  const ids = new IdFactory(opts.seed);
  const out = await WorldOutput.open(resolve(opts.outDir), ids);
  const counters: Counters = {
    persons: 0,
    scenarios: new Map(),
    classes: new Map(),
    oracleMismatches: 0,
    mismatchExamples: [],
    subpoenas: 0,
    terminations: 0,
  };
  let personSeq = 0;
  // The school catalog creates its officials through the world, so it joins last.
  const world = {
    seed: opts.seed,
    aod,
    start: addYears(aod, -6),
    ids,
    out,
    employers: new EmployerPool(opts.seed, ids),
    phones: new PhoneBook(),
    counters,
    newPersonId: () => `P${String(++personSeq).padStart(8, '0')}`,
  } as Omit<World, 'schools'> as World;
  (world as { schools: Schools }).schools = new Schools(world, schoolCount(opts.persons));
  return world;
}

/** Close the files, writing planted.json's head; returns the summary. */
async function closeWorld(world: World, began: number): Promise<WorldSummary> {
  const { counters, out } = world;
  const statusClasses = Object.fromEntries(
    STATUS_CLASSES.map((c) => [c, counters.classes.get(c) ?? 0]),
  );
  const files = {
    ...out.rowCounts(),
    'ground-truth/schools.csv': world.schools.all.reduce((n, s) => n + s.codes.length, 0),
  };
  const planted = out.sectionCounts();
  const scenarios = toRecord(counters.scenarios);
  await out.close({
    generator: 'LeadTrac synthetic world (src/modules/demo)',
    format_version: 1,
    seed: world.seed,
    as_of: formatDay(world.aod),
    persons: counters.persons,
    notes: 'Synthetic people only. Every section is described in docs/demo-world.md.',
    counts: {
      files,
      status_classes: statusClasses,
      scenarios,
      variations: toRecord(out.variationCounts),
      planted,
    },
    oracle_mismatches: counters.oracleMismatches,
  });
  return {
    seed: world.seed,
    persons: counters.persons,
    asOf: formatDay(world.aod),
    outDir: out.dir,
    files,
    statusClasses,
    scenarios,
    planted,
    schools: world.schools.all.length,
    fraudulentSchools: world.schools.fraudulent.length,
    oracleMismatches: counters.oracleMismatches,
    mismatchExamples: counters.mismatchExamples,
    elapsedMs: Date.now() - began,
  };
}

/** Generate a synthetic world: twelve source files plus ground truth, deterministic per seed. */
export async function generateWorld(opts: GenerateWorldOptions): Promise<WorldSummary> {
  const began = Date.now();
  const world = await createWorld(opts);
  const { counters, out } = world;
  emitSchoolOfficials(world);
  let index = 0;
  while (counters.persons < opts.persons) {
    runUnit(world, index++, opts.persons - counters.persons);
    out.endUnit();
    if (index % 64 === 0) {
      await out.relieve();
      opts.onProgress?.(counters.persons, opts.persons);
    }
  }
  await finishSchools(world);
  out.endUnit();
  const summary = await closeWorld(world, began);
  opts.onProgress?.(counters.persons, opts.persons);
  return summary;
}
