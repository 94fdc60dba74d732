import type { Rng, Weighted } from '../rng';
import { formatDay, ymdFromDay, dayFromYmd, type Day } from '../dates';
import { asciiKey, hasDiacritics, mrzFold, stripDiacritics } from './latin';
import type { PersonName } from './name-factory';
import { typo } from './typos';

/**
 * How a source writes names: `mrz` as scanned from the passport (upper case, Müller →
 * MUELLER), `upper` typed in capitals without accents, `title` typed in mixed case without
 * accents, `popular` as the person gives it in daily life.
 */
export type NameStyle = 'mrz' | 'upper' | 'title' | 'popular';

export interface RenderedName {
  given: string;
  middle: string;
  family: string;
  variations: string[];
}

type Op =
  | 'translit'
  | 'typo'
  | 'order_swap'
  | 'surname_dropped'
  | 'nickname'
  | 'middle_dropped'
  | 'middle_in_given'
  | 'diacritics';

interface Working {
  first: string;
  second: string;
  family: string;
  middleSeparate: boolean;
  keepDiacritics: boolean;
  swapped: boolean;
}

function otherThan(options: readonly string[], current: string, rng: Rng): string | null {
  const key = asciiKey(current);
  const rest = options.filter((o) => o && asciiKey(o) !== key);
  return rest.length ? rng.pick(rest) : null;
}

function applicableOps(name: PersonName, w: Working, style: NameStyle): Weighted<Op>[] {
  const ops: Weighted<Op>[] = [{ value: 'typo', weight: 3 }];
  // A passport scan repeats the passport's own romanization; only typed records vary it.
  if (style !== 'mrz' && (name.first.length > 1 || name.family.length > 1))
    ops.push({ value: 'translit', weight: name.culture === 'en' ? 1 : 4 });
  ops.push({ value: 'order_swap', weight: name.familyFirst ? 3 : 0.7 });
  if (name.familyParts.length === 2 && w.family.includes(' '))
    ops.push({ value: 'surname_dropped', weight: 3 });
  if (style === 'popular' && name.nicknames.length) ops.push({ value: 'nickname', weight: 3 });
  if (w.second && !w.middleSeparate) ops.push({ value: 'middle_dropped', weight: 1.5 });
  if (w.second && w.middleSeparate) ops.push({ value: 'middle_in_given', weight: 1 });
  if (hasDiacritics(w.first + w.family)) ops.push({ value: 'diacritics', weight: 2 });
  return ops;
}

function applyOp(op: Op, name: PersonName, w: Working, rng: Rng, style: NameStyle): boolean {
  switch (op) {
    case 'translit': {
      const useFamily = name.family.length > 1 && (name.first.length <= 1 || rng.chance(0.5));
      const alt = otherThan(
        useFamily ? name.family : name.first,
        useFamily ? w.family : w.first,
        rng,
      );
      if (!alt) return false;
      if (useFamily) w.family = alt;
      else w.first = alt;
      return true;
    }
    case 'typo': {
      const before = w.first + w.family;
      if (rng.chance(0.5) && w.family.length > 3) w.family = typo(w.family, rng);
      else w.first = typo(w.first, rng);
      return w.first + w.family !== before;
    }
    case 'order_swap':
      w.swapped = true;
      return true;
    case 'surname_dropped':
      w.family = name.familyParts[0] ?? w.family;
      return true;
    case 'nickname':
      w.first = rng.pick(name.nicknames);
      return true;
    case 'middle_dropped':
      w.second = '';
      return true;
    case 'middle_in_given':
      w.first = `${w.first} ${w.second}`;
      w.second = '';
      return true;
    case 'diacritics': {
      // Only a variant when it shows: José is JOSE either way in an upper-case ASCII system.
      const text = `${w.first} ${w.family}`;
      const before = finish(text, style, w.keepDiacritics);
      if (finish(text, style, !w.keepDiacritics) === before) return false;
      w.keepDiacritics = !w.keepDiacritics;
      return true;
    }
  }
}

function finish(text: string, style: NameStyle, keepDiacritics: boolean): string {
  if (style === 'mrz') return keepDiacritics ? mrzFold(text) : stripDiacritics(text).toUpperCase();
  const plain = keepDiacritics ? text : stripDiacritics(text);
  return style === 'upper' ? plain.toUpperCase() : plain;
}

/** Render a name as one record of a source writes it, with a chance of a realistic variant. */
export function renderName(
  name: PersonName,
  style: NameStyle,
  rng: Rng,
  opts: { noise: number; oldPassport?: boolean },
): RenderedName {
  const variations: string[] = [];
  const popular = style === 'popular';
  const old = opts.oldPassport && name.oldPassport ? name.oldPassport : null;
  const w: Working = {
    first: popular ? name.popularFirst : (old?.first ?? name.first[0] ?? ''),
    second: name.second[0] ?? '',
    family: popular ? name.popularFamily : (old?.family ?? name.family[0] ?? ''),
    middleSeparate: popular,
    keepDiacritics: style === 'mrz',
    swapped: false,
  };
  if (!popular && !name.secondOnPassport) w.second = '';
  if (popular && asciiKey(w.first) !== asciiKey(name.first[0] ?? '')) variations.push('translit');
  if (popular && asciiKey(w.family) !== asciiKey(name.family[0] ?? '')) {
    variations.push(name.familyParts.length === 2 ? 'surname_dropped' : 'translit');
  }
  // Many people simply go by their short or adopted English name in daily life.
  if (popular && name.nicknames.length && rng.chance(0.3)) {
    w.first = rng.pick(name.nicknames);
    variations.push('nickname');
  }
  if (
    old &&
    asciiKey(old.first + old.family) !== asciiKey((name.first[0] ?? '') + (name.family[0] ?? ''))
  )
    variations.push('translit');
  if (rng.chance(opts.noise)) {
    const rounds = rng.chance(0.2) ? 2 : 1;
    for (let i = 0; i < rounds; i++) {
      const op = rng.weighted(applicableOps(name, w, style));
      if (applyOp(op, name, w, rng, style) && !variations.includes(op)) variations.push(op);
    }
  }
  let given = w.middleSeparate || !w.second ? w.first : `${w.first} ${w.second}`;
  let family = w.family;
  if (name.singleName) {
    given = popular ? family : 'FNU';
    family = popular ? '' : family;
    if (!popular) variations.push('fnu');
  }
  if (w.swapped) [given, family] = [family, given];
  const middle = w.middleSeparate ? w.second : '';
  return {
    given: finish(given, style, w.keepDiacritics),
    middle: finish(middle, style, w.keepDiacritics),
    family: finish(family, style, w.keepDiacritics),
    variations: [...new Set(variations)],
  };
}

export interface DateNoise {
  swap: number;
  missing: number;
  yearOff: number;
}

/** A birth date as a record carries it: mostly right, sometimes day/month swapped or absent. */
export function renderBirthDate(
  dob: Day,
  rng: Rng,
  noise: DateNoise,
): { value: string; variations: string[] } {
  const r = rng.next();
  const [y, m, d] = ymdFromDay(dob);
  if (r < noise.missing) return { value: '', variations: ['dob_missing'] };
  if (r < noise.missing + noise.swap && d <= 12 && d !== m) {
    return { value: formatDay(dayFromYmd(y, d, m)), variations: ['dob_swap'] };
  }
  if (r < noise.missing + noise.swap + noise.yearOff) {
    return {
      value: formatDay(dayFromYmd(y + (rng.chance(0.5) ? 1 : -1), m, Math.min(d, 28))),
      variations: ['dob_year_off'],
    };
  }
  return { value: formatDay(dob), variations: [] };
}
