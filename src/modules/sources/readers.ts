import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { checkHeader, cleanHeader } from './header';
import { LineSplitter, type SplitterSink } from './line-splitter';
import { objectBuilder } from './record-shape';
import {
  SourceFormatError,
  type OpenedSource,
  type ReadOptions,
  type ReadResult,
  type SourceDefinition,
  type SourceFormat,
} from './source-types';

/**
 * Streaming readers of source files (CSV with a header row, or NDJSON). Memory stays bounded:
 * the file is read in chunks and at most one chunk's rows are held at a time.
 */

export const DEFAULT_MAX_RECORD_CHARS = 1 << 20;
const CHUNK_BYTES = 64 * 1024;
/** An NDJSON file whose first lines hold no JSON object is not NDJSON. */
const MAX_LINES_BEFORE_HEADER = 1000;

type Chunks = AsyncIterator<string | Buffer>;

/** A JSON value as the text a CSV cell would hold: numbers as written, nested values as JSON. */
function toText(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(v);
    default:
      return v === null || v === undefined ? '' : JSON.stringify(v);
  }
}

/** Receives records from the splitter and hands them out, one chunk's worth at a time. */
class SourceReader implements SplitterSink, AsyncIterableIterator<ReadResult> {
  header: string[] | null = null;
  /** Makes a row object from a CSV record's fields (compiled once from the header). */
  private build: ((fields: readonly string[]) => Record<string, string>) | null = null;
  readonly splitter: LineSplitter;
  private queue: ReadResult[] = [];
  private qi = 0;
  private ended = false;
  private readonly decoder = new StringDecoder('utf8');

  constructor(
    private readonly def: SourceDefinition,
    private readonly opts: ReadOptions,
    readonly format: SourceFormat,
    private readonly chunks: Chunks,
    private readonly closeFn: () => Promise<void>,
  ) {
    this.splitter = new LineSplitter(this, {
      mode: format === 'csv' ? 'csv' : 'lines',
      maxRecordChars: opts.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS,
    });
  }

  record(line: number, text: string, fields: string[] | null): void {
    if (fields === null) {
      this.jsonLine(line, text);
      return;
    }
    if (this.build === null) {
      this.setHeader(cleanHeader(fields));
      return;
    }
    this.queue.push({ line, raw: this.build(fields), text });
  }

  error(line: number, text: string, reason: string): void {
    if (this.header === null && this.format === 'csv') {
      throw new SourceFormatError(`The header row (line ${line}) cannot be read: ${reason}.`);
    }
    this.queue.push({ line, error: reason, text });
    if (this.header === null && this.queue.length > MAX_LINES_BEFORE_HEADER) {
      throw new SourceFormatError(
        `The first ${MAX_LINES_BEFORE_HEADER} lines hold no JSON object; this does not look like NDJSON (one JSON object per line).`,
      );
    }
  }

  private setHeader(header: string[]): void {
    checkHeader(this.def, header, this.opts);
    this.header = header;
    if (this.format === 'csv') {
      this.splitter.expectedFields = header.length;
      this.build = objectBuilder<string>(header);
    }
  }

