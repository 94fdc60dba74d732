import { DEFAULT_MAX_RECORD_CHARS } from './readers';
import { csvLine, sampleRow } from './samples';
import type { ColumnSpec, SourceDefinition } from './source-types';

/**
 * The docs in docs/sources/ are rendered from the definitions, so they cannot drift from what
 * the readers and the validator actually do (a unit test compares the files with this output).
 */

const GENERATED_NOTE =
  '<!-- Generated from src/modules/sources/definitions by `npx tsx src/modules/sources/write-docs.ts`. Do not edit by hand. -->';

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(s: string): string {
  return s === '' ? '' : `\`${s}\``;
}

function typeLabel(c: ColumnSpec): string {
  if (c.type === 'identifier' && c.identifierKind !== undefined)
    return `identifier (${c.identifierKind})`;
  if (c.type === 'enum') return 'enum';
  return c.type;
}

function meaning(c: ColumnSpec): string {
  const notes: string[] = [c.description];
  if (c.pattern !== undefined) notes.push(`Form: \`${c.pattern}\`.`);
  if (c.sensitivity !== undefined) notes.push(`Marked **${c.sensitivity}** (need to know).`);
  if (c.role !== undefined) notes.push(`Describes the ${c.role}.`);
  return notes.join(' ');
}

/**
 * A Markdown table with its columns padded to equal width, the way Prettier prints it, so the
 * generated files pass `prettier --check` without Prettier in the loop (it takes seconds).
 */
function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = head.map((h, i) => Math.max(3, h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `| ${widths.map((w, i) => (cells[i] ?? '').padEnd(w)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

function columnTable(def: SourceDefinition): string[] {
  return table(
    ['Column', 'Type', 'Required', 'Fixed by', 'Meaning', 'Example'],
    def.columns.map((c) => [
      `\`${c.name}\``,
      typeLabel(c),
      c.required ? 'yes' : 'no',
      c.contract ? 'contract' : 'LeadTrac',
      cell(meaning(c)),
      cell(code(c.example)),
    ]),
  );
}

function allowedValues(def: SourceDefinition): string[] {
  const enums = def.columns.filter((c) => c.type === 'enum');
  if (enums.length === 0) return [];
  return [
    '',
    '### Allowed values',
    '',
    'Matched without regard to case, spaces, `-` or `_` (`F-1` is read as `F1`, `walk in` as `WALK_IN`). Any other value is kept as received and flagged INVALID_ENUM.',
    '',
    ...enums.map((c) => `- \`${c.name}\`: ${(c.enumValues ?? []).join(', ')}`),
  ];
}

function typeRules(): string[] {
  return [
    '## Value types',
    '',
    '- `text`: kept as sent, surrounding spaces trimmed. `name`: trimmed, runs of spaces collapsed; letters and case never changed.',
    '- `date`: a real calendar date `YYYY-MM-DD` (1956-02-30 and 2023-02-29 are not; 2024-02-29 is). Otherwise flagged INVALID_DATE.',
    '- `timestamp`: ISO 8601 date-time, e.g. `2026-01-14T18:22:05Z` or `2026-01-14T13:22:05-05:00`; one without an offset is read as UTC. Otherwise INVALID_TIMESTAMP.',
    '- `country`: ISO 3166-1 alpha-3 (`USA`, `NGA`), or XXA/XXB/XXC/XXX for stateless persons and refugees. Otherwise UNKNOWN_COUNTRY.',
    '- `identifier`: compared upper-case without spaces or dashes; a value without the expected shape is flagged INVALID_IDENTIFIER.',
    '- `integer`, `decimal`: digits with an optional sign (and decimal point). Otherwise INVALID_NUMBER.',
    '- `sex`: M, F, X or U (MALE/FEMALE accepted). `flag`: Y or N (YES/NO, TRUE/FALSE, 1/0 accepted).',
  ];
}

function badInputRules(def: SourceDefinition): string[] {
  const required = def.columns.filter((c) => c.required).map((c) => `\`${c.name}\``);
  const order = (def.dateOrder ?? []).map((r) => `\`${r.later}\` before \`${r.earlier}\``);
  return [
    '## File rules and bad input',
    '',
    '- CSV with a header row (UTF-8, comma-separated, RFC 4180 quoting: fields holding a comma, quote or line break are quoted, quotes doubled), or NDJSON: one JSON object per line with the same field names. The format is recognised from the first character. A UTF-8 byte-order mark and CRLF line ends are accepted; blank lines are skipped.',
    '- Column names are matched exactly (case matters; spaces around a name are ignored); columns may come in any order. Columns not listed here are allowed and kept with the record.',
    `- Required columns: ${required.join(', ')}. A file whose header lacks one is refused before any row is read, with a message naming the missing columns and listing the expected ones.`,
    ...(def.fileRules ?? []).map((r) => `- ${r}`),
    '- A row that cannot be read at all (no `record_id`, broken quoting, wrong number of fields, a line that is not a JSON object) is rejected with its line number, the reason and its text as received; the rest of the file is loaded. When an unclosed quote runs past the end of its line, only that first line is rejected and reading resumes on the next one.',
    `- A record longer than ${DEFAULT_MAX_RECORD_CHARS.toLocaleString('en-US')} characters is rejected; the reject keeps its first ${DEFAULT_MAX_RECORD_CHARS.toLocaleString('en-US')} characters.`,
    '- A value that is present but malformed is kept exactly as received and flagged as a data-quality issue (field, code, message); the row is loaded. An empty required value (other than `record_id`) is flagged MISSING_REQUIRED; the row is loaded.',
    ...(order.length > 0
      ? [`- Cross-field checks, flagged DATE_ORDER when both dates are valid: ${order.join('; ')}.`]
      : []),
  ];
}

