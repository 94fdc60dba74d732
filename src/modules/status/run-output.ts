import {
  ASSESSMENT_CLASSES,
  assessPerson,
  assessRisk,
  riskInputsFromAssessments,
  type Assessment,
  type AssessmentClass,
  type RiskAssessment,
  type StatusConfig,
  parseDay,
} from './engine';
import { CopyBinaryWriter, uuidBytes } from '../../db/copy-binary';
import { arrayLiteral, copyField } from './copy-text';
import type { PersonRows } from './fact-merge';
import type { AdmissionRow } from './facts.repo';
import { riskFacts, splitTravel, toPersonFacts } from './person-facts';
import { eachPerson, type PersonBatch } from './person-batch';
import { TallyCounter, type Tally } from './tallies';
import { TextSink } from './text-sink';

// What one assessment pass produces, person by person: COPY text for the run's assessments and
// risk partitions, counts by class, and the fiscal-year tallies (TallyCounter).

export const ASSESSMENT_COLUMNS = [
  'run_id', 'person_key', 'entity_id', 'admission_number', 'admission_record_id', 'class',
  'class_of_admission', 'evaluated_class', 'citizenship_country', 'admission_date',
  'admit_until_date', 'aed', 'status_end_date', 'departure_date', 'departure_record_id',
  'overstay_days', 'unlawful_presence_days', 'bar_tier', 'flags', 'rules',
] as const;

export const RISK_COLUMNS = [
  'run_id', 'person_key', 'entity_id', 'admission_record_id', 'score', 'level',
  'citizenship_country', 'classes_of_admission', 'violations', 'school_codes', 'overstay_days',
  'bar_tier', 'factors',
] as const;

export const VIOLATOR_CLASSES: ReadonlySet<AssessmentClass> = new Set<AssessmentClass>([
  'OUT_OF_COUNTRY_OVERSTAY',
  'SUSPECTED_IN_COUNTRY_OVERSTAY',
  'OVERSTAY_ACCRUAL_STOPPED_AOS',
  'STATUS_VIOLATOR_WITHIN_ADMIT_PERIOD',
]);

/** A resolved person's key is its entity id; provisional keys all contain ':'. */
export function entityOf(personKey: string): string {
  return personKey.includes(':') ? '\\N' : personKey;
}

function rulesCodes(a: Assessment): string {
  let out = '';
  for (let i = 0; i < a.rules.length; i++) out += (i ? '|' : '') + a.rules[i]!.code;
  return out;
}

/** The entity id of a resolved person's key as bytes; null for a provisional key (it has a ':'). */
function entityBytes(personKey: string): Uint8Array | null {
  if (personKey.includes(':')) return null;
  const bytes = uuidBytes(personKey);
  if (!bytes) throw new Error(`person key is neither provisional nor an entity id: ${personKey}`);
  return bytes;
}

/** Writes one assessment as a binary COPY row, in ASSESSMENT_COLUMNS order. */
function writeAssessment(
  w: CopyBinaryWriter,
  runId: string,
  personKey: string,
  entity: Uint8Array | null,
  row: AdmissionRow,
  a: Assessment,
): void {
  w.row(ASSESSMENT_COLUMNS.length);
  w.int8(runId);
  w.text(personKey);
  w.uuid(entity);
  w.text(a.admissionNumber);
  w.int8(row.record_id);
  w.text(a.class);
  w.text(a.classOfAdmission);
  w.text(a.evaluatedClass);
  w.text(a.citizenshipCountry);
  w.date(dayOrNull(a.admissionDate));
  w.date(dayOrNull(a.admitUntilDate));
  w.date(dayOrNull(a.aed));
  w.date(dayOrNull(a.statusEndDate));
  w.date(dayOrNull(a.departureDate));
  w.int8(a.departureRecordId);
  w.int4(a.overstayDays);
  w.int4(a.unlawfulPresenceDays);
  w.text(a.barTier);
  w.text(a.flags.join('|'));
  w.text(rulesCodes(a));
}

