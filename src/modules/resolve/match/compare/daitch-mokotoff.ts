import { unaccent } from '../normalize';

/**
 * Daitch–Mokotoff soundex, from the published coding chart (Mokotoff, Avotaynu 1985).
 * Each row: letters, code at the start of the name, code before a vowel, code elsewhere.
 * '|' separates alternative codings (the name then has several codes); '' means not coded.
 */
const CHART: [string, string, string, string][] = [
  ['schtsch', '2', '4', '4'],
  ['schtsh', '2', '4', '4'],
  ['schtch', '2', '4', '4'],
  ['shtch', '2', '4', '4'],
  ['shtsh', '2', '4', '4'],
  ['stsch', '2', '4', '4'],
  ['ttsch', '4', '4', '4'],
  ['zhdzh', '2', '4', '4'],
  ['shch', '2', '4', '4'],
  ['scht', '2', '43', '43'],
  ['schd', '2', '43', '43'],
  ['stch', '2', '4', '4'],
  ['strz', '2', '4', '4'],
  ['strs', '2', '4', '4'],
  ['stsh', '2', '4', '4'],
  ['szcz', '2', '4', '4'],
  ['szcs', '2', '4', '4'],
  ['ttch', '4', '4', '4'],
  ['tsch', '4', '4', '4'],
  ['ttsz', '4', '4', '4'],
  ['zdzh', '2', '4', '4'],
  ['zsch', '4', '4', '4'],
  ['chs', '5', '54', '54'],
  ['csz', '4', '4', '4'],
  ['czs', '4', '4', '4'],
  ['drz', '4', '4', '4'],
  ['drs', '4', '4', '4'],
  ['dsh', '4', '4', '4'],
  ['dsz', '4', '4', '4'],
  ['dzh', '4', '4', '4'],
  ['dzs', '4', '4', '4'],
  ['sch', '4', '4', '4'],
  ['sht', '2', '43', '43'],
  ['szt', '2', '43', '43'],
  ['shd', '2', '43', '43'],
  ['szd', '2', '43', '43'],
  ['tch', '4', '4', '4'],
  ['trz', '4', '4', '4'],
  ['trs', '4', '4', '4'],
  ['tsh', '4', '4', '4'],
  ['tts', '4', '4', '4'],
  ['ttz', '4', '4', '4'],
  ['tzs', '4', '4', '4'],
  ['tsz', '4', '4', '4'],
  ['zdz', '2', '4', '4'],
  ['zhd', '2', '43', '43'],
  ['zsh', '4', '4', '4'],
  ['ai', '0', '1', ''],
  ['aj', '0', '1', ''],
  ['ay', '0', '1', ''],
  ['au', '0', '7', ''],
  ['cz', '4', '4', '4'],
  ['cs', '4', '4', '4'],
  ['ds', '4', '4', '4'],
  ['dz', '4', '4', '4'],
  ['dt', '3', '3', '3'],
  ['ei', '0', '1', ''],
  ['ej', '0', '1', ''],
  ['ey', '0', '1', ''],
  ['eu', '1', '1', ''],
  ['fb', '7', '7', '7'],
  ['ia', '1', '', ''],
  ['ie', '1', '', ''],
  ['io', '1', '', ''],
  ['iu', '1', '', ''],
  ['ks', '5', '54', '54'],
  ['kh', '5', '5', '5'],
  ['mn', '66', '66', '66'],
  ['nm', '66', '66', '66'],
  ['oi', '0', '1', ''],
  ['oj', '0', '1', ''],
  ['oy', '0', '1', ''],
  ['pf', '7', '7', '7'],
  ['ph', '7', '7', '7'],
  ['sh', '4', '4', '4'],
  ['sc', '2', '4', '4'],
  ['st', '2', '43', '43'],
  ['sd', '2', '43', '43'],
  ['sz', '4', '4', '4'],
  ['th', '3', '3', '3'],
  ['ts', '4', '4', '4'],
  ['tc', '4', '4', '4'],
  ['tz', '4', '4', '4'],
  ['ui', '0', '1', ''],
  ['uj', '0', '1', ''],
  ['uy', '0', '1', ''],
  ['ue', '0', '1', ''],
  ['zd', '2', '43', '43'],
  ['zh', '4', '4', '4'],
  ['zs', '4', '4', '4'],
  ['ch', '5|4', '5|4', '5|4'],
  ['ck', '5|45', '5|45', '5|45'],
  ['rs', '94|4', '94|4', '94|4'],
  ['rz', '94|4', '94|4', '94|4'],
  ['a', '0', '', ''],
  ['e', '0', '', ''],
  ['i', '0', '', ''],
  ['o', '0', '', ''],
  ['u', '0', '', ''],
  ['b', '7', '7', '7'],
  ['c', '5|4', '5|4', '5|4'],
  ['d', '3', '3', '3'],
  ['f', '7', '7', '7'],
  ['g', '5', '5', '5'],
  ['h', '5', '5', ''],
  ['j', '1|4', '|4', '|4'],
  ['k', '5', '5', '5'],
  ['l', '8', '8', '8'],
  ['m', '6', '6', '6'],
  ['n', '6', '6', '6'],
  ['p', '7', '7', '7'],
  ['q', '5', '5', '5'],
  ['r', '9', '9', '9'],
  ['s', '4', '4', '4'],
  ['t', '3', '3', '3'],
  ['v', '7', '7', '7'],
  ['w', '7', '7', '7'],
  ['x', '5', '54', '54'],
  ['y', '1', '', ''],
  ['z', '4', '4', '4'],
];

