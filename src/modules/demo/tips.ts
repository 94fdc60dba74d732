import { yearOf, type Day } from './dates';
import { day, identity } from './emit-common';
import { formatAddress } from './places';
import type { Rng } from './rng';
import type { Life, Person, School } from './types';
import type { World } from './world';

// Tips from the public: a narrative in the caller's words, whatever the caller knew about
// the subject (spelled as the caller heard it), and the tipster's identity, which is a
// protected field (an informant) and often confidential.

const COUNTRY_NAMES: Record<string, string> = {
  MEX: 'Mexico',
  IND: 'India',
  CHN: 'China',
  BRA: 'Brazil',
  COL: 'Colombia',
  DOM: 'the Dominican Republic',
  NGA: 'Nigeria',
  VNM: 'Vietnam',
  TUR: 'Turkey',
  RUS: 'Russia',
  UKR: 'Ukraine',
  SAU: 'Saudi Arabia',
  EGY: 'Egypt',
  PAK: 'Pakistan',
  IRN: 'Iran',
  PER: 'Peru',
  VEN: 'Venezuela',
  GTM: 'Guatemala',
  SLV: 'El Salvador',
  HND: 'Honduras',
  HTI: 'Haiti',
  GBR: 'England',
  DEU: 'Germany',
  FRA: 'France',
  JPN: 'Japan',
  KOR: 'Korea',
  ITA: 'Italy',
  ESP: 'Spain',
  AUS: 'Australia',
  IRL: 'Ireland',
  POL: 'Poland',
  GRC: 'Greece',
  TWN: 'Taiwan',
  ISR: 'Israel',
  KAZ: 'Kazakhstan',
  GHA: 'Ghana',
  SEN: 'Senegal',
  HKG: 'Hong Kong',
  JOR: 'Jordan',
  LBN: 'Lebanon',
  IRQ: 'Iraq',
  ARE: 'the Emirates',
  MAR: 'Morocco',
  CAN: 'Canada',
  AUT: 'Austria',
  CHE: 'Switzerland',
  PRT: 'Portugal',
};

export type TipKind = 'overstay' | 'school' | 'dso' | 'unfounded';

export interface TipInput {
  kind: TipKind;
  subject: Person;
  subjectLife?: Life;
  school?: School;
  tipster: Person | null;
  received: Day;
}

function narrative(rng: Rng, t: TipInput, name: string): string {
  const where = t.subject.address ? ` at ${formatAddress(t.subject.address)}` : '';
  const job = t.subject.employer ? ` and works at ${t.subject.employer.name}` : '';
  const from = COUNTRY_NAMES[t.subject.citizenship] ?? 'overseas';
  const since = t.subjectLife?.admissions[0]
    ? ` around ${yearOf(t.subjectLife.admissions[0].ad)}`
    : '';
  switch (t.kind) {
    case 'overstay':
      return rng.pick([
        `Caller states ${name} came from ${from}${since} on a visitor visa and never went back. Subject lives${where}${job}.`,
        `Neighbor reports ${name} has been here${since} with an expired visa.\nSays subject lives${where}${job}. Caller afraid of retaliation.`,
        `Anonymous e-mail: "${name} overstayed, everybody knows it." Subject is from ${from}${job}.`,
      ]);
    case 'school':
      return `Caller says students of ${t.school?.name ?? 'a school'} never attend class and pay for the I-20 only. ${name} is registered there but lives${where}${job}.`;
    case 'dso':
      return `Former employee of ${t.school?.name ?? 'the school'} reports that ${name}, the school official, issues I-20s for cash and reports students as enrolled who never come.\nSame official runs another school.`;
    case 'unfounded':
      return `Caller believes ${name} is "illegal" because of an accent. No details about status. Subject lives${where}.`;
  }
}

/** Write one tip; returns its record id. */
export function emitTip(world: World, rng: Rng, t: TipInput): string {
  const id = identity(t.subject, 'tips', rng, null);
  const spoken = `${id.given} ${id.family}`.trim();
  const s = t.subject;
  const tipster = t.tipster;
  const channel = rng.pick(['PHONE', 'PHONE', 'WEB', 'EMAIL', 'WALK_IN'] as const);
  // A subject nobody can identify (a made-up or garbled name) gets no ground-truth row.
  const truth = s.id ? [id.truth] : [];
  if (tipster) truth.push({ personId: tipster.id, role: 'tipster', variations: [] });
  const recordId = world.out.emit(
    'tips',
    {
      received_date: day(t.received),
      channel,
      narrative: narrative(rng, t, spoken),
      subject_family_name: id.family,
      subject_given_name: id.given,
      subject_birth_date: id.birthDate,
      subject_citizenship_country: rng.chance(0.6) ? s.citizenship : '',
      subject_phone: rng.chance(0.4) ? (s.phone ?? '') : '',
      subject_address: s.address && rng.chance(0.75) ? formatAddress(s.address) : '',
      subject_employer: s.employer && rng.chance(0.5) ? s.employer.name : '',
      subject_school_name: t.school ? t.school.name : '',
      tipster_name: tipster ? `${tipster.name.popularFirst} ${tipster.name.popularFamily}` : '',
      tipster_phone: tipster?.phone ?? '',
      tipster_email: tipster && channel !== 'PHONE' ? (tipster.email ?? '') : '',
      confidential: tipster ? (rng.chance(0.7) ? 'Y' : 'N') : 'Y',
    },
    truth,
  );
  world.out.planted('tips', {
    record_id: recordId,
    kind: t.kind,
    subject_true_person_id: s.id || null,
    tipster_true_person_id: tipster?.id ?? null,
    school_code: t.school?.codes[0] ?? null,
    founded: t.kind !== 'unfounded',
  });
  return recordId;
}
