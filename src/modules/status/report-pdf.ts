import { CLASSIFICATION } from '../../shared/classification';
import PDFDocument from 'pdfkit';
import { formatRate, type FiscalYearReport, type RateRow } from './engine';
import type { RunView } from './status.schema';

// The fiscal-year report as a PDF: the classification banner at top and bottom of every page,
// a summary, a bar chart of overstay rates by class of admission, and the two tables.

export { CLASSIFICATION };
const GREEN = '#007a33';
const NAVY = '#1d3557';
const RED = '#b5392f';
const AMBER = '#d08c1f';
const MARGIN = { top: 72, bottom: 72, left: 54, right: 54 };

type Doc = PDFKit.PDFDocument;

function frames(doc: Doc, footer: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { width, height } = doc.page;
    const saved = { ...doc.page.margins };
    // Drawing inside the margins must not start a new page.
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    for (const y of [12, height - 32]) {
      doc.save().rect(0, y, width, 20).fill(GREEN).restore();
      doc.font('Helvetica-Bold').fontSize(9).fillColor('white').text(CLASSIFICATION, 0, y + 6, { width, align: 'center', lineBreak: false });
    }
    const line = `${footer} - page ${i - range.start + 1} of ${range.count}`;
    doc.font('Helvetica').fontSize(8).fillColor('#444444').text(line, saved.left, height - 50, { width: width - saved.left - saved.right, align: 'right', lineBreak: false });
    doc.page.margins = saved;
  }
}

const COLS = [
  { title: 'Expected', get: (r: RateRow) => r.expectedDepartures.toLocaleString('en-US') },
  { title: 'Out-of-country', get: (r: RateRow) => r.outOfCountryOverstays.toLocaleString('en-US') },
  { title: 'In-country', get: (r: RateRow) => r.suspectedInCountryOverstays.toLocaleString('en-US') },
  { title: 'Overstays', get: (r: RateRow) => r.totalOverstays.toLocaleString('en-US') },
  { title: 'Total rate', get: (r: RateRow) => formatRate(r.totalOverstayRate) },
  { title: 'In-country rate', get: (r: RateRow) => formatRate(r.suspectedInCountryRate) },
];

function table(doc: Doc, title: string, keyTitle: string, rows: readonly RateRow[]): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const keyW = 90;
  const colW = (width - keyW) / COLS.length;
  const bottom = () => doc.page.height - doc.page.margins.bottom - 16;
  const header = () => {
    doc.font('Helvetica-Bold').fontSize(8).fillColor(NAVY);
    const y = doc.y;
    doc.text(keyTitle, left, y, { width: keyW, lineBreak: false });
    COLS.forEach((c, i) => doc.text(c.title, left + keyW + i * colW, y, { width: colW - 4, align: 'right', lineBreak: false }));
    doc.moveTo(left, y + 11).lineTo(left + width, y + 11).strokeColor('#999999').lineWidth(0.5).stroke();
    doc.y = y + 14;
  };
  if (doc.y > bottom() - 60) doc.addPage();
  doc.font('Helvetica-Bold').fontSize(12).fillColor('black').text(title, left, doc.y);
  doc.moveDown(0.3);
  header();
  if (rows.length === 0) doc.font('Helvetica').fontSize(9).fillColor('#555555').text('No expected departures in this fiscal year.', left, doc.y);
  for (const r of rows) {
    if (doc.y > bottom()) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    doc.font('Helvetica').fontSize(8.5).fillColor('black');
    doc.text(r.key, left, y, { width: keyW, lineBreak: false });
    COLS.forEach((c, i) => doc.text(c.get(r), left + keyW + i * colW, y, { width: colW - 4, align: 'right', lineBreak: false }));
    doc.y = y + 12;
  }
  doc.moveDown(1);
}