interface Rule {
  pattern: string;
  codes: [string[], string[], string[]];
}

// Longest pattern first within each initial letter, so 'sch' wins over 'sc' over 's'.
const RULES = new Map<string, Rule[]>();
for (const [pattern, start, vowel, other] of CHART) {
  const rule: Rule = { pattern, codes: [start.split('|'), vowel.split('|'), other.split('|')] };
  const list = RULES.get(pattern[0]!) ?? [];
  list.push(rule);
  RULES.set(pattern[0]!, list);
}
for (const list of RULES.values()) list.sort((x, y) => y.pattern.length - x.pattern.length);

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);
const MAX_BRANCHES = 32;

interface Branch {
  code: string;
  last: string | null;
}

function extend(branch: Branch, code: string, force: boolean): Branch {
  const append = branch.last === null || !branch.last.endsWith(code) || force;
  let out = branch.code;
  if (append && out.length < 6) out = (out + code).slice(0, 6);
  return { code: out, last: code };
}

/**
 * All Daitch–Mokotoff codes of a name (six digits each, zero padded). Several codes come
 * back when the chart gives alternatives (CH as in Chaim or Charles).
 */
export function daitchMokotoff(name: string): string[] {
  const s = unaccent(name.toLowerCase()).replace(/[^a-z]/g, '');
  let branches: Branch[] = [{ code: '', last: null }];
  let prevChar = '';
  for (let i = 0; i < s.length;) {
    const ch = s[i]!;
    const rule = RULES.get(ch)?.find((r) => s.startsWith(r.pattern, i));
    if (!rule) {
      i++;
      continue;
    }
    const next = s[i + rule.pattern.length];
    const slot = i === 0 ? 0 : next !== undefined && VOWELS.has(next) ? 1 : 2;
    const options = rule.codes[slot];
    // MN and NM are coded separately even though both letters give 6.
    const force = (prevChar === 'm' && ch === 'n') || (prevChar === 'n' && ch === 'm');
    const nextBranches: Branch[] = [];
    for (const b of branches) {
      for (const code of options) nextBranches.push(extend(b, code, force));
    }
    branches = dedupe(nextBranches).slice(0, MAX_BRANCHES);
    prevChar = ch;
    i += rule.pattern.length;
  }
  const codes = branches.map((b) => b.code.padEnd(6, '0'));
  return [...new Set(codes)];
}

function dedupe(branches: Branch[]): Branch[] {
  const seen = new Set<string>();
  const out: Branch[] = [];
  for (const b of branches) {
    const k = `${b.code}/${b.last ?? ''}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(b);
    }
  }
  return out;
}
