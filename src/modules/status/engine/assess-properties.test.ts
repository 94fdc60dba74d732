import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessPerson } from './assess-person';
import { formatDay, parseDay } from './days';
import type {
  Assessment,
  ClaimFact,
  DepartureFact,
  PersonFacts,
  SevisEventFact,
  SevisRecordFact,
} from './types';

// Section 8 of the rules, checked on generated travel histories.

const BASE = parseDay('2024-01-01');
const day = (offset: number) => formatDay(BASE + offset);
// PROPERTY_RUNS=20000 for a deep search; the default keeps the suite fast.
const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) };

const admissionArb = fc.record({
  cls: fc.constantFrom('B2', 'WT', 'F1', 'J1', 'M1', 'H1B', 'TN', 'A1'),
  ad: fc.integer({ min: 0, max: 700 }),
  stay: fc.integer({ min: -3, max: 250 }),
  ds: fc.boolean(),
  land: fc.boolean(),
  programEnd: fc.integer({ min: -30, max: 400 }),
  terminate: fc.option(
    fc.record({
      after: fc.integer({ min: 0, max: 300 }),
      reason: fc.constantFrom(
        'Unauthorized Employment',
        'Authorized Early Withdrawal',
        'Death',
        'No Show',
      ),
    }),
    { nil: null },
  ),
});

const departureArb = fc.record({
  at: fc.integer({ min: 0, max: 1000 }),
  names: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
});

const claimArb = fc.record({
  form: fc.constantFrom('I-539', 'I-129', 'I-485'),
  of: fc.integer({ min: 0, max: 3 }),
  received: fc.integer({ min: 0, max: 900 }),
  status: fc.constantFrom('PENDING', 'APPROVED', 'DENIED'),
  decidedAfter: fc.integer({ min: 0, max: 200 }),
  until: fc.integer({ min: 0, max: 400 }),
  requested: fc.constantFrom(null, null, 'F1', 'H1B', 'B2'),
  capPetition: fc.boolean(),
  sameEmployer: fc.boolean(),
});

const datedArb = fc.record({
  of: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
  at: fc.integer({ min: 0, max: 900 }),
});

const personArb = fc.record({
  admissions: fc.array(admissionArb, { minLength: 1, maxLength: 4 }),
  departures: fc.array(departureArb, { maxLength: 4 }),
  claims: fc.array(claimArb, { maxLength: 3 }),
  findings: fc.array(datedArb, { maxLength: 1 }),
  employmentEnds: fc.array(datedArb, { maxLength: 1 }),
  birth: fc.integer({ min: -9000, max: 0 }),
});

type PersonShape = typeof personArb extends fc.Arbitrary<infer T> ? T : never;

function sevisFor(n: number, a: PersonShape['admissions'][number]): SevisRecordFact {
  const events: SevisEventFact[] = [
    {
      status: 'ACTIVE',
      statusDate: day(a.ad - 30),
      terminationReason: null,
      programStartDate: day(a.ad),
      programEndDate: day(a.ad + a.programEnd),
      optType: null,
      optStartDate: null,
      optEndDate: null,
      visaType: a.cls,
    },
  ];
  if (a.terminate) {
    events.push({
      ...events[0]!,
      status: 'TERMINATED',
      statusDate: day(a.ad + a.terminate.after),
      terminationReason: a.terminate.reason,
    });
  }
  return { sevisId: `N${n}`, events };
}

/**
 * Builds facts with claims and SEVIS rows up to `evidenceUpTo`. A claim received by then but
 * decided later is dropped ('drop': evidence that stays fixed as the AOD moves on) or kept as
 * pending ('pending': exactly what was on file at that date).
 */
function toFacts(
  p: PersonShape,
  evidenceUpTo = Infinity,
  decidedLater: 'drop' | 'pending' = 'drop',
): PersonFacts {
  const numbers = p.admissions.map((_, i) => `A${i}`);
  const departures: DepartureFact[] = p.departures.map((d, j) => ({
    recordId: `D${j}`,
    admissionNumber: d.names === null ? null : (numbers[d.names] ?? null),
    departureDate: day(d.at),
    passportNumber: 'P1',
  }));
  const claims: ClaimFact[] = [];
  p.claims.forEach((c, k) => {
    if (c.received > evidenceUpTo) return;
    const decidedInTime = c.status === 'PENDING' || c.received + c.decidedAfter <= evidenceUpTo;
    if (!decidedInTime && decidedLater === 'drop') return;
    const status = decidedInTime ? c.status : 'PENDING';
    claims.push({
      receiptNumber: `R${k}`,
      formType: c.form,
      admissionNumber: numbers[c.of] ?? null,
      requestedClass: c.requested,
      receivedDate: day(c.received),
      status,
      decisionDate: status === 'PENDING' ? null : day(c.received + c.decidedAfter),
      approvedUntilDate:
        status === 'APPROVED' && c.requested !== 'F1' ? day(c.received + c.until) : null,
      capPetition: c.capPetition,
      sameEmployer: c.sameEmployer,
    });
  });
  const sevisRecords = p.admissions
    .map((a, i) => sevisFor(i, a))
    .map((r) => ({
      ...r,
      events: r.events.filter((e) => parseDay(e.statusDate) - BASE <= evidenceUpTo),
    }));
  return {
    entityId: 'E-prop',
    birthDate: day(p.birth),
    admissions: p.admissions.map((a, i) => ({
      admissionNumber: numbers[i]!,
      classOfAdmission: a.cls,
      admissionDate: day(a.ad),
      admitUntilDate: a.ds && (a.cls === 'F1' || a.cls === 'J1') ? null : day(a.ad + a.stay),
      mode: a.land ? 'land' : 'air',
      citizenshipCountry: a.land ? 'MEX' : 'IND',
      passportNumber: 'P1',
      sevisId: `N${i}`,
    })),
    departures,
    sevisRecords,
    claims,
    unlawfulPresenceFindings: p.findings
      .filter((f) => f.at <= evidenceUpTo)
      .map((f) => ({
        admissionNumber: f.of === null ? null : (numbers[f.of] ?? null),
        findingDate: day(f.at),
      })),
    employmentEnds: p.employmentEnds
      .filter((e) => e.at <= evidenceUpTo)
      .map((e) => ({
        admissionNumber: e.of === null ? null : (numbers[e.of] ?? null),
        endDate: day(e.at),
      })),
  };
}

