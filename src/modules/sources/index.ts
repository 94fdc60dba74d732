/** The sources module: what other modules may import (CONVENTIONS 1). */
export {
  COLUMN_TYPES,
  IDENTIFIER_KINDS,
  SENSITIVITIES,
  SourceFormatError,
  type ColumnSpec,
  type ColumnType,
  type DateOrderRule,
  type FlagCode,
  type IdentifierKind,
  type OpenedSource,
  type ReadOptions,
  type ReadResult,
  type RowFlag,
  type RowValue,
  type Sensitivity,
  type SourceDefinition,
  type SourceFormat,
  type ValidateOptions,
  type ValidateResult,
} from './source-types';
export { SOURCE_NAMES, getSource, isSourceName, listSources, type SourceName } from './registry';
export { COUNTRY_CODES, ISO_COUNTRY_CODES } from './countries';
export {
  IDENTIFIER_SHAPES,
  cleanName,
  compactIdentifier,
  dayNumber,
  isKnownCountry,
  isValidDate,
  isValidTimestamp,
  normalizeCountry,
  normalizeIdentifier,
  normalizeTimestamp,
  type NormalizedIdentifier,
} from './normalize';
export { LEGAL_PROCESS_COLUMN, recordMarkings, validateRow } from './validate';
export { checkFileLevelRequirements, checkHeader } from './header';
export { DEFAULT_MAX_RECORD_CHARS, openSourceFile, readSourceStream } from './readers';
export {
  FileGuard,
  preflightSourceFile,
  validateBatches,
  validateRows,
  type PreflightSummary,
  type ValidatedRow,
} from './validated-rows';
export { renderSourceDoc, renderSourcesIndex } from './docs';
export { csvLine, sampleRow, toCsv } from './samples';
