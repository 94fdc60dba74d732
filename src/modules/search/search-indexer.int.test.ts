import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { buildTestApp, makeUser, signIn, type Session } from '../../test/test-app';
import { openTestDatabase } from '../../test/test-db';
import { getSource } from '../sources/registry';
import { takePendingNames } from './search-index.repo';
import { indexPendingNames, type IndexResult } from './search-index.service';
import type { IndexerLog, RunOptions } from './search-indexer';
import type { SearchResponse } from './search.schema';
import { ingestRows, makeEntity, uniqueSurname } from './test-world';

/**
 * The web server's background search indexer, against the real database: what imports leave
 * queued beyond a search's own catch-up (5,000 names) becomes searchable without anyone running
 * `leadtrac search index`. Tests wait on `searchIndexer.idle()`, never on a timer.
 */
let database: Database;
let app: FastifyInstance;
let analyst: Session;
const logged: { level: string; msg: string; obj: Record<string, unknown> }[] = [];
const memoryLog: IndexerLog = {
  info: (obj, msg) => logged.push({ level: 'info', msg, obj: obj as Record<string, unknown> }),
  error: (obj, msg) => logged.push({ level: 'error', msg, obj: obj as Record<string, unknown> }),
};

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database, {}, { searchIndexer: { log: memoryLog } });
  analyst = await signIn(app, (await makeUser(database, ['analyst'])).username);
});

afterAll(async () => {
  await app?.close();
  // Leave no queue behind for the other test files sharing a PostgreSQL database.
  if (database) await indexPendingNames(database);
  await database?.close();
});

const GIVEN = [
  'Amara',
  'Bogdan',
  'Chiara',
  'Dmitri',
  'Elif',
  'Farid',
  'Greta',
  'Hamid',
  'Ines',
  'Jonas',
];

/** `n` rows of the `public` source, each a person with a name of this run's own. */
function people(n: number, tag: string): Record<string, string>[] {
  return Array.from({ length: n }, (_, i) => ({
    record_id: `${tag}${i}`,
    given_name: GIVEN[i % GIVEN.length]!,
    family_name: uniqueSurname().latin,
  }));
}

function csvOf(rows: Record<string, string>[]): string {
  const header = getSource('public').columns.map((c) => c.name);
  return stringify([header, ...rows.map((r) => header.map((h) => r[h] ?? ''))]);
}

