import { addYears, type Day } from './dates';
import { makeAddress } from './places';
import type { PlanCtx } from './plan-utils';
import type { School, SevisRecord, SevisRow, SevisStatus } from './types';

// SEVIS records: one per program (sevis_id), several history rows each. Rows are added as
// the student's story unfolds; rows dated after the world's as-of date are never written.

export const MAJORS = [
  'Computer Science',
  'Business Administration',
  'Electrical Engineering',
  'Data Science',
  'Mechanical Engineering',
  'Information Technology',
  'Economics',
  'Biology',
  'Finance',
  'Civil Engineering',
  'Public Health',
  'Chemistry',
  'Mathematics',
  'Accounting',
  'English Language',
  'Hospitality Management',
  'Aviation',
  'Culinary Arts',
];

export interface Program {
  level: string;
  days: number;
}

export function academicProgram(ctx: PlanCtx, school: School, maxDays = 5 * 365): Program {
  const { rng } = ctx;
  if (school.kind === 'language') return { level: 'LANGUAGE TRAINING', days: rng.int(150, 360) };
  const options: Program[] = [
    { level: "BACHELOR'S", days: 4 * 365 - 100 },
    { level: "MASTER'S", days: 2 * 365 - 100 },
    { level: 'DOCTORATE', days: 5 * 365 - 100 },
    { level: 'ASSOCIATE', days: 2 * 365 - 100 },
  ];
  const fit = options.filter(
    (p) => p.days <= maxDays && (school.kind === 'university' || p.level !== 'DOCTORATE'),
  );
  return rng.pick(
    fit.length ? fit : [{ level: "MASTER'S", days: Math.min(maxDays, 2 * 365 - 100) }],
  );
}

export function openSevis(
  ctx: PlanCtx,
  visaType: SevisRecord['visaType'],
  school: School,
  start: Day,
  end: Day,
  level: string,
  major: string,
): SevisRecord {
  const { world, rng, life } = ctx;
  const usAddress =
    school.fraudulent && school.sharedAddresses.length
      ? rng.pick(school.sharedAddresses)
      : makeAddress(rng, school.address.metro);
  const record: SevisRecord = {
    sevisId: world.ids.sevisId(),
    visaType,
    school,
    schoolCode: rng.pick(school.codes),
    dso: rng.pick(school.dsos),
    educationLevel: level,
    major,
    programStart: start,
    programEnd: end,
    usAddress,
    rows: [],
  };
  addRow(ctx, record, 'INITIAL', start - rng.int(60, 150));
  life.sevis.push(record);
  if (!life.person.address) life.person.address = usAddress;
  return record;
}

export function addRow(
  ctx: PlanCtx,
  record: SevisRecord,
  status: SevisStatus,
  statusDate: Day,
  extra: Partial<SevisRow> = {},
): void {
  if (statusDate > ctx.world.aod) return;
  record.rows.push({
    status,
    statusDate,
    terminationReason: extra.terminationReason ?? '',
    optType: extra.optType ?? '',
    optStart: extra.optStart ?? null,
    optEnd: extra.optEnd ?? null,
  });
}

/** Post-completion OPT after `end`: an ACTIVE row carrying the OPT dates; returns the OPT end. */
export function addOpt(
  ctx: PlanCtx,
  record: SevisRecord,
  end: Day,
): { optStart: Day; optEnd: Day } {
  const { rng } = ctx;
  const optStart = end + rng.int(10, 50);
  const optEnd = optStart + 364;
  addRow(ctx, record, 'ACTIVE', end - rng.int(20, 60), {
    optType: 'POST_COMPLETION',
    optStart,
    optEnd,
  });
  return { optStart, optEnd };
}

/** The 24-month STEM extension following OPT that ends on `optEnd`; returns its end. */
export function addStemOpt(ctx: PlanCtx, record: SevisRecord, optEnd: Day): Day {
  const stemStart = optEnd + 1;
  const stemEnd = addYears(stemStart, 2) - 1;
  addRow(ctx, record, 'ACTIVE', optEnd - ctx.rng.int(30, 80), {
    optType: 'STEM',
    optStart: stemStart,
    optEnd: stemEnd,
  });
  return stemEnd;
}
