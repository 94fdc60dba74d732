import type { Database, Tx } from '../../db/database';

/**
 * The database as seen from inside one transaction: another module's service, which opens its own
 * unit of work, runs in ours instead, so its writes and audit rows commit or roll back with ours.
 */
export function withinTransaction(database: Database, tx: Tx): Database {
  return { ...database, db: tx.db, transaction: <T>(fn: (t: Tx) => Promise<T>) => fn(tx) };
}
