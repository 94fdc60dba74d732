import { inflateSync } from 'node:zlib';

/**
 * Just enough of a PDF reader to check what our own pdfkit output says, page by page: objects,
 * the page tree, Flate streams, Tf/Tj/TJ operators, and the ToUnicode maps of embedded fonts
 * (pdfkit writes text in embedded fonts as 4-hex-digit glyph codes). Not a general PDF parser.
 */
interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

/** Objects in file order; a stream is cut by its /Length, so binary content cannot end it early. */
function parseObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const head = /(\d+) 0 obj\b/g;
  for (let m = head.exec(text); m; m = head.exec(text)) {
    const from = m.index + m[0].length;
    const endobj = text.indexOf('endobj', from);
    const streamAt = text.indexOf('stream', from);
    if (streamAt < 0 || (endobj >= 0 && endobj < streamAt)) {
      out.set(Number(m[1]), { dict: text.slice(from, endobj < 0 ? undefined : endobj), stream: null });
      continue;
    }
    const dict = text.slice(from, streamAt);
    let start = streamAt + 'stream'.length;
    if (text[start] === '\r') start++;
    if (text[start] === '\n') start++;
    const length = /\/Length\s+(\d+)\b(?!\s+\d+\s+R)/.exec(dict);
    const stop = length ? start + Number(length[1]) : text.indexOf('endstream', start);
    let raw = Buffer.from(text.slice(start, stop), 'latin1');
    if (/\/FlateDecode/.test(dict)) raw = inflateSync(raw);
    out.set(Number(m[1]), { dict, stream: raw });
    head.lastIndex = stop;
  }
  return out;
}

const ref = (dict: string, key: string): number | undefined => {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : undefined;
};

function toUnicodeMap(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const hex = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));
  for (const m of cmap.matchAll(/<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]{4})>\s*\[([^\]]*)\]/g)) {
    const first = parseInt(m[1]!, 16);
    // pdfkit writes a ligature's expansion with a space inside: <0066 0069>.
    [...m[3]!.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((v, i) => map.set((first + i).toString(16).padStart(4, '0'), hex(v[1]!.replace(/\s/g, ''))));
  }
  for (const m of cmap.matchAll(/^<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]{4,})>\s*$/gm)) {
    const [from, to, dst] = [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!.slice(0, 4), 16)];
    for (let c = from; c <= to; c++) map.set(c.toString(16).padStart(4, '0'), String.fromCodePoint(dst + c - from));
  }
  for (const m of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const p of m[1]!.matchAll(/<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]+)>/g)) map.set(p[1]!.toLowerCase(), hex(p[2]!));
  }
  return map;
}

type Decoder = (hex: string) => string;

function fontDecoders(objects: Map<number, PdfObject>, resourcesDict: string): Map<string, Decoder> {
  const decoders = new Map<string, Decoder>();
  const fontBlock = /\/Font\s*<<([\s\S]*?)>>/.exec(resourcesDict)?.[1] ?? '';
  for (const m of fontBlock.matchAll(/\/(\S+)\s+(\d+) 0 R/g)) {
    const font = objects.get(Number(m[2]));
    const cmapRef = font ? ref(font.dict, 'ToUnicode') : undefined;
    const cmap = cmapRef !== undefined ? objects.get(cmapRef)?.stream : undefined;
    if (cmap) {
      const map = toUnicodeMap(cmap.toString('latin1'));
      decoders.set(m[1]!, (h) => (h.match(/.{4}/g) ?? []).map((g) => map.get(g.toLowerCase()) ?? '\ufffd').join(''));
    } else {
      decoders.set(m[1]!, (h) => Buffer.from(h, 'hex').toString('latin1'));
    }
  }
  return decoders;
}

function contentText(content: string, decoders: Map<string, Decoder>): string {
  let decode: Decoder = (h) => Buffer.from(h, 'hex').toString('latin1');
  const lines: string[] = [];
  let line = '';
  const re = /\/(\S+)\s+[\d.]+\s+Tf|\[((?:[^\]\\]|\\.)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\b(BT|ET|Td|TD|Tm|T\*)\b/g;
  for (let m = re.exec(content); m; m = re.exec(content)) {
    if (m[1] !== undefined) decode = decoders.get(m[1]) ?? decode;
    else if (m[2] !== undefined) line += [...m[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => decode(x[1]!)).join('');
    else if (m[3] !== undefined) line += decode(m[3]);
    else if (line) {
      lines.push(line);
      line = '';
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** The text of each page, in page order, one line per text positioning. */
export function pdfPageTexts(pdf: Buffer): string[] {
  const objects = parseObjects(pdf);
  const pagesNode = [...objects.values()].find((o) => /\/Type\s*\/Pages\b/.test(o.dict));
  const kids = [...(/\/Kids\s*\[([^\]]*)\]/.exec(pagesNode?.dict ?? '')?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  return kids.map((k) => {
    const page = objects.get(k)!;
    const resRef = ref(page.dict, 'Resources');
    const resources = resRef !== undefined ? objects.get(resRef)!.dict : page.dict;
    const contents = ref(page.dict, 'Contents');
    const stream = contents !== undefined ? objects.get(contents)?.stream : undefined;
    return stream ? contentText(stream.toString('latin1'), fontDecoders(objects, resources)) : '';
  });
}
