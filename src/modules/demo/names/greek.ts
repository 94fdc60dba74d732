import { titleCase } from './latin';

// Greek names: ELOT 743 (Greek passports) writes Γιώργος as GIORGOS and Παπαδόπουλος as
// PAPADOPOULOS; people and older documents write YIORGOS, PAPADOPULOS, GEORGIOS.

export type GreekSystem = 'elot' | 'phonetic' | 'classical';
export const GREEK_SYSTEMS: readonly GreekSystem[] = ['elot', 'phonetic', 'classical'];

const SINGLE: Record<GreekSystem, Record<string, string>> = {
  elot: {
    α: 'a',
    β: 'v',
    γ: 'g',
    δ: 'd',
    ε: 'e',
    ζ: 'z',
    η: 'i',
    θ: 'th',
    ι: 'i',
    κ: 'k',
    λ: 'l',
    μ: 'm',
    ν: 'n',
    ξ: 'x',
    ο: 'o',
    π: 'p',
    ρ: 'r',
    σ: 's',
    ς: 's',
    τ: 't',
    υ: 'y',
    φ: 'f',
    χ: 'ch',
    ψ: 'ps',
    ω: 'o',
  },
  phonetic: {
    α: 'a',
    β: 'v',
    γ: 'g',
    δ: 'd',
    ε: 'e',
    ζ: 'z',
    η: 'i',
    θ: 'th',
    ι: 'i',
    κ: 'k',
    λ: 'l',
    μ: 'm',
    ν: 'n',
    ξ: 'x',
    ο: 'o',
    π: 'p',
    ρ: 'r',
    σ: 's',
    ς: 's',
    τ: 't',
    υ: 'i',
    φ: 'f',
    χ: 'h',
    ψ: 'ps',
    ω: 'o',
  },
  classical: {
    α: 'a',
    β: 'b',
    γ: 'g',
    δ: 'd',
    ε: 'e',
    ζ: 'z',
    η: 'e',
    θ: 'th',
    ι: 'i',
    κ: 'k',
    λ: 'l',
    μ: 'm',
    ν: 'n',
    ξ: 'x',
    ο: 'o',
    π: 'p',
    ρ: 'r',
    σ: 's',
    ς: 's',
    τ: 't',
    υ: 'y',
    φ: 'ph',
    χ: 'ch',
    ψ: 'ps',
    ω: 'o',
  },
};

const DIGRAPHS: Record<GreekSystem, Record<string, string>> = {
  elot: {
    ου: 'ou',
    αι: 'ai',
    ει: 'ei',
    οι: 'oi',
    γγ: 'ng',
    γκ: 'gk',
    γξ: 'nx',
    γχ: 'nch',
    μπ: 'mp',
    ντ: 'nt',
    αυ: 'av',
    ευ: 'ev',
  },
  phonetic: {
    ου: 'ou',
    αι: 'e',
    ει: 'i',
    οι: 'i',
    γγ: 'ng',
    γκ: 'g',
    μπ: 'b',
    ντ: 'nd',
    αυ: 'av',
    ευ: 'ev',
    γι: 'yi',
    γε: 'ye',
  },
  classical: {
    ου: 'u',
    αι: 'ae',
    ει: 'ei',
    οι: 'oe',
    γγ: 'ng',
    γκ: 'nk',
    μπ: 'mp',
    ντ: 'nt',
    αυ: 'au',
    ευ: 'eu',
  },
};

function stripTonos(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');
}

export function romanizeGreek(text: string, system: GreekSystem): string {
  const lower = stripTonos(text.toLowerCase());
  const digraphs = DIGRAPHS[system];
  const single = SINGLE[system];
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const pair = lower.slice(i, i + 2);
    const atWordStart = i === 0 || /[\s-]/.test(lower[i - 1] ?? '');
    if (system !== 'classical' && atWordStart && (pair === 'μπ' || pair === 'ντ')) {
      out += pair === 'μπ' ? 'b' : 'd';
      i++;
      continue;
    }
    const d = digraphs[pair];
    if (d !== undefined) {
      out += d;
      i++;
      continue;
    }
    const ch = lower[i] ?? '';
    out += single[ch] ?? ch;
  }
  return titleCase(out);
}

export function greekSpellings(text: string): string[] {
  const out: string[] = [];
  for (const system of GREEK_SYSTEMS) {
    const s = romanizeGreek(text, system);
    if (!out.some((x) => x.toUpperCase() === s.toUpperCase())) out.push(s);
  }
  return out;
}
