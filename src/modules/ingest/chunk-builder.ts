import { recordMarkings, type IdentifierKind, type RowValue, type SourceDefinition, type ValidatedRow } from '../sources';
import type { CanonicalRowWriter } from './canonical-row';
import { CopyText, copyField, copyJson, copyTextArray } from './copy-text';
import { factColumns } from './fact-tables';
import { emitFacts, type FactSink } from './facts';
import type { RecordIdSet } from './record-id-set';

/**
 * One chunk of a file as COPY text, ready for the final tables (or, when some of its record ids
 * may already be held, for staging). Every accepted row has its source record id already (reserved
 * from the table's identity sequence), so its facts are keyed by it without a round trip.
 */
export interface Chunk {
  /** source_records: id, source, record_id, version (1), batch_id, line_no, received_at, content_hash, payload, flags, markings. */
  readonly records: string[];
  /** The source's typed fact table: source_record_id, then its fact columns. */
  readonly typed: string[];
  readonly identifiers: string[];
  readonly names: string[];
  readonly addresses: string[];
  readonly relationships: string[];
  /** source_rejects: batch_id, line_no, reason, raw_text. */
  readonly rejects: string[];
  readonly read: number;
  readonly accepted: number;
  readonly flagged: number;
  readonly rejected: number;
  /** Some record id of the chunk may have come earlier in the file (or twice in the chunk). */
  readonly repeatsInFile: boolean;
  /** The chunk's record ids, when the caller asked for them (to ask the database which it holds). */
  readonly recordIds: string[] | null;
}

/** Source record ids reserved from the identity sequence: a range, or a list when not contiguous. */
export class IdBlock {
  private used = 0;
  constructor(
    private readonly first: number,
    readonly size: number,
    private readonly list: readonly number[] | null = null,
  ) {}
  get remaining(): number {
    return this.size - this.used;
  }
  next(): number {
    if (this.used >= this.size) throw new Error('id block exhausted');
    const i = this.used++;
    return this.list ? (this.list[i] as number) : this.first + i;
  }
}

export interface ChunkContext {
  readonly def: SourceDefinition;
  readonly batchId: string;
  readonly receivedAt: Date;
  /** Record ids seen earlier in this file. */
  readonly seen: RecordIdSet;
  /** Keep the chunk's record ids (for a pre-check against records already held). */
  readonly collectIds: boolean;
}

/** Rejected rows keep their full text; a chunk stops growing once it holds this much of it. */
const MAX_REJECT_TEXT = 8 << 20;

export class ChunkBuilder implements FactSink {
  private readonly records = new CopyText();
  private readonly typed = new CopyText();
  private readonly identifiers = new CopyText();
  private readonly names = new CopyText();
  private readonly addresses = new CopyText();
  private readonly relationships = new CopyText();
  private readonly rejects = new CopyText();
  private read = 0;
  private accepted = 0;
  private flagged = 0;
  private rejected = 0;
  private repeatsInFile = false;
  private recordIds: string[] | null;
  private readonly recordPrefix: string;
  private readonly recordMiddle: string;
  private readonly rejectPrefix: string;
  private readonly typedLine: (values: Record<string, RowValue>) => string;
  /** The source record id of the row whose facts are being written. */
  private id = 0;
  private readonly marked: boolean;

  constructor(
    private readonly ctx: ChunkContext,
    private readonly ids: IdBlock,
    private readonly canonical: CanonicalRowWriter,
  ) {
    const { def, batchId, receivedAt } = ctx;
    this.recordPrefix = `\t${copyField(def.name)}\t`;
    this.recordMiddle = `\t1\t${batchId}\t`;
    this.rejectPrefix = `${batchId}\t`;
    this.typedLine = typedLineWriter(factColumns(def).map((c) => c.name));
    this.marked = def.recordSensitivity !== undefined || def.columns.some((c) => c.sensitivity !== undefined);
    this.recordIds = ctx.collectIds ? [] : null;
    this.receivedAt = receivedAt.toISOString();
  }
  private readonly receivedAt: string;

