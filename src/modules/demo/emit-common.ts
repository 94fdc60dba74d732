import type { SourceName } from './columns';
import { formatDay, type Day } from './dates';
import { renderBirthDate, renderName, type DateNoise, type NameStyle } from './names/render';
import type { TruthRef } from './output';
import type { Rng } from './rng';
import type { Person } from './types';

// How carefully each source system records a person. Border systems read the passport's
// machine-readable zone and are nearly clean; airline exit manifests, arrest reports,
// commercial data and tips are progressively noisier.

interface SourceNoise {
  style: NameStyle;
  name: number;
  dob: DateNoise;
  passportMissing: number;
  passportTypo: number;
}

const n = (
  style: NameStyle,
  name: number,
  swap: number,
  missing: number,
  yearOff: number,
  passportMissing = 0,
  passportTypo = 0,
): SourceNoise => ({
  style,
  name,
  dob: { swap, missing, yearOff },
  passportMissing,
  passportTypo,
});

export const SOURCE_NOISE: Record<SourceName, SourceNoise> = {
  'adis-arrivals': n('mrz', 0.03, 0.004, 0.001, 0.002, 0, 0.002),
  'adis-departures': n('mrz', 0.08, 0.02, 0.05, 0.01, 0.04, 0.01),
  sevis: n('title', 0.05, 0.01, 0, 0.005),
  'ccd-visas': n('upper', 0.03, 0.004, 0, 0.002, 0, 0.003),
  claims: n('title', 0.06, 0.02, 0.01, 0.01),
  eid: n('upper', 0.15, 0.04, 0.03, 0.02, 0.3, 0.03),
  tecs: n('mrz', 0.05, 0.01, 0.02, 0.005, 0.02, 0.01),
  ident: n('upper', 0.04, 0.01, 0.005, 0.005, 0.1, 0.005),
  commercial: n('popular', 0.25, 0.04, 0.15, 0.02),
  public: n('popular', 0.2, 0.03, 0.3, 0.02),
  tips: n('popular', 0.5, 0.05, 0.5, 0.05),
  cdr: n('popular', 0, 0, 0, 0),
};

export interface Identity {
  given: string;
  middle: string;
  family: string;
  birthDate: string;
  passportNumber: string;
  passportCountry: string;
  truth: TruthRef;
}

function passportTypo(num: string, rng: Rng): string {
  if (num.length < 4) return num;
  const i = rng.int(1, num.length - 2);
  return num.slice(0, i) + (num[i + 1] ?? '') + (num[i] ?? '') + num.slice(i + 2);
}

/**
 * A person as one record of `source` describes them, with the passport in use (by index)
 * when the record is made from a travel document, and a ground-truth reference listing
 * every variation applied.
 */
export function identity(
  person: Person,
  source: SourceName,
  rng: Rng,
  passportIndex: number | null,
  role: TruthRef['role'] = 'subject',
): Identity {
  const noise = SOURCE_NOISE[source];
  const passport = passportIndex === null ? null : (person.passports[passportIndex] ?? null);
  const name = renderName(person.name, noise.style, rng, {
    noise: noise.name,
    oldPassport: passport?.oldSpelling ?? false,
  });
  const dob = renderBirthDate(person.birthDate, rng, noise.dob);
  const variations = [...name.variations, ...dob.variations];
  let passportNumber = passport?.number ?? '';
  if (passport) {
    if (passportIndex !== null && passportIndex < person.passports.length - 1)
      variations.push('passport_renewed');
    const r = rng.next();
    if (r < noise.passportMissing) {
      passportNumber = '';
      variations.push('passport_missing');
    } else if (r < noise.passportMissing + noise.passportTypo) {
      const typoed = passportTypo(passportNumber, rng);
      if (typoed !== passportNumber) variations.push('passport_typo');
      passportNumber = typoed;
    }
  }
  return {
    given: name.given,
    middle: name.middle,
    family: name.family,
    birthDate: dob.value,
    passportNumber,
    passportCountry: passport ? passport.country : '',
    truth: { personId: person.id, role, variations },
  };
}

export function day(d: Day | null | undefined): string {
  return d === null || d === undefined ? '' : formatDay(d);
}
