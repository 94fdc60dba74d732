/**
 * What the exemption rule (NPRM, 81 FR 52593) says about the accounting of disclosures: LeadTrac
 * is exempt from 552a(c)(3) and (c)(4) under both (j)(2) and (k)(2), for reason (a). Release of
 * the accounting is therefore decided case by case, and a withholding cites one of these.
 * Configuration data: a republished rule is a new version, not an edit.
 */
export const ACCOUNTING_EXEMPTION_RULE = {
  version: '2016-08-09',
  citation: '81 FR 52593',
  docket: 'DHS-2016-0052',
  subsections: ['(c)(3)', '(c)(4)'],
  exemptions: ['(j)(2)', '(k)(2)'],
  reason: {
    letter: 'a',
    title: 'From subsection (c)(3) and (4) (Accounting for Disclosures)',
    text: 'Release of the accounting of disclosures could alert the subject of an investigation of an actual or potential criminal, civil, or regulatory violation to the existence of that investigation and reveal investigative interest on the part of DHS as well as the recipient agency. Disclosure of the accounting would therefore present a serious impediment to law enforcement efforts and/or efforts to preserve national security. Disclosure of the accounting would also permit the individual who is the subject of a record to impede the investigation, to tamper with witnesses or evidence, and to avoid detection or apprehension, which would undermine the entire investigative process. Disclosure of corrections or notations of dispute may impede investigations by requiring DHS to inform each witness or individual contacted during the investigation of each correction or notation pertaining to information provided them during the investigation.',
  },
} as const;

export type AccountingExemption = (typeof ACCOUNTING_EXEMPTION_RULE.exemptions)[number];

export function isAccountingExemption(v: string): v is AccountingExemption {
  return (ACCOUNTING_EXEMPTION_RULE.exemptions as readonly string[]).includes(v);
}
