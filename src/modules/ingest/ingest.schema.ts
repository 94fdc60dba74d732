import { z } from 'zod';

export const BatchSchema = z.object({
  id: z.string(),
  source: z.string(),
  fileName: z.string(),
  fileSize: z.number(),
  fileSha256: z.string(),
  format: z.enum(['csv', 'ndjson']),
  loadedBy: z.string(),
  legalProcessRef: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string(),
  rowsRead: z.number(),
  rowsAccepted: z.number(),
  rowsFlagged: z.number(),
  rowsRejected: z.number(),
  rowsSkipped: z.number(),
});
export type BatchView = z.infer<typeof BatchSchema>;

export const RejectSchema = z.object({ line: z.number(), reason: z.string(), rawText: z.string() });

export const IngestResultSchema = z.object({
  batchId: z.string(),
  source: z.string(),
  fileName: z.string(),
  fileSha256: z.string(),
  status: z.enum(['loaded', 'already_loaded']),
  rowsRead: z.number(),
  rowsAccepted: z.number(),
  rowsFlagged: z.number(),
  rowsRejected: z.number(),
  rowsSkipped: z.number(),
});

export const SourceSummarySchema = z.object({
  name: z.string(),
  system: z.string(),
  title: z.string(),
  description: z.string(),
  requiresLegalProcess: z.boolean(),
  columns: z.array(z.object({ name: z.string(), required: z.boolean(), contract: z.boolean(), description: z.string() })),
});
