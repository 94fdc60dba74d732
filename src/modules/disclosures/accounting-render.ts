import { stringify } from 'csv-stringify/sync';
import type { AccountingView, CorrectionView } from './disclosures.schema';
import { CLASSIFICATION, createFramedDoc, field, heading, paragraph } from './pdf-frame';

type Notice = CorrectionView['notices'][number];

/** The accounting of one person's disclosures, as CSV (marking on every row) or PDF (banner and id on every page). */
export function renderAccountingCsv(a: AccountingView): string {
  const rows = a.entries.map((e) => [
    CLASSIFICATION,
    a.person.id,
    a.person.displayName,
    e.id,
    e.date,
    e.nature,
    e.purpose,
    e.legalBasis.label,
    e.legalBasis.citation,
    e.recipient.agency,
    e.recipient.name,
    e.recipient.address,
    e.disclosureRef,
    e.records.map((r) => `${r.source}:${r.recordId}:v${r.version}`).join(' '),
    e.retainUntil,
    e.releaseStatus,
  ]);
  return stringify(rows, {
    header: true,
    columns: ['classification', 'person_id', 'person_name', 'entry_id', 'date', 'nature', 'purpose', 'legal_basis', 'citation', 'recipient_agency', 'recipient_name', 'recipient_address', 'disclosure_ref', 'records', 'retain_until', 'release_status'],
  });
}

const RELEASE_WORDS: Record<AccountingView['entries'][number]['releaseStatus'], string> = {
  released: 'may be released to the individual',
  withheld: 'withheld from the individual under the latest decision',
  never: 'never released to the individual (552a(b)(7))',
  undecided: 'release not yet decided',
};

export async function renderAccountingPdf(a: AccountingView): Promise<Buffer> {
  const framed = createFramedDoc({ title: 'Accounting of disclosures', idLabel: `Accounting of disclosures · person ${a.person.id}` });
  const { doc } = framed;
  doc.font('bold').fontSize(18).text('Accounting of disclosures');
  paragraph(doc, '5 U.S.C. 552a(c): date, nature and purpose of each disclosure outside the agency, and the name and address of the recipient.', 9, '#333333');
  doc.moveDown(0.5);
  field(doc, 'Individual', a.person.displayName);
  field(doc, 'Person id', a.person.id);
  field(doc, 'Entries', String(a.entries.length));
  if (a.entries.length === 0) paragraph(doc, 'No disclosure of this person\'s records has been accounted for.');
  for (const e of a.entries) {
    heading(doc, `${e.date} — ${e.recipient.agency}`, 12);
    field(doc, 'Recipient', `${e.recipient.name}, ${e.recipient.address}`);
    field(doc, 'Legal basis', `${e.legalBasis.label} (${e.legalBasis.citation})`);
    field(doc, 'Purpose', e.purpose);
    field(doc, 'Nature', e.nature);
    field(doc, 'Records', e.records.map((r) => `${r.source} ${r.recordId} v${r.version}`).join('; '));
    field(doc, 'Disclosure', e.disclosureRef);
    field(doc, 'Kept until at least', `${e.retainUntil}, and for the life of the record`);
    field(doc, 'Release', RELEASE_WORDS[e.releaseStatus]);
  }
  const latest = a.decisions[0];
  heading(doc, 'Release decision (552a(c)(3), decided case by case)', 12);
  if (!latest) paragraph(doc, 'No release decision has been recorded.');
  else {
    field(doc, 'Decision', `${latest.decision.replace(/_/g, ' ')} — ${latest.decidedAt.slice(0, 10)} by ${latest.decidedBy}`);
    if (latest.exemption) field(doc, 'Exemption', `${latest.exemption}, reason (${latest.exemptionReason ?? 'a'})`);
    field(doc, 'Reason', latest.reason);
  }
  return framed.finish();
}

/** A (c)(4) notice to one earlier recipient of a record that was corrected or disputed. */
export async function renderNoticePdf(c: CorrectionView, n: Notice): Promise<Buffer> {
  const framed = createFramedDoc({ title: 'Notice of correction or dispute', idLabel: `Notice ${n.ref}` });
  const { doc } = framed;
  const what = c.event === 'corrected' ? 'Notice of correction of a record' : 'Notice of a statement of dispute';
  doc.font('bold').fontSize(18).text(what);
  paragraph(doc, '5 U.S.C. 552a(c)(4) — DHS/ICE-015 LeadTrac System of Records', 9, '#333333');
  doc.moveDown(0.5);
  field(doc, 'Notice', `${n.ref} (${n.id})`);
  field(doc, 'Date', n.createdAt.slice(0, 10));
  heading(doc, 'To', 12);
  paragraph(doc, `${n.recipient.name}\n${n.recipient.agency}\n${n.recipient.address}`);
  heading(doc, 'Record', 12);
  field(doc, 'Record', `${c.source} ${c.recordId} (ref ${c.recordRef})`);
  field(doc, 'Disclosed to you', `${n.disclosedAt.slice(0, 10)} under disclosure ${n.disclosureRef}`);
  heading(doc, c.event === 'corrected' ? 'Correction' : 'Statement of dispute', 12);
  paragraph(doc, c.note);
  doc.moveDown(0.8);
  paragraph(
    doc,
    c.event === 'corrected'
      ? 'The record disclosed to you has since been corrected as described above. Please update any copy you hold and rely on the corrected record.'
      : 'The individual to whom the record pertains disputes it as described above. Please note the dispute with any copy you hold.',
  );
  return framed.finish();
}
