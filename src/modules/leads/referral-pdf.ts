// The framed document (banner top and bottom and the id on every page) is the disclosures
// module's, reused rather than copied; it is not exported from that module's index yet, hence the path.
import { createFramedDoc, field, heading, paragraph, printable, type Doc } from '../disclosures/pdf-frame';
import type { CustodyEntry, ReferralPackage, Sourced, StatusSection } from './referral-data';

const HANDLING =
  'This referral package is produced from a Privacy Act system of records for the lead named above. Use it only for that lead. ' +
  'Inside DHS it is shared under need to know (5 U.S.C. 552a(b)(1)); any disclosure outside DHS must be made through LeadTrac so that it is ' +
  'recorded in the accounting of disclosures. Informants’ identities and call detail records are never included.';

const IDENTIFIER_LABELS: Record<string, string> = {
  passport: 'Passport',
  visa_foil: 'Visa foil',
  a_number: 'A-number',
  sevis_id: 'SEVIS ID',
  fin: 'FIN',
  ssn: 'SSN',
  admission_number: 'Admission number',
  receipt_number: 'Receipt number',
  phone: 'Phone',
  email: 'E-mail',
  vehicle_plate: 'Vehicle plate',
  school_code: 'School code',
  dso_id: 'DSO ID',
};

const words = (s: string) => s.replace(/_/g, ' ');
const utc = (isoTime: string) => `${isoTime.slice(0, 10)} ${isoTime.slice(11, 16)} UTC`;

function sourced(doc: Doc, label: string, values: readonly Sourced[]): void {
  if (values.length === 0) {
    field(doc, label, '—');
    return;
  }
  doc.font('bold').fontSize(10).fillColor('black').text(`${printable(label)}${values.length > 1 ? ' (values differ)' : ''}:`);
  for (const v of values) {
    doc.font('body').fontSize(10).text(printable(`• ${v.value}`), { indent: 12, continued: true });
    doc.fontSize(8).fillColor('#555555').text(printable(`   [${v.cites.join('; ')}]`));
    doc.fillColor('black');
  }
}

function cover(doc: Doc, p: ReferralPackage): void {
  const l = p.lead;
  doc.font('bold').fontSize(18).text('Referral package');
  doc.font('body').fontSize(12).text(printable(`${l.number}: ${l.title}`));
  doc.moveDown(0.6);
  field(doc, 'Lead', `${l.number} (${l.id})`);
  field(doc, 'Type / priority', `${words(l.type)} / ${l.priority}`);
  field(doc, 'State', words(l.state));
  field(doc, 'Owner', l.owner);
  field(doc, 'Field office', l.fieldOffice ?? 'not referred yet');
  field(doc, 'Opened / due', `${l.createdAt.slice(0, 10)} / ${l.dueDate}`);
  if (l.outcome) field(doc, 'Outcome', `${words(l.outcome)}${l.outcomeNote ? ` — ${l.outcomeNote}` : ''}`);
  if (l.summary) field(doc, 'Summary', l.summary);
  field(doc, 'Produced', `${utc(p.generatedAt)} by ${p.generatedBy}`);
  field(doc, 'Purpose', p.purpose);
  field(doc, 'Need to know', `${p.needToKnow.basis}${p.needToKnow.masked.length ? `; masked: ${p.needToKnow.masked.join(', ')}` : ''}`);
  heading(doc, 'Handling');
  paragraph(doc, HANDLING, 9, '#333333');
}

function subject(doc: Doc, p: ReferralPackage): void {
  heading(doc, `Subject: ${p.subject.name}`);
  paragraph(doc, `${p.subject.type} ${p.subject.id}. Each value cites the records that said it (source, record id, version); the chain of custody of each record is at the end.`, 9, '#333333');
  doc.moveDown(0.3);
  const f = p.profile;
  sourced(doc, 'Names', f.names);
  sourced(doc, 'Dates of birth', f.birthDates);
  sourced(doc, 'Countries of birth', f.birthCountries);
  sourced(doc, 'Citizenship', f.citizenships);
  sourced(doc, 'Sex', f.sex);
  for (const kind of [...new Set(f.identifiers.map((i) => i.kind))]) {
    sourced(doc, IDENTIFIER_LABELS[kind] ?? words(kind), f.identifiers.filter((i) => i.kind === kind));
  }
  sourced(doc, 'Addresses', f.addresses);
}

function assessment(doc: Doc, a: StatusSection['assessments'][number]): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 120) doc.addPage();
  doc.moveDown(0.4).font('bold').fontSize(10.5).text(printable(`Admission ${a.admissionNumber}: ${words(a.class)}`));
  if (a.changedSinceRun) paragraph(doc, 'Records have arrived since the run: assessed now, this admission gets the determination below.', 8, '#8a1c1c');
  const evaluated = a.evaluatedClass && a.evaluatedClass !== a.classOfAdmission ? `, evaluated as ${a.evaluatedClass}` : '';
  field(doc, 'Class of admission', `${a.classOfAdmission}${evaluated}`);
  field(doc, 'Admitted / admitted until', `${a.admissionDate ?? '—'} / ${a.admitUntilDate ?? 'D/S'}`);
  field(doc, 'Authorized stay ended (AED)', a.aed ?? '—');
  if (a.statusEndDate) field(doc, 'Status ended', a.statusEndDate);
  field(doc, 'Departure', a.departureDate ?? 'none recorded');
  field(doc, 'Overstay / unlawful presence', `${a.overstayDays} / ${a.unlawfulPresenceDays} days; bar: ${words(a.barTier)}`);
  if (a.flags.length) field(doc, 'Flags', a.flags.map(words).join(', '));
  doc.font('bold').fontSize(10).text('Rules applied:');
  for (const r of a.rules) paragraph(doc, `   • ${r.text}  (${r.code})`, 9);
  paragraph(doc, `From ${a.admissionRecord}${a.departureRecord ? `; departure ${a.departureRecord}` : ''}.`, 8, '#555555');
}

