import { loadConfig, type Config } from '../config';
import { openDatabase, type Database } from '../db/database';
import { migrate } from '../db/migrate';
import { AppError } from '../shared/errors';

/** Open the configured database (migrated), run the command, always close. */
export async function withDatabase<T>(command: string, fn: (database: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config, { command });
  try {
    await migrate(database);
    return await fn(database, config);
  } finally {
    await database.close();
  }
}

/** Print a clear message for errors we expect; exit non-zero. */
export function reportFailure(e: unknown): never {
  if (e instanceof AppError) console.error(`leadtrac: ${e.message}`);
  else if (e instanceof Error && e.name === 'ConfigError') console.error(e.message);
  else console.error(e);
  process.exit(e instanceof AppError || (e instanceof Error && e.name === 'ConfigError') ? 2 : 1);
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Progress: a bar on a terminal, plain lines otherwise. */
export function progressLine(label: string, done: number, total?: number): void {
  const text = total ? `${label}: ${done}/${total} (${Math.floor((done / total) * 100)}%)` : `${label}: ${done}`;
  if (process.stderr.isTTY) process.stderr.write(`\r${text}   `);
  else console.error(text);
}
