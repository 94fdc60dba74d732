// Latin-script folding: how systems without diacritics write José, Müller or Łukasz.

const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  ı: 'i',
  đ: 'd',
  Đ: 'D',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  þ: 'th',
  Þ: 'TH',
  ð: 'd',
  Ð: 'D',
};

// ICAO Doc 9303 transliteration for the machine-readable zone of a passport: the letters a
// border system actually receives from an airline's passport scan.
const MRZ_LETTERS: Record<string, string> = {
  Ä: 'AE',
  Ö: 'OE',
  Ü: 'UE',
  Å: 'AA',
  Æ: 'AE',
  Ø: 'OE',
  ß: 'SS',
  Œ: 'OE',
  Þ: 'TH',
  Ð: 'D',
  Đ: 'D',
  Ł: 'L',
  Ħ: 'H',
  Ĳ: 'IJ',
  Ŀ: 'L',
  Ŋ: 'N',
  Ŧ: 'T',
  ẞ: 'SS',
  ı: 'I',
};

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const SPECIAL_PATTERN = /[ßøØłŁıđĐæÆœŒþÞðÐ]/g;
const NON_ASCII = /[^ -~]/; // anything outside printable ASCII

export function hasDiacritics(text: string): boolean {
  return NON_ASCII.test(text);
}

// Names repeat a great deal, and NFD normalization is slow: remember recent answers.
const CACHE_LIMIT = 50_000;
const stripCache = new Map<string, string>();
const mrzCache = new Map<string, string>();

function remember(cache: Map<string, string>, key: string, value: string): string {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

export function stripDiacritics(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  const hit = stripCache.get(text);
  if (hit !== undefined) return hit;
  return remember(stripCache, text, slowStrip(text));
}

function slowStrip(text: string): string {
  return text
    .replace(SPECIAL_PATTERN, (ch) => SPECIAL_LETTERS[ch] ?? ch)
    .normalize('NFD')
    .replace(COMBINING_MARKS, '');
}

/** Upper-case ASCII as printed in a passport's machine-readable zone (Müller → MUELLER). */
export function mrzFold(text: string): string {
  if (!NON_ASCII.test(text)) return text.toUpperCase();
  const hit = mrzCache.get(text);
  if (hit !== undefined) return hit;
  let out = '';
  for (const ch of text.toUpperCase()) out += MRZ_LETTERS[ch] ?? ch;
  return remember(mrzCache, text, stripDiacritics(out).toUpperCase());
}

/** A comparison key: ASCII, upper case, letters only. */
export function asciiKey(text: string): string {
  return stripDiacritics(text)
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

/** Capitalize each word and each hyphen-separated part: "o'neil-smith" → "O'Neil-Smith". */
export function titleCase(text: string): string {
  return text
    .toLowerCase()
    .replace(/(^|[\s\-'’])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}
