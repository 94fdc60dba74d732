// Reading `COPY … TO STDOUT` output (text format: a row per line, fields separated by tabs,
// NULL as \N, backslash escapes) in batches of rows, pulled as the caller needs them, so that a
// slow reader holds the server back instead of buffering the whole output.

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** A field as PostgreSQL's text format writes it, back to its value (null for \N). */
export function unescapeCopyField(field: string): string | null {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  let out = '';
  for (let i = 0; i < field.length; i++) {
    const c = field[i]!;
    if (c !== '\\' || i + 1 === field.length) {
      out += c;
      continue;
    }
    const n = field[++i]!;
    if (n >= '0' && n <= '7') {
      const oct = /^[0-7]{1,3}/.exec(field.slice(i))![0];
      out += String.fromCharCode(parseInt(oct, 8));
      i += oct.length - 1;
    } else if (n === 'x' && /^[0-9a-fA-F]/.test(field[i + 1] ?? '')) {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(field.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(hex, 16));
      i += hex.length;
    } else {
      out += ESCAPES[n] ?? n;
    }
  }
  return out;
}

/** A field's bytes, decoded on their own: a string of its own, not a slice of a chunk that would keep the chunk alive. */
function field(bytes: Buffer, start: number, end: number): string | null {
  return unescapeCopyField(bytes.toString('utf8', start, end));
}

/** The fields of the line bytes[start, end). */
function fields(bytes: Buffer, start: number, end: number): (string | null)[] {
  const out: (string | null)[] = [];
  for (let at = start; ; ) {
    let tab = bytes.indexOf(TAB, at);
    if (tab === -1 || tab > end) tab = end;
    out.push(field(bytes, at, tab));
    if (tab === end) return out;
    at = tab + 1;
  }
}

const TAB = 0x09;
const NEWLINE = 0x0a;

/**
 * A line of exactly two fields as { pk, r } (the status pass's travel rows: a key and one text),
 * without the array `fields` makes. Neither field may be NULL.
 */
export function keyAndText(bytes: Buffer, start: number, end: number): { pk: string; r: string } {
  const tab = bytes.indexOf(TAB, start);
  const line = () => bytes.toString('utf8', start, Math.min(end, start + 80));
  if (tab === -1 || tab >= end || bytes.lastIndexOf(TAB, end - 1) !== tab) throw new Error(`expected two fields: ${line()}`);
  const pk = field(bytes, start, tab);
  const r = field(bytes, tab + 1, end);
  if (pk === null || r === null) throw new Error(`unexpected NULL: ${line()}`);
  return { pk, r };
}

/**
 * Rows of one COPY's output, handed out in batches. The output is kept as bytes and each field
 * decoded on its own: fields sliced from decoded text would each keep their whole chunk alive,
 * and a caller that keeps millions of values (a full resolve) would keep the whole output.
 */
export class CopyTextRows {
  private readonly it: AsyncIterator<Uint8Array>;
  private rest = Buffer.alloc(0);
  private ended = false;

  constructor(chunks: AsyncIterable<Uint8Array>) {
    this.it = chunks[Symbol.asyncIterator]();
  }

  /** Up to `max` rows, each an array of its fields; an empty array once the output has ended. */
  async next(max: number): Promise<(string | null)[][]> {
    return this.nextWith(max, fields);
  }

  /**
   * Up to `max` rows, each made by `build` from its line, bytes[start, end) (no newline); an
   * empty array once the output has ended.
   */
  async nextWith<T>(max: number, build: (bytes: Buffer, start: number, end: number) => T): Promise<T[]> {
    const rows: T[] = [];
    for (;;) {
      let start = 0;
      for (let nl = this.rest.indexOf(NEWLINE); nl !== -1 && rows.length < max; nl = this.rest.indexOf(NEWLINE, start)) {
        rows.push(build(this.rest, start, nl));
        start = nl + 1;
      }
      this.rest = this.rest.subarray(start);
      if (rows.length >= max || this.ended) break;
      const r = await this.it.next();
      if (r.done) this.ended = true;
      else this.rest = Buffer.concat([this.rest, r.value]);
    }
    if (this.ended && this.rest.length > 0 && rows.length < max) {
      // A last line without its newline (COPY always ends lines; kept for completeness).
      rows.push(build(this.rest, 0, this.rest.length));
      this.rest = Buffer.alloc(0);
    }
    return rows;
  }

  /** Stops reading early: the source is told to end (and, for a server COPY, to stop). */
  async close(): Promise<void> {
    if (!this.ended) {
      this.ended = true;
      await this.it.return?.();
    }
  }
}
