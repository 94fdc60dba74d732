import type { Database, Tx } from './database';
import { MIGRATIONS } from './migrations';

export interface Migration {
  /** e.g. '0004_create_core_model' — ordered by name, never edited after landing. */
  readonly name: string;
  up(tx: Tx): Promise<void>;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Apply pending migrations, each in its own transaction with its bookkeeping row, under an
 * advisory lock so two servers starting at once do not both migrate.
 */
export async function migrate(database: Database, onApplied?: (name: string) => void): Promise<MigrationResult> {
  const names = MIGRATIONS.map((m) => m.name);
  if (new Set(names).size !== names.length || [...names].sort().join() !== names.join()) {
    throw new Error('Migrations must have unique names listed in order.');
  }
  const applied: string[] = [];
  let alreadyApplied = 0;
  for (const m of MIGRATIONS) {
    const did = await database.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('leadtrac_migrations'))`);
      await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
      const done = await tx.query(`SELECT 1 FROM schema_migrations WHERE name = $1`, [m.name]);
      if (done.length > 0) return false;
      await m.up(tx);
      await tx.query(`INSERT INTO schema_migrations (name) VALUES ($1)`, [m.name]);
      return true;
    });
    if (did) {
      applied.push(m.name);
      onApplied?.(m.name);
    } else alreadyApplied++;
  }
  return { applied, alreadyApplied };
}
