import {
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

/** What the driver needs of PGlite: the instance itself, or the `tx` of `pglite.transaction()`. */
export interface PGliteQueryable {
  query<R>(
    sql: string,
    params?: unknown[],
  ): Promise<{ rows: R[]; affectedRows?: number | undefined }>;
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly client: PGliteQueryable) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.client.query<R>(compiled.sql, [...compiled.parameters]);
    return result.affectedRows !== undefined
      ? { rows: result.rows, numAffectedRows: BigInt(result.affectedRows) }
      : { rows: result.rows };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported on PGlite; page with keyset queries instead.');
  }
}

/**
 * A Kysely driver over one PGlite instance or one PGlite transaction.
 *
 * Why our own and not `kysely-pglite-dialect`: that package pins PGlite ≤ 0.4 and runs Kysely
 * transactions as separate BEGIN/COMMIT queries on the shared instance, which other callers can
 * interleave with. Here transactions are refused at this level: `Database.transaction()` opens them
 * through `pglite.transaction()`, which holds PGlite's own lock for the whole unit of work and lets
 * COPY run inside the same transaction.
 */
class PGliteDriver implements Driver {
  constructor(private readonly client: PGliteQueryable) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new PGliteConnection(this.client);
  }
  async beginTransaction(): Promise<void> {
    throw new Error('Use Database.transaction() for transactions, not Kysely.transaction().');
  }
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

export class PGliteDialect implements Dialect {
  constructor(private readonly client: PGliteQueryable) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.client);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}
