import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../config';
import { openDatabase, type Database } from '../db/database';
import { migrate } from '../db/migrate';
import { ensureDemoAccounts } from '../modules/auth';
import { buildApp } from './app';
import { isDatabaseEmpty, loadDemoWorld } from '../modules/demo/demo-load';

export interface StartOptions extends Partial<Config> {
  /** Create the demo accounts (one per role). */
  demoAccounts?: boolean;
  /** Embedded database in memory instead of the data folder (tests). */
  inMemory?: boolean;
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  database: Database;
  config: Config;
  createdAccounts: string[];
  close(): Promise<void>;
}

/** Open the database, migrate, optionally create demo accounts, and listen. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const { demoAccounts, inMemory, ...overrides } = options;
  const config = loadConfig(process.env, overrides);
  const database = await openDatabase(config, { command: 'serve', inMemory: inMemory ?? false });
  try {
    await migrate(database);
    const createdAccounts = demoAccounts || config.demo ? await ensureDemoAccounts(database) : [];
    if (config.demo && config.demoPersons > 0 && (await isDatabaseEmpty(database))) {
      await loadDemoWorld(database, { persons: config.demoPersons, seed: 42, analyse: true, onProgress: (l) => console.log(`demo: ${l}`) });
    }
    const app = await buildApp({ config, database });
    const address = await app.listen({ port: config.port, host: config.host });
    const port = new URL(address).port;
    return {
      url: `http://localhost:${port}`,
      app,
      database,
      config,
      createdAccounts,
      async close() {
        await app.close();
        await database.close();
      },
    };
  } catch (e) {
    await database.close();
    throw e;
  }
}
