import { describe, expect, it } from 'vitest';
import { startTsWorker, WorkerClient } from './worker-thread';

const start = () =>
  new WorkerClient<{ n: number }, { doubled: number }>(
    startTsWorker(new URL('./testing/echo-worker.ts', import.meta.url), { offset: 1 }),
    'echo',
  );

describe('a TypeScript worker thread', () => {
  it('answers several waiting requests, each with its own reply', async () => {
    const client = start();
    try {
      const replies = await Promise.all([1, 2, 3].map((n) => client.request({ n })));
      expect(replies.map((r) => r.doubled)).toEqual([3, 5, 7]);
      expect(client.pending).toBe(0);
    } finally {
      await client.terminate();
    }
  });

  it('rejects every waiting request when the worker fails, and later ones at once', async () => {
    const client = start();
    try {
      // Answered before the failure (a reply posted just before the worker dies may arrive after
      // its 'error' event, so this one is awaited first).
      await expect(client.request({ n: 1 })).resolves.toMatchObject({ doubled: 3 });
      const bad = client.request({ n: -1 });
      const after = client.request({ n: 2 });
      await expect(bad).rejects.toThrow('negative: -1');
      await expect(after).rejects.toThrow('negative: -1');
      await expect(client.request({ n: 3 })).rejects.toThrow('negative: -1');
    } finally {
      await client.terminate();
    }
  });

  it('refuses requests once terminated', async () => {
    const client = start();
    await client.terminate();
    await expect(client.request({ n: 1 })).rejects.toThrow(/stopped|exited/);
  });
});