  private jsonLine(line: number, text: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      this.error(line, text, `not valid JSON: ${(e as Error).message}`);
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      this.error(line, text, 'not a JSON object');
      return;
    }
    const raw = parsed as Record<string, unknown>;
    for (const k in raw) if (typeof raw[k] !== 'string') raw[k] = toText(raw[k]);
    if (this.header === null) this.setHeader(Object.keys(raw));
    this.queue.push({ line, raw: raw as Record<string, string>, text });
  }

  /** Feeds the next chunk; false at the end of the input. */
  async feed(): Promise<boolean> {
    const c = await this.chunks.next();
    if (c.done === true) {
      const rest = this.decoder.end();
      if (rest.length > 0) this.splitter.push(rest);
      this.splitter.end();
      return false;
    }
    this.splitter.push(typeof c.value === 'string' ? c.value : this.decoder.write(c.value));
    return true;
  }

  next(): Promise<IteratorResult<ReadResult>> {
    if (this.qi < this.queue.length) {
      return Promise.resolve({ value: this.queue[this.qi++] as ReadResult, done: false });
    }
    return this.refill();
  }

  private async refill(): Promise<IteratorResult<ReadResult>> {
    for (;;) {
      this.queue = [];
      this.qi = 0;
      if (this.ended) return { value: undefined, done: true };
      try {
        this.ended = !(await this.feed());
      } catch (e) {
        await this.closeFn();
        throw e;
      }
      if (this.ended) await this.closeFn();
      if (this.queue.length > 0) return { value: this.queue[this.qi++] as ReadResult, done: false };
    }
  }

  /** The same rows a chunk at a time: saves a promise per row for callers that can batch. */
  async *batches(): AsyncGenerator<ReadResult[], void, undefined> {
    try {
      if (this.qi < this.queue.length) yield this.queue.slice(this.qi);
      this.queue = [];
      this.qi = 0;
      while (!this.ended) {
        this.ended = !(await this.feed());
        if (this.queue.length > 0) {
          const batch = this.queue;
          this.queue = [];
          yield batch;
        }
      }
    } finally {
      this.ended = true;
      await this.closeFn();
    }
  }

  async return(): Promise<IteratorResult<ReadResult>> {
    this.ended = true;
    this.queue = [];
    await this.closeFn();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/** Reads chunks until the first non-blank character says which format this is. */
async function detect(
  chunks: Chunks,
  requested: ReadOptions['format'],
): Promise<{
  format: SourceFormat;
  head: (string | Buffer)[];
}> {
  const head: (string | Buffer)[] = [];
  let first = '';
  while (first === '') {
    const c = await chunks.next();
    if (c.done === true) break;
    head.push(c.value);
    const text = typeof c.value === 'string' ? c.value : c.value.toString('utf8');
    first = text
      .replace(/^\uFEFF/, '')
      .trimStart()
      .charAt(0);
  }
  if (first === '')
    throw new SourceFormatError('The file is empty: expected a header row or NDJSON lines.');
  if (requested === 'csv' || requested === 'ndjson') return { format: requested, head };
  if (first === '[') {
    throw new SourceFormatError(
      'The file is a JSON array; send NDJSON (one JSON object per line) or CSV with a header row.',
    );
  }
  return { format: first === '{' ? 'ndjson' : 'csv', head };
}

async function openChunks(
  chunks: Chunks,
  close: () => Promise<void>,
  def: SourceDefinition,
  opts: ReadOptions,
): Promise<OpenedSource> {
  try {
    const { format, head } = await detect(chunks, opts.format);
    const replay = head[Symbol.iterator]();
    const withHead: Chunks = {
      next: async () => {
        const h = replay.next();
        return h.done === true ? chunks.next() : { value: h.value, done: false };
      },
    };
    const reader = new SourceReader(def, opts, format, withHead, close);
    while (reader.header === null) {
      if (!(await reader.feed())) break;
    }
    if (reader.header === null) {
      throw new SourceFormatError(
        format === 'csv' ? 'The file has no header row.' : 'The file holds no JSON object.',
      );
    }
    return { format, header: reader.header, rows: reader, batches: reader.batches(), close };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * Opens a source file for streaming. The header is checked before this resolves: missing
 * required columns (or, for cdr, a missing legal process) throw SourceFormatError.
 */
export async function openSourceFile(
  path: string,
  def: SourceDefinition,
  opts: ReadOptions = {},
): Promise<OpenedSource> {
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  return readSourceStream(stream, def, opts);
}

/** The same over any byte or text stream (an upload, stdin). */
export async function readSourceStream(
  stream: Readable,
  def: SourceDefinition,
  opts: ReadOptions = {},
): Promise<OpenedSource> {
  const chunks = stream[Symbol.asyncIterator]() as Chunks;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    stream.destroy();
  };
  return openChunks(chunks, close, def, opts);
}
