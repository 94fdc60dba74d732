import { stringify } from 'csv-stringify/sync';
import type { DisclosurePackage, PackageRecord } from './package-data';
import { createFramedDoc, field, heading, paragraph, printable, type Doc } from './pdf-frame';

/**
 * The disclosure package in its three forms. The PDF carries the banner at top and bottom and the
 * disclosure id on every page (pdf-frame); the JSON carries the marking as a field; every CSV row
 * carries the marking and the disclosure id, so no part of it travels unmarked.
 */

const HANDLING = 'This package contains records from a Privacy Act system of records, disclosed under the legal basis stated below. Use it only for the stated purpose. Do not further disclose it without the written consent of DHS/ICE, except as required by law. Notify the sender of any unauthorized disclosure.';

function cover(doc: Doc, p: DisclosurePackage): void {
  const d = p.disclosure;
  doc.font('bold').fontSize(18).text('Privacy Act disclosure package');
  doc.font('body').fontSize(10).fillColor('#333333').text(`${p.system.name} (SORN ${p.system.sorn})`);
  doc.fillColor('black').moveDown(0.8);
  field(doc, 'Disclosure id', `${d.ref} (${d.id})`);
  field(doc, 'Date of disclosure', `${d.disclosedAt.slice(0, 10)} (UTC ${d.disclosedAt.slice(11, 16)})`);
  field(doc, 'Disclosed by', d.disclosedBy);
  heading(doc, 'Recipient');
  field(doc, 'Agency', d.recipient.agency);
  field(doc, 'Name', d.recipient.name);
  field(doc, 'Address', d.recipient.address);
  heading(doc, 'Legal basis');
  field(doc, d.legalBasis.label, d.legalBasis.title);
  field(doc, 'Citation', d.legalBasis.citation);
  if (d.legalBasis.approvalRef) field(doc, 'Approval', d.legalBasis.approvalRef);
  paragraph(doc, `"${d.legalBasis.text}"`, 9, '#333333');
  paragraph(doc, `Legal bases configuration version ${d.legalBasis.version}.`, 8, '#555555');
  heading(doc, 'Purpose and nature');
  field(doc, 'Purpose', d.purpose);
  field(doc, 'Nature', d.nature);
  field(doc, 'Subject', `${d.subjectType} ${d.subjectIds.join(', ')}`);
  heading(doc, 'Accounting of disclosures');
  paragraph(doc, d.accountingNote);
  heading(doc, 'Handling');
  paragraph(doc, HANDLING, 9);
  heading(doc, `Individuals (${p.individuals.length})`);
  for (const i of p.individuals) paragraph(doc, `• ${i.displayName} — person ${i.personId} — ${i.records.length} record(s)`);
  if (p.withheldValues > 0) paragraph(doc, `${p.withheldValues} value(s) identifying confidential informants are withheld from this package.`, 9, '#555555');
}

function record(doc: Doc, r: PackageRecord): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
  doc.moveDown(0.4).font('bold').fontSize(10).text(printable(`${r.source} record ${r.recordId} (version ${r.version}, received ${r.receivedAt || '—'}, ref ${r.recordRef})`));
  for (const f of r.fields) {
    doc.font('body').fontSize(9).fillColor('#555555').text(`${printable(f.name)}: `, { continued: true, indent: 12 });
    doc.fillColor('black').text(printable(f.value));
  }
  for (const x of r.disputes) paragraph(doc, `Statement of dispute noted ${x.notedAt}: ${x.note}`, 9, '#8a1c1c');
}

export async function renderPackagePdf(p: DisclosurePackage): Promise<Buffer> {
  const framed = createFramedDoc({ title: 'Privacy Act disclosure package', idLabel: `Disclosure ${p.disclosure.ref}` });
  const { doc } = framed;
  cover(doc, p);
  for (const person of p.individuals) {
    doc.addPage();
    heading(doc, `${person.displayName}`, 15);
    paragraph(doc, `Person ${person.personId}: ${person.records.length} record(s) disclosed.`, 9, '#333333');
    for (const r of person.records) record(doc, r);
  }
  return framed.finish();
}

export function renderPackageJson(p: DisclosurePackage): string {
  return `${JSON.stringify(p, null, 2)}\n`;
}

/** One row per disclosed value; the marking and the disclosure id on every row. */
export function renderPackageCsv(p: DisclosurePackage): string {
  const d = p.disclosure;
  const rows: string[][] = [];
  for (const person of p.individuals) {
    for (const r of person.records) {
      const base = [p.classification, d.ref, d.id, d.disclosedAt, d.recipient.agency, d.legalBasis.label, person.personId, person.displayName, r.source, r.recordId, String(r.version)];
      for (const f of r.fields) rows.push([...base, f.name, f.value]);
      for (const x of r.disputes) rows.push([...base, 'statement_of_dispute', `${x.notedAt}: ${x.note}`]);
    }
  }
  return stringify(rows, {
    header: true,
    columns: ['classification', 'disclosure_ref', 'disclosure_id', 'disclosed_at', 'recipient_agency', 'legal_basis', 'person_id', 'person_name', 'source', 'record_id', 'version', 'field', 'value'],
  });
}
