import fs from 'node:fs';
import path from 'node:path';

/** The rejects file: line number, reason and the row exactly as received. */
export class RejectsWriter {
  private stream: fs.WriteStream | null = null;
  constructor(readonly file: string) {}
  write(line: number, reason: string, text: string): void {
    if (!this.stream) {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      this.stream = fs.createWriteStream(this.file);
      this.stream.write('line,reason,raw_text\n');
    }
    this.stream.write(`${line},${csvQuote(reason)},${csvQuote(text)}\n`);
  }
  async close(): Promise<void> {
    const s = this.stream;
    if (s && !s.writableFinished) await new Promise<void>((resolve, reject) => s.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
  async discard(): Promise<void> {
    await this.close();
    if (this.stream) fs.rmSync(this.file, { force: true });
  }
}

function csvQuote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}
