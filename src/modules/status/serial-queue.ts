/**
 * Runs database operations on one connection one after another, so the next FETCH or COPY can be
 * queued while JavaScript works on the last batch. `close` refuses what is still queued and waits
 * for the operation in flight: nothing may touch a connection after its transaction ends.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private closed = false;

  run<T>(op: () => Promise<T>): Promise<T> {
    const p = this.tail.then(() => {
      if (this.closed) throw new Error('the unit of work has ended');
      return op();
    });
    this.tail = p.then(
      () => undefined,
      () => undefined,
    );
    return p;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.tail;
  }
}
