import type { Rng } from '../rng';

// Keying mistakes: a neighbouring key, a dropped letter, a doubled letter, two letters swapped.

const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const NEIGHBOURS: Record<string, string> = {};
ROWS.forEach((row, r) => {
  for (let i = 0; i < row.length; i++) {
    const ch = row[i] as string;
    let near = (row[i - 1] ?? '') + (row[i + 1] ?? '');
    const above = ROWS[r - 1];
    const below = ROWS[r + 1];
    if (above) near += (above[i] ?? '') + (above[i + 1] ?? '');
    if (below) near += (below[i] ?? '') + (below[i - 1] ?? '');
    NEIGHBOURS[ch] = near;
  }
});

export type TypoKind = 'keyboard' | 'drop' | 'double' | 'transpose';

function matchCase(replacement: string, original: string): string {
  return original === original.toUpperCase()
    ? replacement.toUpperCase()
    : replacement.toLowerCase();
}

/** One keying mistake somewhere after the first letter (first letters are rarely mistyped). */
export function typo(text: string, rng: Rng, kind?: TypoKind): string {
  const letters: number[] = [];
  for (let i = 1; i < text.length; i++) if (/\p{L}/u.test(text[i] ?? '')) letters.push(i);
  if (letters.length < 2) return text;
  const k = kind ?? rng.pick(['keyboard', 'drop', 'double', 'transpose'] as const);
  const i = rng.pick(letters);
  const ch = text[i] ?? '';
  switch (k) {
    case 'keyboard': {
      const near = NEIGHBOURS[ch.toLowerCase()];
      if (!near) return text.slice(0, i) + text.slice(i + 1);
      return text.slice(0, i) + matchCase(rng.pick(near.split('')), ch) + text.slice(i + 1);
    }
    case 'drop':
      return text.slice(0, i) + text.slice(i + 1);
    case 'double':
      return text.slice(0, i) + ch + text.slice(i);
    case 'transpose': {
      const j = i + 1 < text.length && /\p{L}/u.test(text[i + 1] ?? '') ? i + 1 : i - 1;
      if (j < 1) return text.slice(0, i) + ch + text.slice(i);
      const [a, b] = j > i ? [i, j] : [j, i];
      const swapped = text.slice(0, a) + (text[b] ?? '') + (text[a] ?? '') + text.slice(b + 1);
      return swapped === text ? text.slice(0, i) + text.slice(i + 1) : swapped;
    }
  }
}
