import fs from 'node:fs';
import type { Database } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { AppError } from '../../shared/errors';
import { exportAccounting } from './accounting.service';

/** `leadtrac export accounting`: the accounting of one person to a file or standard output; audited. */
export async function exportAccountingTo(
  database: Database,
  ctx: RequestContext,
  o: { person: string; format: 'csv' | 'pdf'; out?: string | undefined },
): Promise<{ bytes: number; fileName: string }> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(o.person)) {
    throw new AppError('VALIDATION_FAILED', `A person id is a UUID; "${o.person}" is not.`);
  }
  if (o.format === 'pdf' && !o.out && process.stdout.isTTY) {
    throw new AppError('BAD_REQUEST', 'A PDF is not written to a terminal: give --out FILE or redirect standard output.');
  }
  const file = await exportAccounting(database, ctx, o.person, o.format);
  const body = typeof file.body === 'string' ? Buffer.from(file.body, 'utf8') : file.body;
  if (o.out) fs.writeFileSync(o.out, body);
  else process.stdout.write(body);
  return { bytes: body.length, fileName: file.fileName };
}
