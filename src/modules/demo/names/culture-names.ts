import type { Rng } from '../rng';
import type { ChineseStyle, Culture } from '../geo';
import {
  CANTONESE_GIVEN_SYLLABLES,
  CHINESE_FAMILIES,
  PINYIN_GIVEN_SYLLABLES,
  joinSyllables,
  pinyinToWadeGiles,
  type GivenStyle,
} from './chinese';
import { CURATED, maghrebPreferred, type Spellings } from './curated';
import { cyrillicSpellings, romanizeCyrillic } from './cyrillic';
import { genericPool, namePool, type PoolLocale, type Sex } from './faker-pools';
import { greekSpellings } from './greek';
import { hangulFamilySpellings, hangulGivenSpellings } from './hangul';
import { JAPANESE_FAMILIES, JAPANESE_GIVEN, japaneseSpellings } from './japanese';
import { stripDiacritics } from './latin';
import { ADOPTED_ENGLISH, CYRILLIC_DIMINUTIVES, latinNicknames } from './nicknames';

// How each culture's names are drawn and spelled. Every function returns a draft: the
// spelling lists (passport form first) and the everyday forms; name-factory.ts completes it.

const LATIN_LOCALES: Partial<Record<Culture, readonly PoolLocale[]>> = {
  en: ['en_US'],
  es: ['es_MX', 'es'],
  pt: ['pt_BR'],
  fr: ['fr'],
  sn: ['fr_SN'],
  de: ['de'],
  it: ['it'],
  pl: ['pl'],
  tr: ['tr'],
  in: ['en_IN'],
  ng: ['en_NG', 'yo_NG'],
  vi: ['vi'],
};

const PORTUGUESE_SURNAMES = [
  'Silva',
  'Santos',
  'Oliveira',
  'Souza',
  'Rodrigues',
  'Ferreira',
  'Alves',
  'Pereira',
  'Lima',
  'Gomes',
  'Costa',
  'Ribeiro',
  'Martins',
  'Carvalho',
  'Almeida',
  'Lopes',
  'Soares',
  'Fernandes',
  'Vieira',
  'Barbosa',
  'Rocha',
  'Dias',
  'Nascimento',
  'Andrade',
  'Moreira',
  'Nunes',
  'Marques',
  'Machado',
  'Mendes',
  'Freitas',
  'Cardoso',
  'Ramos',
  'Gonçalves',
  'Santana',
  'Teixeira',
  'Araújo',
  'Conceição',
];