/** The day of an engine date ('' or null: none, NaN); a date that is there must be readable. */
function dayOrNull(date: string | null): number {
  if (!date) return NaN;
  const day = parseDay(date);
  if (Number.isNaN(day)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return day;
}

/** The admission row behind each assessment (the engine keeps input order). */
function rowsFor(rows: readonly AdmissionRow[], out: readonly Assessment[]): AdmissionRow[] {
  if (rows.length === out.length) return rows as AdmissionRow[];
  const byNumber = new Map(rows.map((r) => [r.admission_number ?? '', r]));
  return out.map((a) => byNumber.get(a.admissionNumber)!);
}

function worstViolation(out: readonly Assessment[], rows: readonly AdmissionRow[]): number {
  let best = -1;
  for (let i = 0; i < out.length; i++) {
    if (!VIOLATOR_CLASSES.has(out[i]!.class)) continue;
    if (best === -1 || out[i]!.overstayDays >= out[best]!.overstayDays) best = i;
  }
  return best === -1 ? rows.length - 1 : best;
}

export class RunOutput {
  private readonly totals = emptyTotals();
  private readonly assessmentRows = new CopyBinaryWriter(8 << 20);
  private readonly riskText = new TextSink(1 << 20);
  private readonly tallies = new TallyCounter();

  constructor(
    private readonly runId: string,
    private readonly asOf: string,
    private readonly config: StatusConfig,
    private readonly suspectSchools: ReadonlySet<string>,
  ) {}

  private addPerson(p: PersonRows): void {
    const travel = splitTravel(p.travel);
    if (travel.admissions.length === 0) return;
    const facts = toPersonFacts(p, travel);
    const out = assessPerson(facts, this.asOf, this.config);
    if (out.length === 0) return;
    const rows = rowsFor(travel.admissions, out);
    this.totals.persons++;
    let violator = false;
    const entity = entityBytes(p.key);
    for (let i = 0; i < out.length; i++) {
      const a = out[i]!;
      writeAssessment(this.assessmentRows, this.runId, p.key, entity, rows[i]!, a);
      this.totals.classCounts[a.class]++;
      this.tallies.add(a);
      if (VIOLATOR_CLASSES.has(a.class)) violator = true;
    }
    this.totals.admissions += out.length;
    if (violator) {
      this.totals.violators++;
      this.addRisk(p, facts, out, rows);
    }
  }

  private addRisk(
    p: PersonRows,
    facts: ReturnType<typeof toPersonFacts>,
    out: Assessment[],
    rows: AdmissionRow[],
  ): void {
    const engine = riskInputsFromAssessments(facts, out, this.asOf, this.config);
    const extra = riskFacts(p, this.suspectSchools);
    // Named fields, not `{ ...engine, ...extra }`: spreading two objects of different shapes
    // took V8's slow path, 4 µs a violator.
    const risk: RiskAssessment = assessRisk(
      {
        overstayDays: engine.overstayDays,
        barTier: engine.barTier,
        sevisTerminationsForCause: engine.sevisTerminationsForCause,
        enforcementEvents: extra.enforcementEvents,
        visaRevoked: extra.visaRevoked,
        lookouts: extra.lookouts,
        suspectSchoolLinks: extra.suspectSchoolLinks,
      },
      this.config,
    );
    const worst = worstViolation(out, rows);
    const coa: string[] = [];
    const violations: string[] = [];
    for (const a of out) {
      if (!VIOLATOR_CLASSES.has(a.class)) continue;
      if (!coa.includes(a.classOfAdmission)) coa.push(a.classOfAdmission);
      if (!violations.includes(a.class)) violations.push(a.class);
    }
    if (coa.length > 1) coa.sort();
    if (violations.length > 1) violations.sort();
    this.riskText.append(
      `${this.runId}\t${copyField(p.key)}\t${entityOf(p.key)}\t${rows[worst]!.record_id}\t${risk.score}\t${risk.level}\t${copyField(out[worst]!.citizenshipCountry)}\t${copyField(arrayLiteral(coa))}\t${copyField(arrayLiteral(violations))}\t${copyField(arrayLiteral(extra.schoolCodes))}\t${engine.overstayDays}\t${engine.barTier}\t${copyField(JSON.stringify(risk.factors))}\n`,
    );
  }

  /** Assesses `batch`: its COPY text, and the totals of everything assessed so far. */
  assessBatch(batch: PersonBatch): BatchOutput {
    eachPerson(batch, (p) => this.addPerson(p));
    return {
      assessments: this.assessmentRows.take(),
      risks: this.riskText.take(),
      tallies: this.tallies.take(),
      totals: { ...this.totals, classCounts: { ...this.totals.classCounts } },
    };
  }
}

export interface RunTotals {
  persons: number;
  admissions: number;
  violators: number;
  classCounts: Record<AssessmentClass, number>;
}

/** What assessing a batch of persons gives: COPY data of the run's two partitions, and totals. */
export interface BatchOutput {
  /** Binary COPY (CopyBinaryWriter). */
  assessments: Uint8Array<ArrayBuffer>;
  /** COPY text, UTF-8. */
  risks: Uint8Array<ArrayBuffer>;
  /** Of the batch's assessments. */
  tallies: Tally[];
  /** Of everything this RunOutput has assessed, not only the batch. */
  totals: RunTotals;
}

export function emptyTotals(): RunTotals {
  return { persons: 0, admissions: 0, violators: 0, classCounts: Object.fromEntries(ASSESSMENT_CLASSES.map((c) => [c, 0])) as Record<AssessmentClass, number> };
}