  /** No more rows fit (its reserved ids are used up, or its rejected text is large). */
  get full(): boolean {
    return this.ids.remaining === 0 || this.rejects.length >= MAX_REJECT_TEXT;
  }

  get isEmpty(): boolean {
    return this.read === 0;
  }

  add(r: ValidatedRow): void {
    this.read++;
    if (!r.ok) {
      this.rejected++;
      this.rejects.add(`${this.rejectPrefix}${r.line}\t${copyField(r.reason)}\t${copyField(r.text)}\n`);
      return;
    }
    this.accepted++;
    if (r.flags.length > 0) this.flagged++;
    const id = this.ids.next();
    const recordId = r.values['record_id'] as string;
    if (this.ctx.seen.addSeen(recordId)) this.repeatsInFile = true;
    this.recordIds?.push(recordId);
    const { json, sha256 } = this.canonical.row(r.raw);
    const flags = r.flags.length === 0 ? '[]' : copyJson(JSON.stringify(r.flags));
    const markings = this.marked ? copyTextArray(recordMarkings(this.ctx.def, r.raw)) : '{}';
    this.records.add(`${id}${this.recordPrefix}${copyField(recordId)}${this.recordMiddle}${r.line}\t${this.receivedAt}\t${sha256}\t${copyJson(json)}\t${flags}\t${markings}\n`);
    this.typed.add(`${id}${this.typedLine(r.values)}\n`);
    this.id = id;
    emitFacts(this.ctx.def, r.raw, r.values, this);
  }

  identifier(role: string, kind: IdentifierKind, value: string, normalized: string, country: string | null, valid: boolean): void {
    this.identifiers.add(`${this.id}\t${role}\t${kind}\t${copyField(value)}\t${copyField(normalized)}\t${copyField(country)}\t${valid ? 't' : 'f'}\n`);
  }

  name(role: string, given: string | null, middle: string | null, family: string | null, full: string, key: string): void {
    this.names.add(`${this.id}\t${role}\t${copyField(given)}\t${copyField(middle)}\t${copyField(family)}\t${copyField(full)}\t${copyField(key)}\n`);
  }

  address(role: string, line1: string | null, line2: string | null, city: string | null, state: string | null, postal: string | null, country: string | null, normalized: string): void {
    this.addresses.add(
      `${this.id}\t${role}\t${copyField(line1)}\t${copyField(line2)}\t${copyField(city)}\t${copyField(state)}\t${copyField(postal)}\t${copyField(country)}\t${copyField(normalized)}\n`,
    );
  }

  relationship(fromRole: string, toRole: string, kind: string): void {
    this.relationships.add(`${this.id}\t${fromRole}\t${toRole}\t${kind}\n`);
  }

  build(): Chunk {
    return {
      records: this.records.take(),
      typed: this.typed.take(),
      identifiers: this.identifiers.take(),
      names: this.names.take(),
      addresses: this.addresses.take(),
      relationships: this.relationships.take(),
      rejects: this.rejects.take(),
      read: this.read,
      accepted: this.accepted,
      flagged: this.flagged,
      rejected: this.rejected,
      repeatsInFile: this.repeatsInFile,
      recordIds: this.recordIds,
    };
  }
}

/**
 * (values) => "\t" + field(values[c1]) + "\t" + ... for a source's typed columns, compiled once
 * per source. The generated code holds only column names from the source definition, each written
 * as a JSON string literal (see sources/record-shape.ts for the same technique).
 */
function typedLineWriter(columns: readonly string[]): (values: Record<string, RowValue>) => string {
  if (columns.includes('__proto__')) throw new Error('"__proto__" cannot be a column name');
  const body = `return ${columns.map((c) => `"\\t" + f(v[${JSON.stringify(c)}])`).join(' + ') || '""'};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- see above
  const line = new Function('v', 'f', body) as (v: Record<string, RowValue>, f: typeof copyField) => string;
  return (values) => line(values, copyField);
}
