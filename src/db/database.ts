import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFromStream, to as copyToStream } from 'pg-copy-streams';
import type { Config } from '../config';
import { BINARY_HEADER, BINARY_TRAILER } from './copy-binary';
import { acquireDataDirLock } from './data-dir-lock';
import { PGliteDialect, type PGliteQueryable } from './pglite-dialect';
import type { DB } from './schema';

// Dates stay 'YYYY-MM-DD' strings (calendar dates, never shifted by a time zone); bigints as strings.
pg.types.setTypeParser(1082, (v) => v);
pg.types.setTypeParser(20, (v) => v);

/** How much COPY text PGlite is given at once when a caller's chunks end at rows' ends (bytes, roughly: string lengths count). */
const PGLITE_COPY_BYTES = 16 * 2 ** 20;

/** COPY text as a string, or as its UTF-8 bytes. */
export type CopyChunk = string | Uint8Array<ArrayBuffer>;

/** One unit of work: a Kysely bound to the transaction, raw SQL and COPY on the same connection. */
export interface Tx {
  readonly db: Kysely<DB>;
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** Several statements, no parameters (migrations). */
  exec(sqlText: string): Promise<void>;
  /**
   * `COPY table (cols) FROM STDIN` with text-format chunks (strings or UTF-8 bytes); all inside
   * this transaction. PostgreSQL takes the chunks as they come, while the caller makes the next.
   * PGlite reads a COPY from one blob: with `wholeRows` (every chunk ends at a row's end) it runs
   * one COPY per PGLITE_COPY_BYTES of chunks, so memory stays bounded; without, one for all.
   * With `binary`, the chunks are binary COPY rows (CopyBinaryWriter.takeRows) and each COPY
   * run gets the stream's header and trailer.
   */
  copyFrom(copySql: string, chunks: AsyncIterable<CopyChunk> | Iterable<CopyChunk>, opts?: CopyFromOptions): Promise<void>;
  /**
   * `COPY (query) TO STDOUT` (text format): the output's bytes as they arrive, read at the
   * caller's pace (see CopyTextRows). Stopping early (return or throw) stops the COPY; the
   * transaction goes on.
   */
  copyTo(copySql: string): AsyncIterable<Uint8Array>;
}

export interface CopyFromOptions {
  /** Every chunk ends at a row's end. */
  wholeRows?: boolean;
  /** The chunks are binary COPY rows, without header and trailer (implies wholeRows). */
  binary?: boolean;
}

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /** Autocommit queries. Never call `db.transaction()`: use `transaction()` below. */
  readonly db: Kysely<DB>;
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** What holds the embedded database, shown to a second process that tries to open it. */
  command: string;
  /** Embedded only: keep the database in memory (tests). */
  inMemory?: boolean;
}

export async function openDatabase(config: Config, opts: OpenOptions): Promise<Database> {
  return config.databaseUrl
    ? openPostgres(config.databaseUrl, config.dbPoolMax)
    : openPGlite(opts.inMemory ? undefined : config.dataDir, opts.command);
}

const PGLITE_EXTENSIONS = { pg_trgm, fuzzystrmatch, unaccent, btree_gin, pgcrypto };