function status(doc: Doc, s: StatusSection | null): void {
  heading(doc, 'Status determination');
  if (!s) {
    paragraph(doc, 'No status assessment covers this subject yet. Run the status assessment before referring a status lead.', 10, '#8a1c1c');
    return;
  }
  const run = s.runBy && s.runAt ? `run by ${s.runBy} (${utc(s.runAt)})` : 'assessed when this package was produced (no stored run)';
  paragraph(doc, `Assessment as of ${s.asOf}, configuration ${s.configVersion}, ${run}.`, 9, '#333333');
  if (!s.rulesInWords) paragraph(doc, 'Rules as recorded by the run, read from their codes; the status panel in LeadTrac states each in full with its dates.', 8, '#555555');
  if (s.risk) {
    field(doc, 'Risk', `${s.risk.level} (score ${s.risk.score})`);
    for (const f of s.risk.factors) paragraph(doc, `   • ${f.text} (+${f.points})`, 9);
  }
  for (const a of s.assessments) assessment(doc, a);
}

function leadRecord(doc: Doc, p: ReferralPackage): void {
  heading(doc, `Evidence (${p.evidence.length})`);
  if (p.evidence.length === 0) paragraph(doc, 'None recorded.');
  for (const e of p.evidence) {
    doc.font('bold').fontSize(10).text(printable(`${e.kind}${e.ref ? ` ${e.ref}` : ''}`), { continued: true });
    doc.font('body').fontSize(8).fillColor('#555555').text(printable(`   added by ${e.addedBy}, ${utc(e.addedAt)}`));
    paragraph(doc, e.note, 10);
  }
  heading(doc, 'History of the lead');
  for (const t of p.history) {
    paragraph(doc, `${utc(t.at)}  ${words(t.action)} (${t.from ? `${words(t.from)} → ` : ''}${words(t.to)}) by ${t.by}${t.reason ? `: ${t.reason}` : ''}`, 9);
  }
  heading(doc, 'De-confliction');
  if (p.overlaps.length === 0) paragraph(doc, 'No overlapping open leads found.', 10);
  for (const o of p.overlaps) paragraph(doc, `• ${o.otherNumber} (owner ${o.otherOwner}) shares ${o.kind} ${o.value}`, 10);
}

function custodyEntry(doc: Doc, c: CustodyEntry): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 70) doc.addPage();
  doc.moveDown(0.4).font('bold').fontSize(10).fillColor('black').text(printable(`${c.cite}  (record ${c.ref}, ${c.role}, linked by ${c.linkMethod})`));
  const b = c.batch;
  paragraph(doc, `Batch ${b.id}: file ${b.fileName}, line ${c.lineNo}, loaded by ${b.loadedBy} ${utc(b.loadedAt)}${b.legalProcessRef ? `, legal process ${b.legalProcessRef}` : ''}`, 8, '#333333');
  paragraph(doc, `File SHA-256 ${b.sha256}; record content hash ${c.contentHash}${c.markings.length ? `; markings ${c.markings.join(', ')}` : ''}`, 7, '#555555');
  paragraph(doc, c.fields.map((f) => `${f.name}: ${f.value}`).join(' · '), 8);
}

function custody(doc: Doc, p: ReferralPackage): void {
  // Its own page, unless the lead's record left most of this one free.
  if (doc.y > doc.page.height / 2) doc.addPage();
  else doc.moveDown(1.5);
  heading(doc, `Chain of custody (${p.custody.length} records)`, 15);
  paragraph(doc, 'Each record as received: its source and record id, version, the batch and file it arrived in, and its content hash. Records are immutable; a correction arrives as a new version.', 9, '#333333');
  for (const c of p.custody) custodyEntry(doc, c);
  if (p.otherRoles.length) {
    heading(doc, 'Also named in');
    for (const o of p.otherRoles) paragraph(doc, `• ${o.records} record(s) as ${words(o.role)} (not reproduced)`, 9);
  }
  if (p.withheld.records > 0) {
    heading(doc, 'Withheld from this package');
    paragraph(doc, `${p.withheld.records} record(s): ${p.withheld.reasons.join('; ')}. Available in LeadTrac to users with a need to know.`, 9);
  }
}

/** The referral package as PDF: banner at top and bottom and the lead number on every page. */
export async function renderReferralPdf(p: ReferralPackage): Promise<Buffer> {
  const framed = createFramedDoc({ title: 'Referral package', idLabel: `Lead ${p.lead.number}` });
  const { doc } = framed;
  cover(doc, p);
  subject(doc, p);
  status(doc, p.status);
  leadRecord(doc, p);
  custody(doc, p);
  return framed.finish();
}
