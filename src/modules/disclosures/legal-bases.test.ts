import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BANNER } from '../../http/app';
import { ACCOUNTING_EXEMPTION_RULE } from './exemptions';
import { currentLegalBases, findLegalBasis, LEGAL_BASES_VERSIONS, looksLikeConsumerReportingAgency } from './legal-bases';
import { CLASSIFICATION } from './pdf-frame';

// shared/ sits beside the repository (the notices this configuration transcribes).
const SEEDS = path.resolve(import.meta.dirname, '../../../../shared/seeds');
const seed = (prefix: string) => fs.readdirSync(SEEDS).find((f) => f.startsWith(prefix));
const flat = (s: string) => s.replace(/[’‘]/g, "'").replace(/\s+/g, ' ');

describe('legal bases configuration', () => {
  it('holds routine uses A–N from the SORN (81 FR 52700) and every other 552a(b) exception', () => {
    const v = currentLegalBases();
    expect(v.sorn.citation).toBe('81 FR 52700');
    expect(v.nprm.citation).toBe('81 FR 52593');
    expect(v.bases.filter((b) => b.kind === 'routine_use').map((b) => b.code)).toEqual([...'ABCDEFGHIJKLMN']);
    expect(v.bases.filter((b) => b.kind === 'exception').map((b) => b.code)).toEqual(['b1', 'b2', 'b4', 'b5', 'b6', 'b7', 'b8', 'b9', 'b10', 'b11', 'b12']);
    for (const b of v.bases) expect(b.citation).toMatch(b.kind === 'routine_use' ? /81 FR 52700, routine use [A-N]/ : /^5 U\.S\.C\. 552a\(b\)\(\d+\)$/);
  });

  it('keeps versions in order, each with a unique name', () => {
    const names = LEGAL_BASES_VERSIONS.map((v) => v.version);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(names);
    expect(findLegalBasis('routine_use', 'G', names[0])?.code).toBe('G');
    expect(findLegalBasis('routine_use', 'Z')).toBeUndefined();
  });

  it('needs no accounting for (b)(1) and (b)(2), never releases (b)(7), refuses (b)(12), and wants approval for N', () => {
    expect(findLegalBasis('exception', 'b1')?.accountable).toBe(false);
    expect(findLegalBasis('exception', 'b2')?.accountable).toBe(false);
    expect(findLegalBasis('exception', 'b7')).toMatchObject({ accountable: true, releasableToIndividual: false });
    expect(findLegalBasis('exception', 'b12')?.refused).toMatch(/consumer reporting/);
    expect(findLegalBasis('routine_use', 'N')?.requiresApproval).toMatch(/Chief Privacy Officer/);
    expect(currentLegalBases().bases.filter((b) => !b.releasableToIndividual).map((b) => b.code)).toEqual(['b7']);
  });

  it('recognizes consumer reporting agencies by name', () => {
    expect(looksLikeConsumerReportingAgency({ agency: 'TransUnion LLC', name: 'x' })).toBe(true);
    expect(looksLikeConsumerReportingAgency({ agency: 'Acme', name: 'Consumer Reporting Dept.' })).toBe(true);
    expect(looksLikeConsumerReportingAgency({ agency: 'Boston Police Department', name: 'Det. Roe' })).toBe(false);
  });

  it('marks packages exactly as the application does', () => {
    expect(CLASSIFICATION).toBe(BANNER);
  });

  it.runIf(fs.existsSync(SEEDS))('quotes each routine use and the exemption reason word for word from the notices', () => {
    const sorn = flat(fs.readFileSync(path.join(SEEDS, seed('001_')!), 'utf8'));
    for (const b of currentLegalBases().bases.filter((x) => x.kind === 'routine_use')) {
      // The SORN numbers sub-clauses on their own lines; compare with whitespace flattened.
      expect(sorn, `routine use ${b.code}`).toContain(flat(b.text));
    }
    const nprm = flat(fs.readFileSync(path.join(SEEDS, seed('000_')!), 'utf8'));
    expect(nprm).toContain(flat(ACCOUNTING_EXEMPTION_RULE.reason.text.replace(/^Release/, 'release')));
  });
});
