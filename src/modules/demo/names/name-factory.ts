import type { Rng } from '../rng';
import type { ChineseStyle, Culture } from '../geo';
import {
  chineseName,
  curatedName,
  cyrillicName,
  greekName,
  japaneseName,
  koreanName,
  latinName,
  type Draft,
} from './culture-names';
import type { Sex } from './faker-pools';

/**
 * A person's name as the world knows it. Spelling lists hold the passport form first and
 * then the other ways records write the same name.
 */
export interface PersonName {
  readonly culture: Culture;
  /** First given name, every spelling; [0] is the current passport's. */
  readonly first: readonly string[];
  /** Second given name, patronymic or father's name ('' when none), spellings as above. */
  readonly second: readonly string[];
  /** Whether the passport's given-name field carries the second name too. */
  readonly secondOnPassport: boolean;
  /** Family name spellings; [0] is the current passport's. */
  readonly family: readonly string[];
  /** Parts of a double family name (Spanish, Portuguese), else empty. */
  readonly familyParts: readonly string[];
  /** Spellings on an older passport (different romanization rules), if any. */
  readonly oldPassport: { readonly first: string; readonly family: string } | null;
  /** How the person writes the name in U.S. daily life. */
  readonly popularFirst: string;
  readonly popularFamily: string;
  readonly nicknames: readonly string[];
  /** True where the family name comes first in the person's own usage (zh, ko, ja, vi). */
  readonly familyFirst: boolean;
  /** Only one name (common in South India): U.S. records write FNU for the given name. */
  readonly singleName: boolean;
  /** The name in its own script, where the world has one. */
  readonly native: string | null;
}

/** Draw a name for someone of this culture; `family` forces a shared family name (relatives). */
export function makeName(
  culture: Culture,
  sex: Sex,
  rng: Rng,
  opts: {
    chinese?: ChineseStyle;
    maghreb?: boolean;
    oldPassportStyle?: boolean;
    family?: PersonName;
    familyKey?: number;
  } = {},
): PersonName {
  let d: Draft;
  switch (culture) {
    case 'ru':
    case 'uk':
      d = cyrillicName(culture, sex, rng, opts.oldPassportStyle ?? false, opts.familyKey);
      break;
    case 'el':
      d = greekName(sex, rng, opts.familyKey);
      break;
    case 'ko':
      d = koreanName(sex, rng);
      break;
    case 'zh':
      d = chineseName(opts.chinese ?? 'pinyin', sex, rng);
      break;
    case 'ja':
      d = japaneseName(sex, rng);
      break;
    case 'ar':
    case 'fa':
    case 'ur':
    case 'he':
      d = curatedName(culture, sex, rng, opts.maghreb ?? false);
      break;
    default:
      d = latinName(culture, sex, rng, opts.family?.family[0]);
  }
  if (opts.family && culture !== 'ru' && culture !== 'uk' && culture !== 'el') {
    // Relatives share the family name exactly as the family's passports spell it.
    d.family = [...opts.family.family];
    d.familyParts = [...opts.family.familyParts];
    d.popularFamily = opts.family.popularFamily;
  }
  return {
    culture,
    first: d.first,
    second: d.second,
    secondOnPassport: d.secondOnPassport ?? true,
    family: d.family,
    familyParts: d.familyParts ?? [],
    oldPassport: d.oldPassport ?? null,
    popularFirst: d.popularFirst ?? d.first[0] ?? '',
    popularFamily: d.popularFamily ?? d.family[0] ?? '',
    nicknames: d.nicknames ?? [],
    familyFirst: d.familyFirst ?? false,
    singleName: d.singleName ?? false,
    native: d.native ?? null,
  };
}
