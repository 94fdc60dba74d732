// Synthetic data for demos, tests and benchmarks (issue 3): a deterministic world of
// synthetic people written as the twelve source files, with ground truth beside them.
export { generateWorld, DEFAULT_AS_OF, MIN_PERSONS } from './generate';
export type { GenerateWorldOptions, WorldSummary } from './generate';
export { SOURCE_COLUMNS, SOURCE_NAMES, GROUND_TRUTH_COLUMNS } from './columns';
export type { SourceName } from './columns';
export { STATUS_CLASSES } from './types';
export type { StatusClass } from './types';
export { assessPerson, ORACLE_CONFIG } from './oracle';
export type { OraclePerson, OracleResult } from './oracle';
export { romanizeCyrillic, cyrillicSpellings } from './names/cyrillic';
export { romanizeHangul, hangulGivenSpellings, hangulFamilySpellings } from './names/hangul';
export { romanizeGreek, greekSpellings } from './names/greek';
export { pinyinToWadeGiles } from './names/chinese';
export { japaneseSpellings } from './names/japanese';
