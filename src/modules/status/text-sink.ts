/**
 * Accumulates COPY text in one growing off-heap buffer. Appending to a JavaScript string keeps
 * every line alive in a rope until it is sent, so each batch survived into the old generation
 * and garbage collection cost more than assessing; here a line dies as soon as it is written.
 */
export class TextSink {
  private buf: Buffer;
  private used = 0;

  constructor(initialBytes = 1 << 20) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  append(text: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    if (this.buf.length - this.used < text.length * 3) this.grow(text.length * 3);
    this.used += this.buf.write(text, this.used, 'utf8');
  }

  get bytes(): number {
    return this.used;
  }

  /**
   * Everything appended since the last call, as UTF-8 bytes in a buffer of their own (which can
   * be handed to another thread without a copy, and written to COPY without encoding again).
   */
  take(): Uint8Array<ArrayBuffer> {
    const out = new Uint8Array(this.used);
    out.set(this.buf.subarray(0, this.used));
    this.used = 0;
    return out;
  }

  private grow(need: number): void {
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.used + need));
    this.buf.copy(next, 0, 0, this.used);
    this.buf = next;
  }
}