function multipart(fields: Record<string, string>, file: { name: string; content: string }) {
  const boundary = `----lt${Date.now()}`;
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  parts.push(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n${file.content}\r\n`,
  );
  return {
    payload: parts.join('') + `--${boundary}--\r\n`,
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Names of a batch's records, and how many of them the search index holds. */
async function indexedOfBatch(batchId: string): Promise<{ names: number; indexed: number }> {
  const [row] = await database.transaction(async (tx) => {
    // On a shared PostgreSQL database another test file's indexer may hold some of these names in
    // a batch it has not committed (ours skipped them): wait for it, as a search would.
    await tx.query(
      `SELECT 1 FROM search_pending p JOIN names n ON n.id = p.name_id JOIN source_records r ON r.id = n.source_record_id
       WHERE r.batch_id = $1::uuid FOR UPDATE OF p`,
      [batchId],
    );
    return tx.query<{ names: number; indexed: number }>(
      `SELECT count(*)::int AS names, count(k.name_id)::int AS indexed
       FROM names n JOIN source_records r ON r.id = n.source_record_id LEFT JOIN search_name_keys k ON k.name_id = n.id
       WHERE r.batch_id = $1::uuid`,
      [batchId],
    );
  });
  return row!;
}

async function recordRef(recordId: string): Promise<string> {
  const [row] = await database.transaction((tx) =>
    tx.query<{ id: string }>(
      `SELECT id::text AS id FROM source_records WHERE source = 'public' AND record_id = $1`,
      [recordId],
    ),
  );
  return row!.id;
}

async function search(q: string): Promise<SearchResponse> {
  const res = await app.inject({
    method: 'GET',
    url: `/api/search?${new URLSearchParams({ q })}`,
    headers: analyst.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<SearchResponse>();
}

describe('background search indexer', () => {
  it('indexes an import of more than 5,000 names through the web app, so every name is found without the CLI', async () => {
    const rows = people(6_000, `BG${Date.now().toString(36)}-`);
    const m = multipart({ source: 'public' }, { name: 'people.csv', content: csvOf(rows) });
    const res = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...analyst.headers, 'content-type': m.contentType },
      payload: m.payload,
    });
    expect(res.statusCode, res.body).toBe(200);
    const batchId = res.json<{ batchId: string }>().batchId;
    await app.searchIndexer.idle();
    // Read before any search: a search would index up to 5,000 of them itself.
    expect(await indexedOfBatch(batchId)).toEqual({ names: 6_000, indexed: 6_000 });
    const last = rows.at(-1)!;
    const entity = await makeEntity(database, {
      displayName: `${last.given_name} ${last.family_name}`,
      links: [{ ref: await recordRef(last.record_id!) }],
    });
    const r = await search(`${last.given_name} ${last.family_name}`);
    expect(r.results[0]?.entityId).toBe(entity);
    expect(
      logged.some((l) => l.msg === 'search indexer: finished' && l.obj['reason'] === 'import'),
    ).toBe(true);
  });

  it('indexes names imported with the CLI once a search finds more queued than it indexes itself, and says so without naming a command', async () => {
    // More than 5,000: the search leaves them all to the background indexer and answers at once.
    const loaded = await ingestRows(database, 'public', people(6_000, 'C')); // what `leadtrac ingest` runs
    const r = await search(`${GIVEN[0]} ${uniqueSurname().latin}`);
    const notice = r.notices.find((n) => /catching up/.test(n));
    // A PostgreSQL database shared with other test files may have its queue drained by their indexers.
    if (database.kind === 'pglite')
      expect(notice).toBe(
        'The search index is catching up with recent imports in the background (about 6,000 names still to index); some names may not be found yet.',
      );
    if (notice)
      expect(notice).toMatch(
        /^The search index is catching up with recent imports in the background \((about|more than) [\d,]+ names? still to index\); some names may not be found yet\.$/,
      );
    await app.searchIndexer.idle();
    expect(await indexedOfBatch(loaded.batchId)).toEqual({ names: 6_000, indexed: 6_000 });
    expect((await search(`${GIVEN[1]} ${uniqueSurname().latin}`)).notices.join(' ')).not.toMatch(
      /catching up/,
    );
  });

  it('indexes at start what was queued while the server was down', async () => {
    const loaded = await ingestRows(database, 'public', people(1_200, 'S'));
    const started = await buildTestApp(database, {}, { searchIndexer: { log: memoryLog } });
    try {
      await started.ready();
      await started.searchIndexer.idle();
      expect(await indexedOfBatch(loaded.batchId)).toEqual({ names: 1_200, indexed: 1_200 });
      expect(
        logged.some(
          (l) => l.msg === 'search indexer: started' && l.obj['reason'] === 'server start',
        ),
      ).toBe(true);
    } finally {
      await started.close();
    }
  });

  it('logs a failing batch, keeps its names queued, and indexes them on the next trigger', async () => {
    let calls = 0;
    const run = async (o: RunOptions): Promise<IndexResult> => {
      if (++calls > 1) return indexPendingNames(database, o);
      // The first batch takes names off the queue, then fails: its transaction is rolled back.
      return database.transaction(async (tx) => {
        await takePendingNames(tx, o.batchSize);
        throw new Error('batch failed');
      });
    };
    const flaky = await buildTestApp(database, {}, { searchIndexer: { log: memoryLog, run } });
    try {
      const loaded = await ingestRows(database, 'public', people(300, 'F'));
      flaky.searchIndexer.trigger('import');
      await flaky.searchIndexer.idle();
      expect(logged.find((l) => l.level === 'error')?.obj['err']).toMatchObject({
        message: 'batch failed',
      });
      flaky.searchIndexer.trigger('import');
      await flaky.searchIndexer.idle();
      expect(calls).toBe(2);
      expect(await indexedOfBatch(loaded.batchId)).toEqual({ names: 300, indexed: 300 });
    } finally {
      await flaky.close();
    }
  });

  it('closing the app waits for the batch under way and stops the run there', async () => {
    const events: string[] = [];
    const closing: { done?: Promise<void> } = {};
    const out: { result?: IndexResult } = {};
    // The app is closed while the run is under way: from its first batch's progress report.
    const run = async (o: RunOptions): Promise<IndexResult> => {
      out.result = await indexPendingNames(database, {
        ...o,
        onProgress: (n) => {
          o.onProgress(n);
          closing.done ??= closable.close().then(() => void events.push('app closed'));
        },
      });
      events.push('run returned');
      return out.result;
    };
    const closable = await buildTestApp(
      database,
      {},
      { searchIndexer: { log: memoryLog, run, batchSize: 200 } },
    );
    await closable.ready(); // so that closing is quick: an app never made ready boots its plugins first
    await ingestRows(database, 'public', people(2_000, 'X'));
    closable.searchIndexer.trigger('import');
    await closable.searchIndexer.idle();
    await closing.done;
    expect(events).toEqual(['run returned', 'app closed']);
    // Stopped after the batch under way (the next one, at most, had begun), with names left.
    expect(out.result).toMatchObject({ more: true });
    expect(out.result!.indexed).toBeLessThanOrEqual(400);
    closable.searchIndexer.trigger('after close');
    await closable.searchIndexer.idle();
    expect(events).toHaveLength(2);
  });
});
