import { openSourceFile } from './readers';
import {
  SourceFormatError,
  type OpenedSource,
  type ReadResult,
  type ReadOptions,
  type RowFlag,
  type RowValue,
  type SourceDefinition,
  type ValidateOptions,
  type ValidateResult,
} from './source-types';
import { validateRow } from './validate';

/**
 * Read + validate in one stream, with the file-level refusal rule built in: a cdr row without a
 * legal process reference (and no file-level reference) makes the whole file unacceptable, which
 * can only be known at the end, so the stream THROWS after its last row. An ingest that writes
 * inside one transaction and commits only after the loop therefore never commits such a file.
 */

export type ValidatedRow =
  | {
      ok: true;
      line: number;
      text: string;
      raw: Record<string, string>;
      values: Record<string, RowValue>;
      flags: RowFlag[];
    }
  | { ok: false; line: number; text: string; reason: string; raw: Record<string, string> | null };

/** Collects the rows that make a file unacceptable as a whole. */
export class FileGuard {
  private readonly lines: number[] = [];
  private count = 0;

  constructor(private readonly def: SourceDefinition) {}

  observe(line: number, result: ValidateResult): void {
    if (result.ok || result.refuseFile !== true) return;
    this.count++;
    if (this.lines.length < 10) this.lines.push(line);
  }

  get refused(): boolean {
    return this.count > 0;
  }

  /** Throws SourceFormatError (LEGAL_PROCESS_REQUIRED) if any observed row refused the file. */
  assertAcceptable(): void {
    if (this.count === 0) return;
    const more =
      this.count > this.lines.length ? ` and ${this.count - this.lines.length} more` : '';
    throw new SourceFormatError(
      `The ${this.def.name} file is refused: ${this.count} row(s) have no legal_process_ref ` +
        `(lines ${this.lines.join(', ')}${more}) and no file-level legal process reference was given. ` +
        'Add the reference to every row, or supply it for the whole file. Nothing from this file may be kept.',
      ['legal_process_ref'],
      'LEGAL_PROCESS_REQUIRED',
    );
  }
}

function toValidated(
  r: ReadResult,
  def: SourceDefinition,
  opts: ValidateOptions | undefined,
  guard: FileGuard,
): ValidatedRow {
  if ('error' in r) return { ok: false, line: r.line, text: r.text, reason: r.error, raw: null };
  const v = validateRow(def, r.raw, opts);
  guard.observe(r.line, v);
  if (v.ok)
    return { ok: true, line: r.line, text: r.text, raw: r.raw, values: v.values, flags: v.flags };
  return { ok: false, line: r.line, text: r.text, reason: v.reason, raw: r.raw };
}

/** Validates every row of an opened source; throws at the end if the file must be refused. */
export async function* validateRows(
  opened: OpenedSource,
  def: SourceDefinition,
  opts?: ValidateOptions,
): AsyncGenerator<ValidatedRow, void, undefined> {
  const guard = new FileGuard(def);
  for await (const r of opened.rows) yield toValidated(r, def, opts, guard);
  guard.assertAcceptable();
}

/**
 * The same, a chunk of rows (a few hundred) at a time: one promise per chunk instead of one per
 * row, for an ingest loop that stages rows in batches anyway. Throws after the last batch if
 * the file must be refused, exactly like validateRows.
 */
export async function* validateBatches(
  opened: OpenedSource,
  def: SourceDefinition,
  opts?: ValidateOptions,
): AsyncGenerator<ValidatedRow[], void, undefined> {
  const guard = new FileGuard(def);
  for await (const batch of opened.batches) {
    const out: ValidatedRow[] = new Array<ValidatedRow>(batch.length);
    for (let i = 0; i < batch.length; i++)
      out[i] = toValidated(batch[i] as ReadResult, def, opts, guard);
    yield out;
  }
  guard.assertAcceptable();
}

export interface PreflightSummary {
  readonly rows: number;
  readonly accepted: number;
  readonly flagged: number;
  readonly rejected: number;
}

/**
 * A dry run over a whole file: every file-level rule is checked (throws SourceFormatError) before
 * the caller writes anything. Costs one extra read of the file; meant for small, sensitive files
 * such as cdr, or for a "check this file" action.
 */
export async function preflightSourceFile(
  path: string,
  def: SourceDefinition,
  opts: ReadOptions = {},
): Promise<PreflightSummary> {
  const opened = await openSourceFile(path, def, opts);
  let rows = 0;
  let accepted = 0;
  let flagged = 0;
  for await (const r of validateRows(opened, def, opts)) {
    rows++;
    if (r.ok) {
      accepted++;
      if (r.flags.length > 0) flagged++;
    }
  }
  return { rows, accepted, flagged, rejected: rows - accepted };
}
