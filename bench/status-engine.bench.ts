/**
 * Throughput of the status rules engine (src/modules/status/engine) on synthetic people.
 *
 *   npx tsx bench/status-engine.bench.ts [admissions=1000000] [seed=7]
 *
 * Builds the people in memory first (no I/O is timed), then times `assessPerson` over all of
 * them, as the assess command would while streaming one person at a time out of SQL.
 * Target: 10 million admissions in under 2 minutes on 2 cores, i.e. >= 41,667 admissions/s
 * per core (the work is per person, so it splits across worker threads without coordination).
 */
import {
  assessPerson,
  formatDay,
  parseDay,
  type Assessment,
  type PersonFacts,
} from '../src/modules/status/engine';
import type {
  AdmissionFact,
  ClaimFact,
  DepartureFact,
  SevisEventFact,
  SevisRecordFact,
} from '../src/modules/status/engine';

const TARGET = Number(process.argv[2] ?? 1_000_000);
const SEED = Number(process.argv[3] ?? 7);
const AS_OF = '2026-10-01';

/** Deterministic PRNG (mulberry32) so every run assesses the same people. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = rng(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

// Shared date strings, as a database driver would hand back many equal values.
const dateCache = new Map<number, string>();
function date(day: number): string {
  let s = dateCache.get(day);
  if (s === undefined) {
    s = formatDay(day);
    dateCache.set(day, s);
  }
  return s;
}

const START = parseDay('2023-01-01');
const COUNTRIES = ['BRA', 'IND', 'CHN', 'DEU', 'GBR', 'MEX', 'CAN', 'NGA', 'PHL', 'VNM'];
// Roughly the mix of a nonimmigrant admissions feed: visitors first, then Visa Waiver.
const CLASSES = [
  'B2',
  'B2',
  'B2',
  'B2',
  'B1',
  'WT',
  'WT',
  'WT',
  'F1',
  'F1',
  'J1',
  'M1',
  'H1B',
  'H1B',
  'L1',
  'TN',
  'E2',
  'A1',
  'G4',
  'C1',
];

let admissionSeq = 10_000_000_000;

function stayOf(cls: string): number {
  if (cls === 'WT') return 89;
  return cls.startsWith('H') || cls.startsWith('L') ? between(300, 1000) : between(20, 200);
}

function admission(
  cls: string,
  ad: number,
  stay: number,
  country: string,
  sevisId: string | null,
): AdmissionFact {
  const ds = cls === 'F1' || cls === 'J1';
  const land = (country === 'MEX' || country === 'CAN') && rand() < 0.5;
  return {
    admissionNumber: String(admissionSeq++),
    classOfAdmission: cls,
    admissionDate: date(ad),
    admitUntilDate: ds ? null : rand() < 0.003 ? null : date(ad + stay),
    mode: land ? 'land' : 'air',
    citizenshipCountry: country,
    passportNumber: 'X1234567',
    sevisId,
  };
}

function sevisRecord(id: string, ad: number, cls: string): SevisRecordFact {
  const programEnd = ad + between(120, 900);
  const events: SevisEventFact[] = [
    {
      status: 'ACTIVE',
      statusDate: date(ad - 20),
      terminationReason: null,
      programStartDate: date(ad + 5),
      programEndDate: date(programEnd),
      optType: null,
      optStartDate: null,
      optEndDate: null,
      visaType: cls,
    },
  ];
  if (rand() < 0.05)
    events.push({
      ...events[0]!,
      status: 'TERMINATED',
      statusDate: date(ad + between(30, 200)),
      terminationReason: 'Failure to Enroll',
    });
  return { sevisId: id, events };
}

function person(id: number, admissions: number): PersonFacts {
  const country = pick(COUNTRIES);
  const adm: AdmissionFact[] = [];
  const departures: DepartureFact[] = [];
  const sevisRecords: SevisRecordFact[] = [];
  const claims: ClaimFact[] = [];
  let ad = START + between(0, 400);
  for (let k = 0; k < admissions; k++) {
    const cls = pick(CLASSES);
    const student = cls === 'F1' || cls === 'J1' || cls === 'M1';
    const sevisId = student ? `N${String(id).padStart(6, '0')}${k}` : null;
    if (sevisId) sevisRecords.push(sevisRecord(sevisId, ad, cls));
    const stay = stayOf(cls);
    const a = admission(cls, ad, stay, country, sevisId);
    adm.push(a);
    let next = ad + between(30, 300);
    if (rand() < 0.8) {
      // Most leave before the admit-until date; some leave late.
      const out = ad + Math.floor(stay * (0.2 + rand() * 0.85));
      departures.push({
        recordId: `D${a.admissionNumber}`,
        admissionNumber: rand() < 0.7 ? a.admissionNumber : null,
        departureDate: date(out),
        passportNumber: 'X1234567',
      });
      next = out + between(10, 200);
    }
    if (rand() < 0.05) {
      claims.push({
        receiptNumber: `EAC${a.admissionNumber}`,
        formType: pick(['I-539', 'I-129', 'I-485']),
        admissionNumber: a.admissionNumber,
        requestedClass: null,
        receivedDate: date(ad + between(10, 200)),
        status: pick(['PENDING', 'APPROVED', 'DENIED']),
        decisionDate: date(ad + between(150, 400)),
        approvedUntilDate: date(ad + between(200, 500)),
      });
    }
    ad = next;
  }
  return {
    entityId: `E${id}`,
    birthDate: date(START - between(6000, 25000)),
    admissions: adm,
    departures,
    sevisRecords,
    claims,
  };
}

function generate(): { people: PersonFacts[]; admissions: number } {
  const people: PersonFacts[] = [];
  let admissions = 0;
  while (admissions < TARGET) {
    const n = Math.min(TARGET - admissions, rand() < 0.6 ? 1 : rand() < 0.7 ? 2 : between(3, 6));
    people.push(person(people.length, n));
    admissions += n;
  }
  return { people, admissions };
}

function main(): void {
  const t0 = performance.now();
  const { people, admissions } = generate();
  const genMs = performance.now() - t0;
  console.log(
    `generated ${admissions.toLocaleString()} admissions for ${people.length.toLocaleString()} people in ${(genMs / 1000).toFixed(1)} s`,
  );

  // Warm up the JIT on a slice, as a long run would be warm after its first seconds.
  for (let i = 0; i < Math.min(20_000, people.length); i++) assessPerson(people[i]!, AS_OF);

  const classes = new Map<string, number>();
  let rules = 0;
  const cpu0 = process.cpuUsage();
  const t1 = performance.now();
  for (const p of people) {
    const out: Assessment[] = assessPerson(p, AS_OF);
    for (const a of out) {
      classes.set(a.class, (classes.get(a.class) ?? 0) + 1);
      rules += a.rules.length;
    }
  }
  const ms = performance.now() - t1;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const perSecond = admissions / (ms / 1000);
  const perCpuSecond = admissions / (cpuMs / 1000);
  console.log(
    `assessed in ${(ms / 1000).toFixed(2)} s wall, ${(cpuMs / 1000).toFixed(2)} s CPU (${rules.toLocaleString()} rules written)`,
  );
  console.log(
    `${Math.round(perSecond).toLocaleString()} admissions/s wall clock, ${Math.round(perCpuSecond).toLocaleString()} admissions per CPU-second (the process also spends CPU on GC threads)`,
  );
  console.log(
    `10 million admissions on 2 cores at the wall-clock rate: ~${(10_000_000 / (2 * perSecond)).toFixed(0)} s (target < 120 s)`,
  );
  for (const [cls, n] of [...classes].sort((x, y) => y[1] - x[1])) {
    console.log(`  ${cls.padEnd(36)} ${n.toLocaleString().padStart(10)}`);
  }
}

main();
