import type { Faker } from '@faker-js/faker';
import { faker as de } from '@faker-js/faker/locale/de';
import { faker as el } from '@faker-js/faker/locale/el';
import { faker as enIN } from '@faker-js/faker/locale/en_IN';
import { faker as enNG } from '@faker-js/faker/locale/en_NG';
import { faker as enUS } from '@faker-js/faker/locale/en_US';
import { faker as es } from '@faker-js/faker/locale/es';
import { faker as esMX } from '@faker-js/faker/locale/es_MX';
import { faker as fr } from '@faker-js/faker/locale/fr';
import { faker as frSN } from '@faker-js/faker/locale/fr_SN';
import { faker as it } from '@faker-js/faker/locale/it';
import { faker as ko } from '@faker-js/faker/locale/ko';
import { faker as pl } from '@faker-js/faker/locale/pl';
import { faker as ptBR } from '@faker-js/faker/locale/pt_BR';
import { faker as ru } from '@faker-js/faker/locale/ru';
import { faker as tr } from '@faker-js/faker/locale/tr';
import { faker as uk } from '@faker-js/faker/locale/uk';
import { faker as vi } from '@faker-js/faker/locale/vi';
import { faker as yoNG } from '@faker-js/faker/locale/yo_NG';

// Name lists come straight from @faker-js/faker's locale data (synthetic by design). We read
// the lists and draw from them with our own seeded generator, which is much faster than
// calling faker per name and keeps one source of randomness.

export type Sex = 'M' | 'F';
export type PoolLocale =
  | 'de'
  | 'el'
  | 'en_IN'
  | 'en_NG'
  | 'en_US'
  | 'es'
  | 'es_MX'
  | 'fr'
  | 'fr_SN'
  | 'it'
  | 'ko'
  | 'pl'
  | 'pt_BR'
  | 'ru'
  | 'tr'
  | 'uk'
  | 'vi'
  | 'yo_NG';

const LOCALES: Record<PoolLocale, Faker> = {
  de,
  el,
  en_IN: enIN,
  en_NG: enNG,
  en_US: enUS,
  es,
  es_MX: esMX,
  fr,
  fr_SN: frSN,
  it,
  ko,
  pl,
  pt_BR: ptBR,
  ru,
  tr,
  uk,
  vi,
  yo_NG: yoNG,
};

type Entry = { generic?: string[]; male?: string[]; female?: string[] } | undefined;
type Kind = 'first_name' | 'last_name' | 'middle_name';

const KINDS: readonly Kind[] = ['first_name', 'last_name', 'middle_name'];
// One slot per (kind, sex, strict) for each locale: hot path, so no string keys.
const cache = new Map<PoolLocale, (readonly string[] | undefined)[]>();

function ownEntry(locale: PoolLocale, kind: Kind): Entry {
  // Faker types each entry as possibly-weighted; person names are plain string lists.
  const person = LOCALES[locale].rawDefinitions.person;
  return person?.[kind] as Entry;
}

/** Names of a kind for a sex; `strictSex` leaves out the unisex list (needed for gendered surnames). */
export function namePool(
  locale: PoolLocale,
  kind: Kind,
  sex: Sex,
  strictSex = false,
): readonly string[] {
  let slots = cache.get(locale);
  if (!slots) cache.set(locale, (slots = []));
  const slot = (KINDS.indexOf(kind) * 2 + (sex === 'M' ? 0 : 1)) * 2 + (strictSex ? 1 : 0);
  const hit = slots[slot];
  if (hit) return hit;
  const entry = ownEntry(locale, kind);
  const bySex = sex === 'M' ? entry?.male : entry?.female;
  const list =
    strictSex && bySex?.length ? [...bySex] : [...(bySex ?? []), ...(entry?.generic ?? [])];
  // A few locale lists carry a stray zero-width joiner or trailing space.
  const clean = list
    .map((n) => n.replace(/[\u200c\u200d]/g, '').trim())
    .filter((n) => n.length > 0);
  if (clean.length === 0) throw new Error(`faker locale ${locale} has no ${kind} for ${sex}`);
  slots[slot] = clean;
  return clean;
}

/** Only the unisex list of a kind (Ukrainian -enko surnames, for instance). */
export function genericPool(locale: PoolLocale, kind: Kind): readonly string[] {
  const list = ownEntry(locale, kind)?.generic ?? [];
  return list.length ? list : namePool(locale, kind, 'M');
}

/** Company-style words from the en_US locale, for employer and school names. */
export function englishSurnames(): readonly string[] {
  return namePool('en_US', 'last_name', 'M');
}
