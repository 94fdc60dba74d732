import { createReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  GROUND_TRUTH_COLUMNS,
  SOURCE_COLUMNS,
  SOURCE_NAMES,
  type SourceName,
  type SourceRow,
} from './columns';
import { CsvSink, TextSink } from './csv-sink';
import type { IdFactory } from './ids';

// Every file the generator writes goes through here: the twelve source files, the ground
// truth beside them, and the sections of planted.json (spooled to temporary files while
// the world is generated, then stitched together, so memory stays flat at any size).

export type TruthRole = 'subject' | 'dso' | 'tipster';

export interface TruthRef {
  readonly personId: string;
  readonly role: TruthRole;
  readonly variations: readonly string[];
}

export const PLANTED_SECTIONS = [
  'families',
  'associates',
  'call_rings',
  'tips',
  'deconfliction_overlaps',
  'expected_leads',
  'lead_traps',
  'fraudulent_schools',
  'dsos',
  'passport_renewals',
  'duplicates',
] as const;
export type PlantedSection = (typeof PLANTED_SECTIONS)[number];

interface VariantRecord {
  source: SourceName;
  record_id: string;
  variations: readonly string[];
}

export class WorldOutput {
  private readonly sources = new Map<SourceName, CsvSink>();
  private readonly persons: CsvSink;
  private readonly status: CsvSink;
  private readonly sections = new Map<PlantedSection, { sink: TextSink; count: number }>();
  private readonly unitVariants = new Map<string, VariantRecord[]>();
  readonly variationCounts = new Map<string, number>();

  private constructor(
    readonly dir: string,
    private readonly ids: IdFactory,
  ) {
    for (const s of SOURCE_NAMES)
      this.sources.set(s, new CsvSink(join(dir, `${s}.csv`), SOURCE_COLUMNS[s]));
    this.persons = new CsvSink(
      join(dir, 'ground-truth', 'persons.csv'),
      GROUND_TRUTH_COLUMNS.persons,
    );
    this.status = new CsvSink(join(dir, 'ground-truth', 'status.csv'), GROUND_TRUTH_COLUMNS.status);
    for (const section of PLANTED_SECTIONS) {
      this.sections.set(section, {
        sink: new TextSink(join(dir, 'ground-truth', `.planted-${section}.ndjson`)),
        count: 0,
      });
    }
  }

  static async open(dir: string, ids: IdFactory): Promise<WorldOutput> {
    await mkdir(join(dir, 'ground-truth'), { recursive: true });
    return new WorldOutput(dir, ids);
  }

  /** Write one source row; returns its record_id. */
  emit<S extends SourceName>(source: S, row: SourceRow<S>, truth: readonly TruthRef[]): string {
    const recordId = this.ids.recordId(source);
    const columns = SOURCE_COLUMNS[source] as readonly string[];
    const values = row as Record<string, string | undefined>;
    const fields = new Array<string>(columns.length);
    fields[0] = recordId;
    for (let i = 1; i < columns.length; i++) fields[i] = values[columns[i] as string] ?? '';
    (this.sources.get(source) as CsvSink).writeRow(fields);
    for (const t of truth) {
      this.persons.writeRow([source, recordId, t.personId, t.role, t.variations.join(';')]);
      if (t.variations.length === 0) continue;
      for (const v of t.variations)
        this.variationCounts.set(v, (this.variationCounts.get(v) ?? 0) + 1);
      let list = this.unitVariants.get(t.personId);
      if (!list) this.unitVariants.set(t.personId, (list = []));
      list.push({ source, record_id: recordId, variations: t.variations });
    }
    return recordId;
  }

  writeStatus(fields: readonly string[]): void {
    this.status.writeRow(fields);
  }

  planted(section: PlantedSection, entry: unknown): void {
    const s = this.sections.get(section);
    if (!s) throw new Error(`unknown planted section ${section}`);
    s.sink.write(`${JSON.stringify(entry)}\n`);
    s.count++;
  }

  /** At the end of each unit: record which persons' records carry variants. */
  endUnit(): void {
    for (const [personId, records] of this.unitVariants)
      this.planted('duplicates', { true_person_id: personId, records });
    this.unitVariants.clear();
  }

  async relieve(): Promise<void> {
    for (const sink of this.allSinks()) if (sink.blocked) await sink.drained();
    for (const { sink } of this.sections.values()) if (sink.blocked) await sink.drained();
  }

  rowCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [s, sink] of this.sources) out[`${s}.csv`] = sink.rows;
    out['ground-truth/persons.csv'] = this.persons.rows;
    out['ground-truth/status.csv'] = this.status.rows;
    return out;
  }

  sectionCounts(): Record<string, number> {
    return Object.fromEntries([...this.sections].map(([k, v]) => [k, v.count]));
  }

  /** Close every file and stitch planted.json from its sections after `head`. */
  async close(head: Record<string, unknown>): Promise<void> {
    for (const sink of this.allSinks()) await sink.close();
    for (const { sink } of this.sections.values()) await sink.close();
    const out = new TextSink(join(this.dir, 'ground-truth', 'planted.json'));
    const headJson = JSON.stringify(head, null, 2);
    out.write(`${headJson.slice(0, -2)},\n`);
    let first = true;
    for (const section of PLANTED_SECTIONS) {
      out.write(`${first ? '' : ',\n'}  ${JSON.stringify(section)}: [`);
      first = false;
      const path = join(this.dir, 'ground-truth', `.planted-${section}.ndjson`);
      let n = 0;
      const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
      for await (const line of lines) {
        if (!line) continue;
        out.write(`${n++ === 0 ? '\n' : ',\n'}    ${line}`);
        if (out.blocked) await out.drained();
      }
      out.write(n ? '\n  ]' : ']');
      await rm(path);
    }
    out.write('\n}\n');
    await out.close();
  }

  private allSinks(): CsvSink[] {
    return [...this.sources.values(), this.persons, this.status];
  }
}
