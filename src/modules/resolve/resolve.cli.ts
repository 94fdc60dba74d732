import fs from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Database } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { exportEntities, type ExportFormat } from './export.service';
import type { ResolveSummary } from './resolve.service';

/** What `leadtrac resolve` prints when it is done. */
export function describeResolveRun(r: ResolveSummary): string[] {
  const c = r.counts;
  const model = r.modelVersion === null ? 'no model' : `model v${r.modelVersion}${r.modelTrained ? ' (trained in this run)' : ''}`;
  return [
    `resolve (${r.mode}, ${model}): ${r.batches} batch(es), ${c.mentions} mentions (${c.personMentions} person, ${c.orgMentions} organization)`,
    `  pairs scored ${c.pairsScored}, kept ${c.pairsKept}; person entities ${c.personEntities}, organization entities ${c.orgEntities}${r.mode === 'incremental' ? ' (in the components touched)' : ''}`,
    `  entities created ${c.entitiesCreated}, changed ${c.entitiesChanged}, retired ${c.entitiesRetired}; links changed ${c.linksChanged}, removed ${c.linksRemoved}; call links ${c.callLinks}`,
    `  review items from this run ${c.reviewItems}, open in the queue ${r.openReviewItems}${c.oversizedBlocks > 0 ? `; ${c.oversizedBlocks} blocks over the size cap skipped` : ''}`,
    `  time ${(r.elapsedMs / 1000).toFixed(1)} s (run ${r.runId})`,
  ];
}

async function writeTo(stream: Writable, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/** `leadtrac export entities`: to a file (written whole or not at all) or standard output. */
export async function exportEntitiesTo(
  database: Database,
  ctx: RequestContext,
  opts: { format: ExportFormat; out?: string | undefined; classification: string },
): Promise<{ rows: number }> {
  if (!opts.out) {
    return exportEntities(database, ctx, { format: opts.format, classification: opts.classification, destination: 'stdout', write: (c) => writeTo(process.stdout, c) });
  }
  const tmp = `${opts.out}.partial`;
  const file = fs.createWriteStream(tmp);
  try {
    const r = await exportEntities(database, ctx, { format: opts.format, classification: opts.classification, destination: opts.out, write: (c) => writeTo(file, c) });
    file.end();
    await once(file, 'finish');
    fs.renameSync(tmp, opts.out);
    return r;
  } catch (e) {
    file.destroy();
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