async function openPGlite(dataDir: string | undefined, command: string): Promise<Database> {
  const release = dataDir ? acquireDataDirLock(dataDir, command) : () => {};
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(dataDir ? { dataDir: `file://${dataDir}/pgdata` } : {}),
      extensions: PGLITE_EXTENSIONS,
      parsers: { 20: (v: string) => v },
    });
  } catch (e) {
    release();
    throw e;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    kind: 'pglite',
    db,
    async transaction(fn) {
      return pglite.transaction(async (t) => {
        const q = t as unknown as PGliteQueryable;
        return fn({
          db: new Kysely<DB>({ dialect: new PGliteDialect(q) }),
          query: async (text, params) => (await q.query(text, params)).rows as never,
          exec: async (sqlText) => {
            await t.exec(sqlText);
          },
          copyFrom: async (copySql, chunks, opts) => {
            // PGlite's COPY reads a Blob at /dev/blob.
            const sqlText = copySql.replace(/FROM\s+STDIN/i, "FROM '/dev/blob'");
            const whole = opts?.wholeRows || opts?.binary;
            let parts: CopyChunk[] = [];
            let bytes = 0;
            const flush = async () => {
              const blob = opts?.binary ? [BINARY_HEADER, ...parts, BINARY_TRAILER] : parts;
              await t.query(sqlText, [], { blob: new Blob(blob) });
              parts = [];
              bytes = 0;
            };
            for await (const c of chunks) {
              parts.push(c);
              bytes += c.length;
              if (whole && bytes >= PGLITE_COPY_BYTES) await flush();
            }
            if (parts.length > 0 || !whole) await flush();
          },
          copyTo: async function* (copySql) {
            // PGlite writes COPY output to a Blob at /dev/blob, whole.
            const r = await t.query(copySql.replace(/TO\s+STDOUT\s*$/i, "TO '/dev/blob'"));
            if (r.blob) yield new Uint8Array(await r.blob.arrayBuffer());
          },
        });
      });
    },
    async close() {
      await pglite.close();
      release();
    },
  };
}

/** Binary COPY rows between the stream's header and trailer. */
async function* framed(rows: AsyncIterable<CopyChunk> | Iterable<CopyChunk>): AsyncGenerator<CopyChunk> {
  yield BINARY_HEADER;
  yield* rows;
  yield BINARY_TRAILER;
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    async transaction(fn) {
      const client = await pool.connect();
      // A Kysely bound to this one client: its "pool" hands out the same connection every time.
      const single = {
        connect: async () => ({ query: client.query.bind(client), release: () => {} }),
        end: async () => {},
      };
      const txDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool: single }) });
      try {
        await client.query('BEGIN');
        const result = await fn({
          db: txDb,
          query: async (text, params) => (await client.query(text, params)).rows as never,
          exec: async (sqlText) => {
            await client.query(sqlText);
          },
          copyFrom: async (copySql, chunks, opts) => {
            const target = client.query(copyFromStream(copySql));
            await pipeline(Readable.from(opts?.binary ? framed(chunks) : chunks), target);
          },
          copyTo: (copySql) => copyOut(client, copySql, url),
        });
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
      // Kysely ends the pool only if it ever ran a query; transactions use the pool directly.
      if (!pool.ended) await pool.end();
    },
  };
}

/**
 * A COPY TO STDOUT on `client`, its bytes chunk by chunk, inside a savepoint. If the
 * reader stops before the end, the server is asked to cancel the COPY (from a connection of its
 * own, as a cancel must be), what it still sends is dropped until the COPY has ended or failed,
 * and the savepoint is rolled back: the transaction goes on.
 */
async function* copyOut(client: pg.PoolClient, copySql: string, url: string): AsyncGenerator<Uint8Array> {
  const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows as [{ pid: number }];
  await client.query('SAVEPOINT copy_out');
  const stream = client.query(copyToStream(copySql));
  // Settles however the COPY finishes, whether or not anyone is reading it then (a cancelled
  // COPY fails with an 'error' event that must not go unhandled).
  const finished = new Promise<void>((resolve) => {
    stream.once('end', resolve);
    stream.once('error', () => resolve());
  });
  let ended = false;
  try {
    for await (const chunk of stream.iterator({ destroyOnReturn: false })) yield chunk as Buffer;
    ended = true;
  } finally {
    if (ended) await client.query('RELEASE SAVEPOINT copy_out');
    else {
      stream.resume();
      await cancelBackend(url, pid);
      await finished;
      await client.query('ROLLBACK TO SAVEPOINT copy_out');
    }
  }
}

async function cancelBackend(url: string, pid: number): Promise<void> {
  const canceller = new pg.Client({ connectionString: url });
  await canceller.connect();
  try {
    await canceller.query('SELECT pg_cancel_backend($1)', [pid]);
  } finally {
    await canceller.end();
  }
}
