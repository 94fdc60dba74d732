import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../db/database';
import { systemContext } from '../../shared/context';
import { ingestFile, type IngestResult } from '../ingest';
import { SOURCE_NAMES } from '../sources/registry';
import { generateWorld, type WorldSummary } from './generate';
import { runResolve } from '../resolve';
import { indexPendingNames } from '../search';
import { runAssessment } from '../status';

export interface DemoLoadOptions {
  persons: number;
  seed: number;
  /** Also resolve entities, index names for search and assess status as of the world's date. */
  analyse?: boolean;
  /** Keep the generated files here (default: a temporary folder, removed afterwards). */
  outDir?: string;
  onProgress?: (line: string) => void;
}

/** Generate a synthetic world and ingest every source file of it, as the system user. */
export async function loadDemoWorld(
  database: Database,
  opts: DemoLoadOptions,
): Promise<{ world: WorldSummary; batches: IngestResult[] }> {
  const dir = opts.outDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'leadtrac-demo-'));
  try {
    opts.onProgress?.(
      `generating a synthetic world of ${opts.persons} persons (seed ${opts.seed})`,
    );
    const world = await generateWorld({ persons: opts.persons, seed: opts.seed, outDir: dir });
    const ctx = systemContext('demo load', ['records_officer']);
    const batches: IngestResult[] = [];
    for (const source of SOURCE_NAMES) {
      const file = path.join(dir, `${source}.csv`);
      if (!fs.existsSync(file)) continue;
      const r = await ingestFile(database, ctx, { source, file });
      opts.onProgress?.(
        `${source}: read ${r.rowsRead}, accepted ${r.rowsAccepted}, flagged ${r.rowsFlagged}, rejected ${r.rowsRejected}`,
      );
      batches.push(r);
    }
    if (opts.analyse) {
      const analyst = systemContext('demo load', ['records_officer', 'analyst']);
      await runResolve(database, analyst, { onProgress: (l) => opts.onProgress?.(`resolve: ${l}`) });
      const indexed = await indexPendingNames(database, {});
      opts.onProgress?.(`indexed ${indexed.indexed} names for search`);
      const assessed = await runAssessment(database, analyst, { asOf: world.asOf });
      opts.onProgress?.(`assessed ${assessed.admissions} admissions of ${assessed.persons} persons as of ${world.asOf}: ${assessed.violators} suspected violators`);
    }
    return { world, batches };
  } finally {
    if (!opts.outDir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** True when nothing has been loaded yet (what `npm start` checks before loading the demo world). */
export async function isDatabaseEmpty(database: Database): Promise<boolean> {
  const row = await database.db
    .selectFrom('source_batches')
    .select('id')
    .limit(1)
    .executeTakeFirst();
  return row === undefined;
}
