import { titleCase } from './latin';

// Russian and Ukrainian names in the romanizations real records carry. The same Юрий is
// IURII in a post-2013 Russian passport (ICAO 9303), IOURI in an older one (French-style
// consular practice), YURIY under BGN/PCGN as U.S. agencies long used, YURI as he writes it
// himself, and JURIJ in a German-issued document.

export type CyrillicSystem = 'icao' | 'bgn' | 'popular' | 'french' | 'german';
export const CYRILLIC_SYSTEMS: readonly CyrillicSystem[] = [
  'icao',
  'bgn',
  'popular',
  'french',
  'german',
];

type Table = Record<string, string>;

const COMMON: Table = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  з: 'z',
  и: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  ы: 'y',
  э: 'e',
  ь: '',
  ъ: '',
  і: 'i',
  ґ: 'g',
  "'": '',
  '’': '',
  ʼ: '',
};

const SYSTEMS: Record<CyrillicSystem, Table> = {
  icao: {
    ...COMMON,
    е: 'e',
    ё: 'e',
    ж: 'zh',
    й: 'i',
    х: 'kh',
    ц: 'ts',
    ч: 'ch',
    ш: 'sh',
    щ: 'shch',
    ъ: 'ie',
    ю: 'iu',
    я: 'ia',
    є: 'ie',
    ї: 'i',
  },
  bgn: {
    ...COMMON,
    е: 'e',
    ё: 'yo',
    ж: 'zh',
    й: 'y',
    х: 'kh',
    ц: 'ts',
    ч: 'ch',
    ш: 'sh',
    щ: 'shch',
    ю: 'yu',
    я: 'ya',
    є: 'ye',
    ї: 'yi',
  },
  popular: {
    ...COMMON,
    е: 'e',
    ё: 'yo',
    ж: 'zh',
    й: 'y',
    х: 'kh',
    ц: 'ts',
    ч: 'ch',
    ш: 'sh',
    щ: 'shch',
    ю: 'yu',
    я: 'ya',
    є: 'ye',
    ї: 'yi',
  },
  french: {
    ...COMMON,
    у: 'ou',
    е: 'e',
    ё: 'io',
    ж: 'j',
    й: 'i',
    х: 'kh',
    ц: 'ts',
    ч: 'tch',
    ш: 'ch',
    щ: 'chtch',
    ю: 'iou',
    я: 'ia',
    є: 'ie',
    ї: 'i',
  },
  german: {
    ...COMMON,
    в: 'w',
    з: 's',
    е: 'e',
    ё: 'jo',
    ж: 'sh',
    й: 'j',
    х: 'ch',
    ц: 'z',
    ч: 'tsch',
    ш: 'sch',
    щ: 'schtsch',
    ю: 'ju',
    я: 'ja',
    є: 'je',
    ї: 'ji',
  },
};

// Ukrainian official romanization (KMU 2010) differs from Russian practice in г/и/і.
const UKRAINIAN: Partial<Record<CyrillicSystem, Table>> = {
  icao: { г: 'h', и: 'y', й: 'i', ю: 'iu', я: 'ia', є: 'ie', ї: 'i', х: 'kh' },
  bgn: { г: 'h', и: 'y', й: 'y', ї: 'yi' },
  popular: { г: 'h', и: 'y' },
};

const KMU_START: Table = { є: 'ye', ю: 'yu', я: 'ya', ї: 'yi', й: 'y' };

const VOWELS = new Set('аеёиоуыэюяіїєьъ'.split(''));
const IOTATED_START: Partial<Record<CyrillicSystem, Table>> = {
  bgn: { е: 'ye' },
  popular: { е: 'ye' },
  german: { е: 'je' },
  french: { ю: 'iou', е: 'ie' },
};

// Full names whose everyday English spelling does not follow any table.
const POPULAR_SPELLINGS: Record<string, string> = {
  Александр: 'Alexander',
  Алексей: 'Alexey',
  Юрий: 'Yuri',
  Дмитрий: 'Dmitry',
  Сергей: 'Sergey',
  Андрей: 'Andrey',
  Евгений: 'Evgeny',
  Наталья: 'Natalia',
  Татьяна: 'Tatiana',
  Мария: 'Maria',
  Ксения: 'Ksenia',
  Юлия: 'Julia',
  Анастасия: 'Anastasia',
  Виктория: 'Victoria',
  Олександр: 'Oleksandr',
  Максим: 'Maxim',
  Дарья: 'Daria',
  Георгий: 'George',
  Пётр: 'Peter',
  Михаил: 'Mikhail',
};

const merged = new Map<string, Table>();

/** The letter table of a system, with the Ukrainian overrides when romanizing Ukrainian. */
function tableFor(system: CyrillicSystem, lang: 'ru' | 'uk'): Table {
  const key = `${system}/${lang}`;
  let table = merged.get(key);
  if (!table) {
    table = { ...SYSTEMS[system], ...(lang === 'uk' ? UKRAINIAN[system] : {}) };
    merged.set(key, table);
  }
  return table;
}

function transliterateWord(word: string, system: CyrillicSystem, lang: 'ru' | 'uk'): string {
  const lower = word.toLowerCase();
  const table = tableFor(system, lang);
  // KMU 2010 (Ukrainian passports) writes iotated vowels as y- only at the start of a word.
  const initial = lang === 'uk' && system === 'icao' ? KMU_START : (IOTATED_START[system] ?? {});
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i] ?? '';
    const prev = i > 0 ? (lower[i - 1] ?? '') : '';
    const atStart = i === 0 || (VOWELS.has(prev) && system !== 'icao');
    const rest = lower.slice(i);
    if ((system === 'popular' || system === 'french') && rest === 'ий' && i > 0) {
      out += system === 'popular' ? 'y' : 'i';
      break;
    }
    if (system === 'bgn' && rest === 'ий' && i > 0) {
      out += 'iy';
      break;
    }
    if (
      (system === 'french' || system === 'german') &&
      ch === 'с' &&
      VOWELS.has(prev) &&
      VOWELS.has(lower[i + 1] ?? '')
    ) {
      out += 'ss';
      continue;
    }
    if (system === 'popular' && ch === 'к' && lower[i + 1] === 'с') {
      out += 'x';
      i++;
      continue;
    }
    const mapped = (atStart ? initial[ch] : undefined) ?? table[ch];
    out += mapped ?? ch;
  }
  return out;
}

/** Romanize a Cyrillic name (one or more words, hyphens kept) in the given system. */
export function romanizeCyrillic(
  text: string,
  system: CyrillicSystem,
  lang: 'ru' | 'uk' = 'ru',
): string {
  const known = system === 'popular' ? POPULAR_SPELLINGS[text] : undefined;
  if (known) return known;
  const romanized = text
    .split(/(\s+|-)/)
    .map((part) => (/^(\s+|-)$/.test(part) ? part : transliterateWord(part, system, lang)))
    .join('');
  return titleCase(romanized);
}

/** Every distinct romanization of a Cyrillic name, official passport form first. */
export function cyrillicSpellings(text: string, lang: 'ru' | 'uk' = 'ru'): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const system of CYRILLIC_SYSTEMS) {
    const s = romanizeCyrillic(text, system, lang);
    if (!seen.has(s.toUpperCase())) {
      seen.add(s.toUpperCase());
      out.push(s);
    }
  }
  return out;
}