const aodArb = fc.integer({ min: 0, max: 1100 });
const DEPARTED = new Set(['COMPLIANT_DEPARTURE', 'OUT_OF_COUNTRY_OVERSTAY']);

function byAdmission(out: Assessment[]): Map<string, Assessment> {
  return new Map(out.map((a) => [a.admissionNumber, a]));
}

describe('properties that must hold (section 8)', () => {
  it('overstay and unlawful presence are never negative, and the bar follows unlawful presence', () => {
    fc.assert(
      fc.property(personArb, aodArb, (p, aod) => {
        for (const a of assessPerson(toFacts(p), day(aod))) {
          expect(a.overstayDays).toBeGreaterThanOrEqual(0);
          expect(a.unlawfulPresenceDays).toBeGreaterThanOrEqual(0);
          const up = a.unlawfulPresenceDays;
          expect(a.barTier).toBe(up >= 365 ? 'TEN_YEAR' : up > 180 ? 'THREE_YEAR' : 'NONE');
          expect([...a.flags].sort()).toEqual(a.flags);
        }
      }),
      RUNS,
    );
  });

  it('COMPLIANT_DEPARTURE ⇔ DD ≤ AED', () => {
    fc.assert(
      fc.property(personArb, aodArb, (p, aod) => {
        for (const a of assessPerson(toFacts(p), day(aod))) {
          if (a.class === 'OUT_OF_SCOPE' || a.departureDate === null || a.aed === null) continue;
          const onTime = parseDay(a.departureDate) <= parseDay(a.aed);
          expect(a.class === 'COMPLIANT_DEPARTURE').toBe(onTime);
          if (!onTime) {
            expect(a.class).toBe('OUT_OF_COUNTRY_OVERSTAY');
            expect(a.overstayDays).toBe(parseDay(a.departureDate) - parseDay(a.aed));
          }
        }
      }),
      RUNS,
    );
  });

  it('with no departure and fixed evidence, a later AOD never moves SUSPECTED back to IN_STATUS', () => {
    fc.assert(
      fc.property(personArb, aodArb, fc.integer({ min: 0, max: 500 }), (p, aod, later) => {
        const facts = { ...toFacts(p, aod), departures: [] };
        const before = byAdmission(assessPerson(facts, day(aod)));
        const after = byAdmission(assessPerson(facts, day(aod + later)));
        for (const [number, a] of before) {
          const b = after.get(number)!;
          if (a.class === 'SUSPECTED_IN_COUNTRY_OVERSTAY')
            expect(b.class).toBe('SUSPECTED_IN_COUNTRY_OVERSTAY');
          if (b.class === 'IN_STATUS') expect(a.class).toBe('IN_STATUS');
        }
      }),
      RUNS,
    );
  });

  it('a late-arriving departure never moves an admission from departed back to in-country', () => {
    fc.assert(
      fc.property(personArb, departureArb, aodArb, (p, extra, aod) => {
        const facts = toFacts(p);
        const more = toFacts({ ...p, departures: [...p.departures, extra] });
        const before = byAdmission(assessPerson(facts, day(aod)));
        const after = byAdmission(assessPerson(more, day(aod)));
        for (const [number, a] of before) {
          const b = after.get(number)!;
          if (a.departureRecordId !== null) expect(b.departureRecordId).not.toBeNull();
          if (DEPARTED.has(a.class)) expect(DEPARTED.has(b.class)).toBe(true);
          if (a.class === 'SUSPECTED_IN_COUNTRY_OVERSTAY' && b.departureRecordId !== null)
            expect(DEPARTED.has(b.class)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('each departure closes at most one admission', () => {
    fc.assert(
      fc.property(personArb, aodArb, (p, aod) => {
        const ids = assessPerson(toFacts(p), day(aod)).flatMap((a) =>
          a.departureRecordId ? [a.departureRecordId] : [],
        );
        expect(new Set(ids).size).toBe(ids.length);
      }),
      RUNS,
    );
  });

  it('records dated after the AOD change nothing', () => {
    fc.assert(
      fc.property(personArb, aodArb, (p, aod) => {
        const all = toFacts(p);
        const asOf = day(aod);
        const trimmed: PersonFacts = {
          ...toFacts(p, aod, 'pending'),
          admissions: all.admissions.filter((a) => a.admissionDate <= asOf),
          departures: all.departures.filter((d) => d.departureDate <= asOf),
        };
        expect(assessPerson(all, asOf)).toEqual(assessPerson(trimmed, asOf));
      }),
      RUNS,
    );
  });
});
