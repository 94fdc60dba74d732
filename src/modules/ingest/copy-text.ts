/** PostgreSQL COPY text format: one line per row, tab-separated, \N for NULL. */
const NEEDS_ESCAPE = /[\\\t\n\r]/;

export function copyField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  const s = typeof v === 'number' ? String(v) : v;
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/**
 * A JSON text as a COPY field. JSON.stringify never writes a raw tab, newline or carriage return
 * (they become `\t`, `\n`, `\r` escapes), so only its backslashes need doubling.
 */
export function copyJson(json: string): string {
  return json.indexOf('\\') < 0 ? json : json.replace(/\\/g, '\\\\');
}

export function copyLine(fields: readonly (string | number | null | undefined)[]): string {
  let out = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) out += '\t';
    out += copyField(fields[i]);
  }
  return out + '\n';
}

/** A text[] literal for COPY (elements are simple upper-case words here). */
export function copyTextArray(items: readonly string[]): string {
  return `{${items.join(',')}}`;
}

/** Size of the pieces a CopyText keeps (characters). */
const PIECE = 1 << 16;

/**
 * COPY text built a line at a time, kept as flat pieces of about 64 K characters. Appending lines
 * to one long string would leave a tree of millions of small string nodes alive until the chunk is
 * written, for the garbage collector to trace again and again; a piece is joined from its lines
 * while they are still young, and the lines die at once.
 */
export class CopyText {
  private readonly pieces: string[] = [];
  private lines: string[] = [];
  private pendingChars = 0;
  private chars = 0;

  add(line: string): void {
    this.lines.push(line);
    this.pendingChars += line.length;
    if (this.pendingChars >= PIECE) this.seal();
  }

  get length(): number {
    return this.chars + this.pendingChars;
  }

  /** The text as flat pieces, in order (empty when nothing was added). */
  take(): string[] {
    this.seal();
    return this.pieces;
  }

  private seal(): void {
    if (this.lines.length === 0) return;
    this.pieces.push(this.lines.join(''));
    this.chars += this.pendingChars;
    this.pendingChars = 0;
    this.lines = [];
  }
}
