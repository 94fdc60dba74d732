import { AppError } from '../../shared/errors';

/**
 * The source data model as data (CONVENTIONS 12): every source system's columns are declared
 * once here and read by the readers, the validator, the generated docs, ingest and the demo
 * generator.
 */

export const COLUMN_TYPES = [
  'text',
  'name',
  'date',
  'timestamp',
  'country',
  'enum',
  'integer',
  'decimal',
  'identifier',
  'sex',
  'flag',
] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export const IDENTIFIER_KINDS = [
  'passport',
  'visa_foil',
  'a_number',
  'sevis_id',
  'fin',
  'ssn',
  'admission_number',
  'receipt_number',
  'phone',
  'email',
  'vehicle_plate',
  'legal_process',
  // Organization identifiers; the core model's identifiers table knows these kinds too.
  'school_code',
  'dso_id',
] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** Record-level markings: a row with a non-empty value in such a column needs need-to-know. */
export const SENSITIVITIES = ['SSN', 'FINANCIAL', 'CRIMINAL', 'CDR', 'INFORMANT'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly identifierKind?: IdentifierKind;
  /** Allowed values for `enum` columns, in their canonical spelling (matched case-insensitively). */
  readonly enumValues?: readonly string[];
  /** A row lacking a value here is flagged MISSING_REQUIRED (record_id: rejected). */
  readonly required: boolean;
  /** True for the columns whose names and meanings are fixed by the contract with the sender. */
  readonly contract: boolean;
  readonly sensitivity?: Sensitivity;
  /** Whose attribute this is ('subject' unless said): 'school', 'dso', 'employer', 'tipster'... */
  readonly role?: string;
  /** For passport numbers: the column holding the issuing country. */
  readonly issuingCountryColumn?: string;
  /** Extra shape rule for `text` columns (a RegExp source, whole value); failures are flagged. */
  readonly pattern?: string;
  readonly description: string;
  /** A synthetic example value (used in the docs and the generated samples). */
  readonly example: string;
}

/** A cheap cross-field rule: `earlier` must not be after `later` when both are valid dates. */
export interface DateOrderRule {
  readonly earlier: string;
  readonly later: string;
}

export interface SourceDefinition {
  /** The command-line name (`leadtrac ingest <name>`). */
  readonly name: string;
  /** The source system ('ADIS', 'SEVIS', 'CCD', 'CLAIMS 3', 'EID', 'TECS', 'IDENT', ...). */
  readonly system: string;
  readonly title: string;
  readonly description: string;
  readonly columns: readonly ColumnSpec[];
  /**
   * Privacy Act exemptions the records carry from their originating system of records (NPRM:
   * "records received from another system carry that system's exemptions too"). Empty when the
   * source system claims none of its own.
   */
  readonly exemptions: readonly string[];
  /** A marking every record of this source carries, whatever its columns hold (cdr: CDR). */
  readonly recordSensitivity?: Sensitivity;
  /** Every row must name the lawful process (subpoena, court order) it was obtained under. */
  readonly requiresLegalProcess?: boolean;
  readonly dateOrder?: readonly DateOrderRule[];
  /** File-level rules in words, for the generated docs. */
  readonly fileRules?: readonly string[];
}

export type FlagCode =
  | 'INVALID_DATE'
  | 'INVALID_TIMESTAMP'
  | 'UNKNOWN_COUNTRY'
  | 'INVALID_IDENTIFIER'
  | 'INVALID_ENUM'
  | 'INVALID_NUMBER'
  | 'INVALID_SEX'
  | 'INVALID_FLAG'
  | 'INVALID_FORMAT'
  | 'MISSING_REQUIRED'
  | 'DATE_ORDER';

/** A data-quality issue in an accepted row: the value is kept exactly as received. */
export interface RowFlag {
  readonly field: string;
  readonly code: FlagCode;
  readonly message: string;
  /** The value as received. */
  readonly value: string;
}

export type RowValue = string | number | null;

export type ValidateResult =
  | { ok: true; values: Record<string, RowValue>; flags: RowFlag[] }
  | {
      ok: false;
      reason: string;
      /**
       * Set when this row makes the WHOLE FILE unacceptable (a cdr row without a legal process
       * reference and no file-level reference): the ingest must refuse the batch, not just the row.
       */
      refuseFile?: true;
    };

export interface ValidateOptions {
  /** A file-level legal process reference, used for rows that carry none (cdr). */
  readonly legalProcessRef?: string;
}

export type SourceFormat = 'csv' | 'ndjson';

export interface ReadOptions extends ValidateOptions {
  readonly format?: SourceFormat | 'auto';
  /** Longest record accepted, in characters (bounds memory on a file without line breaks). */
  readonly maxRecordChars?: number;
}

/** One record read from a file: either its fields by column name, or why it could not be read. */
export type ReadResult =
  | { line: number; raw: Record<string, string>; text: string }
  | { line: number; error: string; text: string };

export interface OpenedSource {
  readonly format: SourceFormat;
  /** The column names as found (CSV header, or the keys of the first NDJSON object). */
  readonly header: string[];
  readonly rows: AsyncIterable<ReadResult>;
  /** The same rows, one chunk's worth (a few hundred) at a time. Iterate `rows` OR `batches`. */
  readonly batches: AsyncIterable<ReadResult[]>;
  /** Releases the file if the rows are not read to the end. */
  close(): Promise<void>;
}

/** The file cannot be ingested at all: wrong format, missing required columns, no legal process. */
export class SourceFormatError extends AppError {
  constructor(
    message: string,
    readonly missingColumns: readonly string[] = [],
    code: 'SOURCE_FORMAT' | 'LEGAL_PROCESS_REQUIRED' = 'SOURCE_FORMAT',
  ) {
    super(code, message, missingColumns.length > 0 ? { missingColumns } : undefined);
    this.name = 'SourceFormatError';
  }
}