function privacy(def: SourceDefinition): string[] {
  const marked = def.columns.filter((c) => c.sensitivity !== undefined);
  const markings = [
    ...(def.recordSensitivity !== undefined
      ? [`every record is marked **${def.recordSensitivity}**`]
      : []),
    ...marked.map((c) => `\`${c.name}\` → **${c.sensitivity}**`),
  ];
  return [
    '## Privacy Act',
    '',
    `- Exemptions carried from the originating system: ${def.exemptions.length > 0 ? def.exemptions.join(', ') : "none of its own (LeadTrac's own exemptions apply)"}.`,
    `- Record markings (need to know): ${markings.length > 0 ? markings.join('; ') : 'none beyond the system marking'}.`,
    ...(def.requiresLegalProcess === true
      ? ['- Records are obtained only via lawful process; each names it in `legal_process_ref`.']
      : []),
  ];
}

function sample(def: SourceDefinition): string[] {
  const names = def.columns.map((c) => c.name);
  const row = sampleRow(def);
  return [
    '## Sample',
    '',
    'CSV (synthetic):',
    '',
    '```csv',
    csvLine(names),
    csvLine(names.map((n) => row[n] ?? '')),
    '```',
    '',
    'The same row as NDJSON (one object per line):',
    '',
    '```ndjson',
    JSON.stringify(row),
    '```',
  ];
}

/** The Markdown page documenting one source. */
export function renderSourceDoc(def: SourceDefinition): string {
  const lines = [
    GENERATED_NOTE,
    '',
    `# ${def.title} (\`${def.name}\`)`,
    '',
    `Source system: **${def.system}**. Load with \`npx leadtrac ingest ${def.name} <file…>\`.`,
    '',
    def.description,
    '',
    '## Columns',
    '',
    ...columnTable(def),
    ...allowedValues(def),
    '',
    ...badInputRules(def),
    '',
    ...typeRules(),
    '',
    ...privacy(def),
    '',
    ...sample(def),
  ];
  return `${lines.join('\n')}\n`;
}

/** docs/sources/README.md: the index of all sources. */
export function renderSourcesIndex(defs: readonly SourceDefinition[]): string {
  const rows = defs.map((d) => [
    `[\`${d.name}\`](${d.name}.md)`,
    d.system,
    cell(d.title),
    d.columns
      .filter((c) => c.required)
      .map((c) => `\`${c.name}\``)
      .join(', '),
  ]);
  const lines = [
    GENERATED_NOTE,
    '',
    '# Source files',
    '',
    'LeadTrac ingests files from the record sources named in its system of records notice. Each file is CSV with a header row or NDJSON (one JSON object per line), UTF-8, with dates `YYYY-MM-DD`, timestamps ISO 8601 and countries ISO 3166-1 alpha-3. Every source has `record_id`, unique within the source system; a row without it is rejected.',
    '',
    'Load a file with `npx leadtrac ingest <source> <file…>`.',
    '',
    ...table(['Source', 'System', 'What it holds', 'Required columns'], rows),
    '',
    '## Bad input, in short',
    '',
    '- Nothing received is lost. A row that cannot be read (no `record_id`, broken quoting, wrong number of fields, invalid JSON) is rejected with its line number, reason and text, and the rest of the file is loaded.',
    '- A malformed value (an impossible date, odd characters in a passport number, an unknown country code, a value outside a list) is kept exactly as received and flagged; the row is loaded and stays searchable.',
    '- A file in the wrong format is refused with a message naming the missing required columns and listing the expected ones.',
    '- Call detail records (`cdr`) without a legal process reference on every row are refused entirely unless a file-level reference is supplied.',
    '',
    'In each page, "Fixed by: contract" marks the columns whose names and meanings are fixed by agreement with the sending system; "LeadTrac" marks our own layout for systems without a fixed extract (more optional columns may be added to either).',
  ];
  return `${lines.join('\n')}\n`;
}
