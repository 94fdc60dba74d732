import { addYears, type Day } from './dates';
import { country } from './geo';
import { passportOn } from './people';
import type { PlanCtx } from './plan-utils';
import type { Admission, Visa } from './types';

// Consular records (CCD): the visa each admission was made on, refusals before a first
// issuance, and revocations after a violation.

const TEN_YEAR_B = new Set([
  'MEX',
  'BRA',
  'IND',
  'CHN',
  'COL',
  'PER',
  'DOM',
  'TUR',
  'ARE',
  'SAU',
  'HKG',
  'ARG',
]);
const SINGLE_ENTRY = new Set(['IRN', 'SYR']);

function visaClassFor(a: Admission, citizenship: string): string | null {
  if (a.cls === 'WT' || a.cls === 'WB' || citizenship === 'CAN') return null;
  if (a.cls === 'B1' || a.cls === 'B2') return 'B1/B2';
  if (a.cls === 'C1' || a.cls === 'D') return 'C1/D';
  return a.cls;
}

function validityYears(visaClass: string, citizenship: string): number {
  if (visaClass === 'B1/B2')
    return TEN_YEAR_B.has(citizenship)
      ? 10
      : citizenship === 'NGA' || citizenship === 'RUS'
        ? 1
        : 5;
  if (
    visaClass === 'H1B' ||
    visaClass === 'L1' ||
    visaClass === 'O1' ||
    visaClass === 'H4' ||
    visaClass === 'L2'
  )
    return 3;
  if (visaClass === 'A1' || visaClass === 'A2' || visaClass === 'G4') return 3;
  return visaClass === 'F1' || visaClass === 'J1' ? 4 : visaClass === 'M1' ? 1 : 5;
}

/** Issue (or reuse) a visa for every admission that needs one. */
export function assignVisas(ctx: PlanCtx): void {
  const { life, rng, world } = ctx;
  const cit = life.person.citizenship;
  const posts = country(cit).posts;
  for (const a of life.admissions) {
    const visaClass = visaClassFor(a, cit);
    if (!visaClass) continue;
    let visa = life.visas.find(
      (v) =>
        v.visaClass === visaClass && v.status === 'ISSUED' && v.issued < a.ad && v.expires >= a.ad,
    );
    if (!visa) {
      const issued = a.ad - rng.int(10, 120);
      const first = !life.visas.some((v) => v.visaClass === visaClass);
      if (first && visaClass === 'B1/B2' && rng.chance(0.1)) {
        const refused = issued - rng.int(60, 500);
        life.visas.push(
          newVisa(
            ctx,
            '',
            visaClass,
            refused,
            refused,
            rng.pick(posts.length ? posts : ['UNKNOWN']),
            'REFUSED',
          ),
        );
      }
      const expires = addYears(issued, validityYears(visaClass, cit)) - 1;
      const entries = SINGLE_ENTRY.has(cit) || visaClass === 'M1' ? '1' : 'M';
      visa = newVisa(
        ctx,
        world.ids.visaFoil(),
        visaClass,
        issued,
        expires,
        rng.pick(posts.length ? posts : ['UNKNOWN']),
        'ISSUED',
        entries,
      );
      life.visas.push(visa);
    }
    a.visaFoil = visa.foil;
  }
  life.visas.sort((x, y) => x.issued - y.issued);
}

function newVisa(
  ctx: PlanCtx,
  foil: string,
  visaClass: string,
  issued: Day,
  expires: Day,
  post: string,
  status: Visa['status'],
  entries = 'M',
): Visa {
  return {
    foil,
    visaClass,
    issued,
    expires,
    post,
    entries: status === 'REFUSED' ? '' : entries,
    status,
    revoked: null,
    revocationReason: '',
    passportIndex: passportOn(ctx.life.person, issued),
  };
}

/** After a violation, State sometimes records the visa as revoked. */
export function maybeRevoke(
  ctx: PlanCtx,
  admission: Admission,
  statusEnd: Day,
  reason: 'overstay' | 'student' | 'prudential',
): void {
  const { rng, world, life } = ctx;
  const visa = life.visas.find((v) => v.foil !== '' && v.foil === admission.visaFoil);
  if (!visa || visa.status !== 'ISSUED') return;
  const when = Math.max(visa.issued + 30, statusEnd + rng.int(30, 300));
  if (when >= world.aod) return;
  visa.status = 'REVOKED';
  visa.revoked = when;
  visa.revocationReason =
    reason === 'overstay'
      ? 'INA 222(g) - visa void after overstay'
      : reason === 'student'
        ? 'INA 221(i) - SEVIS status violation'
        : 'INA 221(i) - prudential revocation, arrest after issuance';
}
