import {
  ASSESSMENT_CLASSES,
  assessPerson,
  assessRisk,
  riskInputsFromAssessments,
  type Assessment,
  type AssessmentClass,
  type RiskAssessment,
  type StatusConfig,
} from './engine';
import { arrayLiteral, copyDate, copyField } from './copy-text';
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

export function assessmentLine(
  runId: string,
  personKey: string,
  row: AdmissionRow,
  a: Assessment,
): string {
  return `${runId}\t${copyField(personKey)}\t${entityOf(personKey)}\t${copyField(a.admissionNumber)}\t${row.record_id}\t${a.class}\t${copyField(a.classOfAdmission)}\t${copyField(a.evaluatedClass)}\t${copyField(a.citizenshipCountry)}\t${copyDate(a.admissionDate)}\t${copyDate(a.admitUntilDate)}\t${copyDate(a.aed)}\t${copyDate(a.statusEndDate)}\t${copyDate(a.departureDate)}\t${copyField(a.departureRecordId)}\t${a.overstayDays}\t${a.unlawfulPresenceDays}\t${a.barTier}\t${a.flags.join('|')}\t${rulesCodes(a)}\n`;
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
  private readonly assessmentText = new TextSink(8 << 20);
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
    for (let i = 0; i < out.length; i++) {
      const a = out[i]!;
      this.assessmentText.append(assessmentLine(this.runId, p.key, rows[i]!, a));
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
    const risk: RiskAssessment = assessRisk({ ...engine, ...extra }, this.config);
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
      assessments: this.assessmentText.take(),
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

/** What assessing a batch of persons gives: COPY text (UTF-8) of the run's two partitions, and totals. */
export interface BatchOutput {
  assessments: Uint8Array<ArrayBuffer>;
  risks: Uint8Array<ArrayBuffer>;
  /** Of the batch's assessments. */
  tallies: Tally[];
  /** Of everything this RunOutput has assessed, not only the batch. */
  totals: RunTotals;
}

export function emptyTotals(): RunTotals {
  return { persons: 0, admissions: 0, violators: 0, classCounts: Object.fromEntries(ASSESSMENT_CLASSES.map((c) => [c, 0])) as Record<AssessmentClass, number> };
}
