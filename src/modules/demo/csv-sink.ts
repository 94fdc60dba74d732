import { createWriteStream, type WriteStream } from 'node:fs';

// A small CSV writer: RFC 4180 quoting (a field is quoted when it holds a comma, a quote or a
// line break; quotes are doubled), LF line ends, UTF-8, no BOM. It buffers rows into large
// chunks and reports back-pressure so the generator can wait instead of filling memory.

const NEEDS_QUOTES = /[",\r\n]/;
const CHUNK_CHARS = 1 << 16;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(fields: readonly string[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) line += ',';
    line += csvField(fields[i] ?? '');
  }
  return `${line}\n`;
}

export class TextSink {
  private readonly stream: WriteStream;
  private buffer: string[] = [];
  private bufferedChars = 0;
  private waiting: Promise<void> | null = null;
  private failure: Error | null = null;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
    this.stream.on('error', (err) => {
      this.failure = err;
    });
  }

  write(text: string): void {
    if (this.failure) throw this.failure;
    this.buffer.push(text);
    this.bufferedChars += text.length;
    if (this.bufferedChars >= CHUNK_CHARS) this.flush();
  }

  /** True while the file stream is asking us to slow down. */
  get blocked(): boolean {
    return this.waiting !== null;
  }

  async drained(): Promise<void> {
    if (this.waiting) await this.waiting;
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    this.flush();
    await this.drained();
    await new Promise<void>((resolve, reject) => {
      this.stream.end((err?: Error | null) => (err ? reject(err) : resolve()));
    });
    if (this.failure) throw this.failure;
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    const ok = this.stream.write(this.buffer.join(''));
    this.buffer = [];
    this.bufferedChars = 0;
    if (!ok && !this.waiting) {
      this.waiting = new Promise<void>((resolve) => {
        this.stream.once('drain', () => {
          this.waiting = null;
          resolve();
        });
      });
    }
  }
}

export class CsvSink {
  private readonly sink: TextSink;
  rows = 0;

  constructor(
    path: string,
    readonly header: readonly string[],
  ) {
    this.sink = new TextSink(path);
    this.sink.write(csvLine(header));
  }

  writeRow(fields: readonly string[]): void {
    this.sink.write(csvLine(fields));
    this.rows++;
  }

  get blocked(): boolean {
    return this.sink.blocked;
  }

  drained(): Promise<void> {
    return this.sink.drained();
  }

  close(): Promise<void> {
    return this.sink.close();
  }
}
