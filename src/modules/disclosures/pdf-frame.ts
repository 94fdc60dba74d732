import { CLASSIFICATION } from '../../shared/classification';
import fs from 'node:fs';
import PDFDocument from 'pdfkit';

/** The marking on every screen, report and export (SORN; same words as the HTTP banner). */
export { CLASSIFICATION };

// DejaVu (Debian's fonts-dejavu-core) covers Latin, Cyrillic and Greek names; without it, the
// PDF standard font (Latin only) is used and other characters are shown as '?'.
const FONT_FILES = {
  body: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
} as const;
const HAS_DEJAVU = fs.existsSync(FONT_FILES.body) && fs.existsSync(FONT_FILES.bold);

const GREEN = '#007a33';
const MARGIN = { top: 78, bottom: 78, left: 60, right: 60 };

export type Doc = PDFKit.PDFDocument;

/**
 * A document whose every page carries the classification banner at top and bottom and the
 * document's id with "page i of n". Pages are buffered so the frame is drawn once the page count
 * is known. Write the body with `body(doc)` / `bold(doc)` fonts; finish with `finish()`.
 */
export interface FramedDoc {
  readonly doc: Doc;
  finish(): Promise<Buffer>;
}

export function createFramedDoc(opts: { title: string; idLabel: string }): FramedDoc {
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: MARGIN,
    bufferPages: true,
    info: { Title: `${opts.title} (${opts.idLabel})`, Subject: CLASSIFICATION, Creator: 'LeadTrac', Producer: 'LeadTrac' },
  });
  if (HAS_DEJAVU) {
    doc.registerFont('body', FONT_FILES.body);
    doc.registerFont('bold', FONT_FILES.bold);
  } else {
    doc.registerFont('body', 'Helvetica');
    doc.registerFont('bold', 'Helvetica-Bold');
  }
  doc.font('body');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return {
    doc,
    finish: async () => {
      drawFrames(doc, opts.idLabel);
      doc.end();
      return done;
    },
  };
}

/** Text as the fonts can draw it. */
export function printable(s: string): string {
  // Control characters (but tab and newline) draw nothing useful.
  const clean = [...s].map((ch) => (ch.charCodeAt(0) < 32 && ch !== '\t' && ch !== '\n') || ch === '\u007f' ? ' ' : ch).join('');
  return HAS_DEJAVU ? clean : [...clean].map((ch) => (ch === '\t' || ch === '\n' || (ch >= ' ' && ch <= '~') || (ch >= '\u00a0' && ch <= '\u00ff') ? ch : '?')).join('');
}

function drawFrames(doc: Doc, idLabel: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { width, height, margins } = doc.page;
    const saved = { ...margins };
    // Drawing inside the margins must not start a new page.
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    const pageLine = `${idLabel} · page ${i - range.start + 1} of ${range.count}`;
    banner(doc, 14, width);
    doc.font('body').fontSize(8).fillColor('#333333').text(pageLine, saved.left, 40, { width: width - saved.left - saved.right, align: 'right', lineBreak: false });
    doc.font('body').fontSize(8).fillColor('#333333').text(pageLine, saved.left, height - 56, { width: width - saved.left - saved.right, align: 'right', lineBreak: false });
    banner(doc, height - 34, width);
    doc.page.margins = saved;
  }
  doc.fillColor('black');
}

function banner(doc: Doc, y: number, width: number): void {
  doc.save().rect(0, y, width, 20).fill(GREEN).restore();
  doc.font('bold').fontSize(9).fillColor('white').text(CLASSIFICATION, 0, y + 5.5, { width, align: 'center', lineBreak: false });
}

/** A section heading, kept with at least a few lines of what follows. */
export function heading(doc: Doc, text: string, size = 13): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
  doc.moveDown(0.6).font('bold').fontSize(size).fillColor('black').text(printable(text));
  doc.moveDown(0.2).font('body').fontSize(10);
}

/** "Label: value" lines, the label in bold. */
export function field(doc: Doc, label: string, value: string): void {
  doc.font('bold').fontSize(10).fillColor('black').text(`${printable(label)}: `, { continued: true });
  doc.font('body').text(printable(value || '—'));
}

export function paragraph(doc: Doc, text: string, size = 10, color = 'black'): void {
  doc.font('body').fontSize(size).fillColor(color).text(printable(text), { align: 'left' });
  doc.fillColor('black');
}
