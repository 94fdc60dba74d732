import { loadConfig } from '../config';
import { openDatabase, type Database } from '../db/database';
import { migrate } from '../db/migrate';

/**
 * A migrated database for integration tests: embedded PGlite in memory by default, or the
 * PostgreSQL server named by DATABASE_URL. Tests share that server, so they create their own
 * uniquely named data and never assume empty tables.
 */
export async function openTestDatabase(): Promise<Database> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const database = await openDatabase(config, { command: 'test', inMemory: true });
  await migrate(database);
  return database;
}

let counter = 0;
/** A name no other test (or earlier run against the same server) has used. */
export function uniqueName(prefix: string): string {
  counter++;
  return `${prefix}${Date.now().toString(36)}${process.pid.toString(36)}${counter}`.toLowerCase();
}
