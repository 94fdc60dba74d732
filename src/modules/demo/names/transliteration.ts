import { CHINESE_FAMILIES, joinSyllables, pinyinToWadeGiles } from './chinese';
import { CURATED } from './curated';
import { cyrillicSpellings } from './cyrillic';
import { greekSpellings } from './greek';
import { hangulFamilySpellings, hangulGivenSpellings } from './hangul';
import { japaneseSpellings } from './japanese';
import { mrzFold, stripDiacritics } from './latin';

// One entry point to the romanization modules: every spelling real systems produce for a
// name written in another script (or with diacritics), the official passport form first.

export type NameScript =
  | 'cyrillic-ru'
  | 'cyrillic-uk'
  | 'greek'
  | 'hangul-given'
  | 'hangul-family'
  | 'pinyin'
  | 'hepburn'
  | 'latin'
  | 'curated';

export function spellings(text: string, script: NameScript): string[] {
  switch (script) {
    case 'cyrillic-ru':
      return cyrillicSpellings(text, 'ru');
    case 'cyrillic-uk':
      return cyrillicSpellings(text, 'uk');
    case 'greek':
      return greekSpellings(text);
    case 'hangul-given':
      return hangulGivenSpellings(text);
    case 'hangul-family':
      return hangulFamilySpellings(text);
    case 'pinyin': {
      const syllables = text
        .toLowerCase()
        .split(/[\s-]+/)
        .filter(Boolean);
      const family = CHINESE_FAMILIES.find((f) => f.pinyin.toLowerCase() === text.toLowerCase());
      if (family) return [...new Set([family.pinyin, family.wadeGiles, family.cantonese])];
      const wg = syllables.map((s) => pinyinToWadeGiles(s));
      return [
        ...new Set([
          joinSyllables(syllables, 'joined'),
          joinSyllables(syllables, 'space'),
          joinSyllables(wg, 'hyphen'),
          joinSyllables(wg, 'joined'),
        ]),
      ];
    }
    case 'hepburn':
      return japaneseSpellings(text);
    case 'latin':
      return [...new Set([text, stripDiacritics(text), mrzFold(text)])];
    case 'curated': {
      for (const culture of Object.values(CURATED)) {
        for (const list of [...culture.male, ...culture.female, ...culture.family]) {
          if (list.some((s) => s.toLowerCase() === text.toLowerCase())) return [...list];
        }
      }
      return [text];
    }
  }
}