function unique(list: readonly string[]): string[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const k = s.toUpperCase();
    if (!s || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function latinSpellings(name: string): string[] {
  return unique([name, stripDiacritics(name)]);
}

export interface Draft {
  first: string[];
  second: string[];
  family: string[];
  familyParts?: string[];
  secondOnPassport?: boolean;
  oldPassport?: { first: string; family: string } | null;
  popularFirst?: string;
  popularFamily?: string;
  nicknames?: string[];
  familyFirst?: boolean;
  singleName?: boolean;
  native?: string | null;
}

export function latinName(culture: Culture, sex: Sex, rng: Rng, family?: string): Draft {
  const locale: PoolLocale = rng.pick(LATIN_LOCALES[culture] ?? ['en_US']);
  const first = rng.pick(namePool(locale, 'first_name', sex));
  const hasSecond =
    culture !== 'vi' &&
    rng.chance(culture === 'en' || culture === 'es' || culture === 'pt' ? 0.45 : 0.2);
  const second = hasSecond ? rng.pick(namePool(locale, 'first_name', sex)) : '';
  let parts: string[] = [];
  let familyName = family ?? '';
  if (!family) {
    if (culture === 'es')
      parts = [
        rng.pick(namePool(locale, 'last_name', sex)),
        rng.pick(namePool(locale, 'last_name', sex)),
      ];
    else if (culture === 'pt')
      parts = [rng.pick(PORTUGUESE_SURNAMES), rng.pick(PORTUGUESE_SURNAMES)];
    else familyName = rng.pick(namePool(locale, 'last_name', sex));
    if (parts.length) familyName = parts.join(' ');
  } else if ((culture === 'es' || culture === 'pt') && family.includes(' ')) {
    parts = family.split(' ');
  }
  const [p0 = '', p1 = ''] = parts;
  const familyAlts = parts.length === 2 ? [familyName, `${p0}-${p1}`, p0, p1] : [familyName];
  // Spanish speakers drop the mother's (second) surname in the U.S.; Brazilians go by the last.
  const popularFamily =
    parts.length === 2 ? (culture === 'pt' ? p1 : rng.chance(0.5) ? p0 : familyName) : familyName;
  const single = culture === 'in' && rng.chance(0.04);
  return {
    first: single ? [''] : latinSpellings(first),
    second: second ? latinSpellings(second) : [''],
    family: unique(familyAlts.flatMap(latinSpellings)),
    familyParts: parts,
    popularFamily,
    nicknames: latinNicknames(first, culture),
    familyFirst: culture === 'vi',
    singleName: single,
  };
}

function cyrillicFamily(lang: 'ru' | 'uk', sex: Sex, rng: Rng, familyKey?: number): string {
  if (familyKey === undefined) return rng.pick(namePool(lang, 'last_name', sex, true));
  // Russian male and female surname lists are parallel (Komarov / Komarova); Ukrainian
  // relatives share an unisex surname (Shevchenko).
  const list =
    lang === 'ru' ? namePool(lang, 'last_name', sex, true) : genericPool(lang, 'last_name');
  return list[familyKey % list.length] ?? list[0] ?? '';
}

export function cyrillicName(
  lang: 'ru' | 'uk',
  sex: Sex,
  rng: Rng,
  oldStyle: boolean,
  familyKey?: number,
): Draft {
  const first = rng.pick(namePool(lang, 'first_name', sex));
  const family = cyrillicFamily(lang, sex, rng, familyKey);
  const patronymic = rng.pick(namePool(lang, 'middle_name', sex, true));
  const firstS = cyrillicSpellings(first, lang);
  const familyS = cyrillicSpellings(family, lang);
  const dim = CYRILLIC_DIMINUTIVES[first];
  return {
    first: firstS,
    second: cyrillicSpellings(patronymic, lang),
    secondOnPassport: false,
    family: familyS,
    oldPassport: oldStyle
      ? {
          first: romanizeCyrillic(first, 'french', lang),
          family: romanizeCyrillic(family, 'french', lang),
        }
      : null,
    popularFirst: romanizeCyrillic(first, 'popular', lang),
    popularFamily: romanizeCyrillic(family, 'popular', lang),
    nicknames: dim ? [romanizeCyrillic(dim, 'popular', lang)] : [],
    native: `${first} ${patronymic} ${family}`,
  };
}

/** Greek women carry the genitive of the family name: Papadopoulos → Papadopoulou. */
function greekFeminine(male: string): string {
  const plain = male
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');
  if (plain.endsWith('ος')) return `${plain.slice(0, -2)}ου`;
  if (plain.endsWith('ης')) return `${plain.slice(0, -2)}η`;
  if (plain.endsWith('ας')) return `${plain.slice(0, -2)}α`;
  return plain;
}

export function greekName(sex: Sex, rng: Rng, familyKey?: number): Draft {
  const first = rng.pick(namePool('el', 'first_name', sex));
  const males = namePool('el', 'last_name', 'M').filter((s) => s.endsWith('ς'));
  const male = familyKey === undefined ? rng.pick(males) : (males[familyKey % males.length] ?? '');
  const family = sex === 'M' ? male : greekFeminine(male);
  const firstS = greekSpellings(first);
  const familyS = greekSpellings(family);
  return {
    first: firstS,
    second: [''],
    family: familyS,
    popularFirst: firstS[1] ?? firstS[0],
    native: `${first} ${family}`,
  };
}

export function koreanName(sex: Sex, rng: Rng): Draft {
  const first = rng.pick(namePool('ko', 'first_name', sex));
  const family = rng.pick(namePool('ko', 'last_name', sex));
  const given = hangulGivenSpellings(first);
  const passportFirst = rng.chance(0.6) ? given[0] : rng.pick(given.slice(0, 3));
  const ordered = unique([passportFirst ?? '', ...given]);
  const english = rng.chance(0.25)
    ? [rng.pick(sex === 'M' ? ADOPTED_ENGLISH.male : ADOPTED_ENGLISH.female)]
    : [];
  return {
    first: ordered,
    second: [''],
    family: hangulFamilySpellings(family),
    familyFirst: true,
    popularFirst: given[given.length - 1] ?? ordered[0],
    nicknames: english,
    native: `${family}${first}`,
  };
}

export function chineseName(style: ChineseStyle, sex: Sex, rng: Rng): Draft {
  const fam = rng.pick(CHINESE_FAMILIES);
  const pool = style === 'cantonese' ? CANTONESE_GIVEN_SYLLABLES : PINYIN_GIVEN_SYLLABLES;
  const syll = rng.chance(0.75) ? [rng.pick(pool), rng.pick(pool)] : [rng.pick(pool)];
  const wg = syll.map((s) => (style === 'cantonese' ? s : pinyinToWadeGiles(s)));
  const styles: GivenStyle[] = ['joined', 'space', 'hyphen'];
  const passportStyle: GivenStyle =
    style === 'pinyin' ? 'joined' : style === 'wade-giles' ? 'hyphen' : 'space';
  const given = unique([
    joinSyllables(style === 'wade-giles' ? wg : syll, passportStyle),
    ...styles.map((st) => joinSyllables(syll, st)),
    ...(style === 'cantonese' ? [] : styles.map((st) => joinSyllables(wg, st))),
  ]);
  const familyMain =
    style === 'pinyin' ? fam.pinyin : style === 'wade-giles' ? fam.wadeGiles : fam.cantonese;
  const family = unique(
    [familyMain, fam.pinyin, fam.wadeGiles, fam.cantonese].filter(
      (s, i) => i === 0 || style !== 'cantonese' || s !== fam.pinyin,
    ),
  );
  const english = rng.chance(style === 'pinyin' ? 0.3 : 0.5)
    ? [rng.pick(sex === 'M' ? ADOPTED_ENGLISH.male : ADOPTED_ENGLISH.female)]
    : [];
  return { first: given, second: [''], family, familyFirst: true, nicknames: english };
}

export function japaneseName(sex: Sex, rng: Rng): Draft {
  const first = rng.pick(sex === 'M' ? JAPANESE_GIVEN.male : JAPANESE_GIVEN.female);
  const family = rng.pick(JAPANESE_FAMILIES);
  const familyS = japaneseSpellings(family);
  // A few holders ask for the "oh" spelling on the passport itself (SATOH).
  const ohPassport = rng.chance(0.15) && familyS.length > 2;
  return {
    first: japaneseSpellings(first),
    second: [''],
    familyFirst: true,
    family: ohPassport ? unique([familyS[2] ?? '', ...familyS]) : familyS,
  };
}

export function curatedName(
  culture: 'ar' | 'fa' | 'ur' | 'he',
  sex: Sex,
  rng: Rng,
  maghreb: boolean,
): Draft {
  const lists = CURATED[culture];
  const prefer = (s: Spellings): string[] => {
    const ordered = maghreb ? maghrebPreferred(s) : s;
    // The passport may carry any of the usual spellings, more often the first.
    const passport = rng.chance(0.6) ? ordered[0] : rng.pick(ordered);
    return unique([passport ?? '', ...ordered]);
  };
  const first = prefer(rng.pick(sex === 'M' ? lists.male : lists.female));
  const hasFather = (culture === 'ar' || culture === 'ur') && rng.chance(0.5);
  const second = hasFather ? prefer(rng.pick(lists.male)) : [''];
  return {
    first,
    second,
    family: prefer(rng.pick(lists.family)),
    popularFirst: rng.chance(0.2) ? rng.pick(first) : first[0],
  };
}
