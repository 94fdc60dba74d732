import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import type { IndexResult } from './search-index.service';
import { createSearchIndexer, type IndexerLog, type RunOptions } from './search-indexer';

/** A run the test finishes by hand: each call waits until the test settles it. */
function controlledRuns() {
  const calls: {
    reason?: string;
    opts: RunOptions;
    finish: (r?: Partial<IndexResult>) => void;
    fail: (e: Error) => void;
  }[] = [];
  let active = 0;
  let maxActive = 0;
  const waiters: (() => void)[] = [];
  const run = (opts: RunOptions) =>
    new Promise<IndexResult>((resolve, reject) => {
      active++;
      maxActive = Math.max(maxActive, active);
      const done = () => active--;
      calls.push({
        opts,
        finish: (r = {}) => {
          done();
          resolve({ indexed: 0, newTerms: 0, more: false, ...r });
        },
        fail: (e) => {
          done();
          reject(e);
        },
      });
      waiters.splice(0).forEach((w) => w());
    });
  /** Resolves once the n-th run (1-based) has started. */
  const started = async (n: number) => {
    while (calls.length < n) await new Promise<void>((r) => waiters.push(r));
    return calls[n - 1]!;
  };
  return { run, calls, started, maxActive: () => maxActive };
}

function memoryLog() {
  const lines: { level: 'info' | 'error'; msg: string; obj: Record<string, unknown> }[] = [];
  const log: IndexerLog = {
    info: (obj, msg) => lines.push({ level: 'info', msg, obj: obj as Record<string, unknown> }),
    error: (obj, msg) => lines.push({ level: 'error', msg, obj: obj as Record<string, unknown> }),
  };
  return { log, lines };
}

const fakeDatabase = { kind: 'pglite' } as unknown as Database;

describe('background search indexer', () => {
  it('runs one at a time, and a trigger during a run causes exactly one more run', async () => {
    const runs = controlledRuns();
    const { log } = memoryLog();
    const indexer = createSearchIndexer(fakeDatabase, { log, run: runs.run });
    indexer.trigger('import');
    indexer.trigger('import');
    const first = await runs.started(1);
    expect(runs.calls).toHaveLength(1);
    // Three triggers while the first run works: they ask for one more run, not three.
    indexer.trigger('search');
    indexer.trigger('import');
    indexer.trigger('search');
    expect(runs.calls).toHaveLength(1);
    first.finish({ indexed: 1000 });
    const second = await runs.started(2);
    expect(runs.calls).toHaveLength(2);
    second.finish();
    await indexer.idle();
    expect(runs.calls).toHaveLength(2);
    expect(runs.maxActive()).toBe(1);
    // Idle again: the next trigger starts a new run at once.
    indexer.trigger('import');
    (await runs.started(3)).finish();
    await indexer.idle();
    expect(runs.calls).toHaveLength(3);
  });

  it('logs the start, the counts and the end of a run, with the batch size for the database', async () => {
    const runs = controlledRuns();
    const { log, lines } = memoryLog();
    const indexer = createSearchIndexer(fakeDatabase, { log, run: runs.run });
    indexer.trigger('import');
    const call = await runs.started(1);
    expect(call.opts.batchSize).toBe(1_000);
    call.finish({ indexed: 6000, newTerms: 42 });
    await indexer.idle();
    expect(lines.map((l) => l.msg)).toEqual([
      'search indexer: started',
      'search indexer: finished',
    ]);
    expect(lines[1]!.obj).toMatchObject({
      reason: 'import',
      indexed: 6000,
      newTerms: 42,
      stopped: false,
    });
  });

  it('logs a failing run without throwing, and the next trigger runs again', async () => {
    const runs = controlledRuns();
    const { log, lines } = memoryLog();
    const indexer = createSearchIndexer(fakeDatabase, { log, run: runs.run });
    indexer.trigger('import');
    (await runs.started(1)).fail(new Error('connection lost'));
    await indexer.idle();
    const failed = lines.find((l) => l.level === 'error');
    expect(failed?.msg).toMatch(/failed/);
    expect((failed?.obj['err'] as Error).message).toBe('connection lost');
    indexer.trigger('search found a backlog');
    (await runs.started(2)).finish({ indexed: 7 });
    await indexer.idle();
    expect(lines.at(-1)).toMatchObject({
      level: 'info',
      msg: 'search indexer: finished',
      obj: { indexed: 7 },
    });
  });

  it('close stops the run after its batch under way, waits for it, and ignores later triggers', async () => {
    const runs = controlledRuns();
    const { log } = memoryLog();
    const indexer = createSearchIndexer(fakeDatabase, { log, run: runs.run });
    indexer.trigger('import');
    const call = await runs.started(1);
    indexer.trigger('import'); // would ask for another run, but the indexer is closing
    let closed = false;
    const closing = indexer.close().then(() => (closed = true));
    expect(call.opts.signal.aborted).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(closed).toBe(false);
    call.finish({ indexed: 1000, more: true });
    await closing;
    indexer.trigger('import');
    await indexer.idle();
    expect(runs.calls).toHaveLength(1);
  });
});
