import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../http/app';
import { AppError } from '../../shared/errors';
import { errorResponses } from '../../shared/http-schema';
import { listSources } from '../sources/registry';
import { getBatchWithRejects, listBatches } from './batches.service';
import { INGEST_POLICY } from './ingest.policy';
import { BatchSchema, IngestResultSchema, RejectSchema, SourceSummarySchema } from './ingest.schema';
import { ingestFile } from './ingest.service';

export function ingestRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { database, config } = deps;
  const read = { access: { auth: 'user', permission: INGEST_POLICY['ingest.read'] } } as const;
  const personalRead = { access: { ...read.access, personalData: true } } as const;

  void app.register(fastifyMultipart, { limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 5 } });

  r.get('/api/sources', {
    config: read,
    schema: { tags: ['imports'], summary: 'The source systems and their columns', response: { 200: z.object({ sources: z.array(SourceSummarySchema) }), ...errorResponses } },
  }, async () => ({
    sources: listSources().map((s) => ({
      name: s.name,
      system: s.system,
      title: s.title,
      description: s.description,
      requiresLegalProcess: s.requiresLegalProcess ?? false,
      columns: s.columns.map((c) => ({ name: c.name, required: c.required, contract: c.contract, description: c.description })),
    })),
  }));

  r.get('/api/imports', {
    config: read,
    schema: { tags: ['imports'], summary: 'Import batches, newest first', querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }), response: { 200: z.object({ batches: z.array(BatchSchema) }), ...errorResponses } },
  }, async (request) => ({ batches: await listBatches(database, request.ctx(), request.query.limit) }));

  r.get('/api/imports/:id', {
    config: personalRead,
    schema: { tags: ['imports'], summary: 'One batch with its rejected rows', params: z.object({ id: z.string().uuid() }), response: { 200: z.object({ batch: BatchSchema, rejects: z.array(RejectSchema) }), ...errorResponses } },
  }, async (request) => getBatchWithRejects(database, request.ctx(), request.params.id, 1000));

  r.post('/api/imports', {
    config: { access: { auth: 'user', permission: INGEST_POLICY['ingest.load'] } },
    schema: { tags: ['imports'], summary: 'Upload a source file (multipart: source, legalProcessRef?, file) and load it as one batch', consumes: ['multipart/form-data'], response: { 200: IngestResultSchema, ...errorResponses } },
  }, async (request) => {
    if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data.');
    const fields: Record<string, string> = {};
    let upload: { file: string; name: string } | null = null;
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-upload-'));
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const file = path.join(tmp, 'upload');
          await pipeline(part.file, fs.createWriteStream(file));
          if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${config.uploadLimitBytes} bytes.`);
          upload = { file, name: path.basename(part.filename || 'upload') };
        } else {
          fields[part.fieldname] = String(part.value);
        }
      }
      if (!upload) throw new AppError('BAD_REQUEST', 'Attach the file to load (field "file").');
      if (!fields['source']) throw new AppError('BAD_REQUEST', 'Say which source the file comes from (field "source").');
      const result = await ingestFile(database, request.ctx(), {
        source: fields['source'],
        file: upload.file,
        fileName: upload.name,
        ...(fields['legalProcessRef'] ? { legalProcessRef: fields['legalProcessRef'] } : {}),
      });
      // A search indexes only a small backlog itself; the server indexes the rest in the background.
      if (result.status === 'loaded') deps.searchIndexer.trigger('import');
      return result;
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
}