/** Overstay rate by class of admission (the largest classes), out-of-country and in-country stacked. */
function chart(doc: Doc, report: FiscalYearReport): void {
  const rows = [...report.byClassOfAdmission].sort((a, b) => b.expectedDepartures - a.expectedDepartures).slice(0, 12);
  const left = doc.page.margins.left;
  const labelW = 60;
  const barW = doc.page.width - left - doc.page.margins.right - labelW - 70;
  const max = Math.max(1, ...rows.map((r) => r.totalOverstayRate ?? 0));
  doc.font('Helvetica-Bold').fontSize(12).fillColor('black').text('Overstay rate by class of admission (largest classes)', left, doc.y);
  doc.font('Helvetica').fontSize(8).fillColor('#555555').text('Dark: out-of-country overstays. Light: suspected in-country overstays. Percent of expected departures.', left, doc.y);
  doc.moveDown(0.4);
  for (const r of rows) {
    const y = doc.y;
    const pct = (n: number) => (r.expectedDepartures ? (100 * n) / r.expectedDepartures : 0);
    const out = (pct(r.outOfCountryOverstays) / max) * barW;
    const inc = (pct(r.suspectedInCountryOverstays) / max) * barW;
    doc.font('Helvetica').fontSize(8.5).fillColor('black').text(r.key, left, y + 1, { width: labelW, lineBreak: false });
    doc.save().rect(left + labelW, y, Math.max(out, 0), 10).fill(RED).restore();
    doc.save().rect(left + labelW + out, y, Math.max(inc, 0), 10).fill(AMBER).restore();
    doc.fillColor('black').text(formatRate(r.totalOverstayRate), left + labelW + out + inc + 4, y + 1, { width: 66, lineBreak: false });
    doc.y = y + 14;
  }
  doc.moveDown(1);
}

function summary(doc: Doc, report: FiscalYearReport): void {
  const o = report.overall;
  const cards = [
    ['Expected departures', o.expectedDepartures.toLocaleString('en-US')],
    ['Out-of-country overstays', o.outOfCountryOverstays.toLocaleString('en-US')],
    ['Suspected in-country', o.suspectedInCountryOverstays.toLocaleString('en-US')],
    ['Total overstay rate', formatRate(o.totalOverstayRate)],
    ['In-country rate', formatRate(o.suspectedInCountryRate)],
  ] as const;
  const left = doc.page.margins.left;
  const w = (doc.page.width - left - doc.page.margins.right) / cards.length;
  const y = doc.y;
  cards.forEach(([label, value], i) => {
    const x = left + i * w;
    doc.save().roundedRect(x + 2, y, w - 4, 46, 4).fillAndStroke('#f1f4f8', '#c9d2de').restore();
    doc.font('Helvetica').fontSize(7.5).fillColor('#555555').text(label, x + 8, y + 7, { width: w - 16, lineBreak: false });
    doc.font('Helvetica-Bold').fontSize(14).fillColor(NAVY).text(value, x + 8, y + 21, { width: w - 16, lineBreak: false });
  });
  doc.y = y + 60;
}

export async function renderReportPdf(
  report: FiscalYearReport,
  run: RunView,
  opts: { compress?: boolean; generatedAt?: Date } = {},
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: MARGIN,
    bufferPages: true,
    compress: opts.compress ?? true,
    info: { Title: `Entry/Exit Overstay Report FY${report.fiscalYear}`, Subject: CLASSIFICATION, Creator: 'LeadTrac', Producer: 'LeadTrac' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const generated = (opts.generatedAt ?? new Date()).toISOString().slice(0, 16).replace('T', ' ');
  doc.font('Helvetica-Bold').fontSize(18).fillColor(NAVY).text(`Entry/Exit Overstay Report - Fiscal Year ${report.fiscalYear}`);
  doc.font('Helvetica').fontSize(9).fillColor('#333333')
    .text(`Expected departures with an authorized end date from ${report.firstDay} to ${report.lastDay}. Snapshot as of ${run.asOf} (status assessment run ${run.id}, configuration ${run.configVersion}). Generated ${generated} UTC.`);
  doc.moveDown(0.8);
  summary(doc, report);
  chart(doc, report);
  table(doc, 'By class of admission', 'Class', report.byClassOfAdmission);
  table(doc, 'By country of citizenship', 'Country', report.byCountry);
  doc.font('Helvetica').fontSize(8).fillColor('#555555').text(
    'Method: as in the DHS Entry/Exit Overstay Report (status rules, section 7). Expected departures are in-scope admissions whose authorized end date falls in the fiscal year; rates are overstays divided by expected departures, to two decimals. Out of scope: diplomats, transit and crew (A, G, C, D); land entries of Canadian and Mexican nationals without a recorded exit are not counted. The report is a snapshot: it shrinks as late departure records arrive.',
    doc.page.margins.left,
    doc.y,
  );
  frames(doc, `LeadTrac status report FY${report.fiscalYear} as of ${run.asOf}`);
  doc.end();
  return done;
}
