export { ingestFile, fileDigest } from './ingest.service';
export type { IngestOptions, IngestResult } from './ingest.service';
export { INGEST_POLICY } from './ingest.policy';
