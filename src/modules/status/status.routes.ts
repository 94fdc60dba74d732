import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../http/app';
import { errorResponses } from '../../shared/http-schema';
import { runAssessment, SEPARATE_READER_CONNECTIONS } from './assess-run';
import { personStatus } from './person-status';
import { renderReportCsv } from './report-csv';
import { renderReportPdf } from './report-pdf';
import { fiscalYearReportOf, listRuns, listViolators, presentRun } from './status.service';
import { STATUS_POLICY } from './status.policy';
import {
  PersonStatusResponse,
  ReportQuery,
  ReportResponse,
  RunSchema,
  StartRunBody,
  ViolatorsQuery,
  ViolatorsResponse,
} from './status.schema';

const read = { access: { auth: 'user', permission: STATUS_POLICY['status.read'] } } as const;
const personalRead = { access: { ...read.access, personalData: true } } as const;
const tags = ['status'];

export function statusRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { database, config } = deps;

  r.post('/api/status/runs', {
    config: { access: { auth: 'user', permission: STATUS_POLICY['status.run'] } },
    schema: {
      tags,
      summary: 'Assess every admission as of a date (replaces an earlier run of the same date)',
      body: StartRunBody,
      response: { 200: RunSchema.extend({ supersededRunId: z.string().nullable() }), ...errorResponses },
    },
  }, async (request) => {
    const result = await runAssessment(database, request.ctx(), {
      asOf: request.body.asOf,
      separateReader: config.dbPoolMax >= SEPARATE_READER_CONNECTIONS + 2,
    });
    return { ...presentRun(result.run), supersededRunId: result.supersededRunId };
  });

  r.get('/api/status/runs', {
    config: read,
    schema: {
      tags,
      summary: 'Assessment runs, newest as-of date first',
      querystring: z.object({
        limit: z.coerce.number().int().min(1).max(500).default(50),
        includeSuperseded: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
      }),
      response: { 200: z.object({ runs: z.array(RunSchema) }), ...errorResponses },
    },
  }, async (request) => ({ runs: await listRuns(database, request.ctx(), request.query) }));

  r.get('/api/status/report', {
    config: read,
    schema: { tags, summary: 'The fiscal-year overstay report (DHS method) of a snapshot', querystring: ReportQuery, response: { 200: ReportResponse, ...errorResponses } },
  }, async (request) => fiscalYearReportOf(database, request.ctx(), request.query));

  r.get('/api/status/report.csv', {
    config: read,
    schema: { tags, summary: 'The fiscal-year report as CSV (marked)', querystring: ReportQuery, produces: ['text/csv'] },
  }, async (request, reply) => {
    const { run, report } = await fiscalYearReportOf(database, request.ctx(), { ...request.query, format: 'csv' });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="overstay-report-fy${report.fiscalYear}-${run.asOf}.csv"`)
      .send(renderReportCsv(report, run));
  });

  r.get('/api/status/report.pdf', {
    config: read,
    schema: { tags, summary: 'The fiscal-year report as PDF (banner on every page)', querystring: ReportQuery, produces: ['application/pdf'] },
  }, async (request, reply) => {
    const { run, report } = await fiscalYearReportOf(database, request.ctx(), { ...request.query, format: 'pdf' });
    const pdf = await renderReportPdf(report, run);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="overstay-report-fy${report.fiscalYear}-${run.asOf}.pdf"`)
      .send(pdf);
  });

  r.get('/api/status/violators', {
    config: personalRead,
    schema: { tags, summary: 'Suspected violators ranked by risk, each factor explained', querystring: ViolatorsQuery, response: { 200: ViolatorsResponse, ...errorResponses } },
  }, async (request) => listViolators(database, request.ctx(), request.query));

  r.get('/api/persons/:id/status', {
    config: personalRead,
    schema: {
      tags,
      summary: "A person's admissions with class, AED, days, flags and the rules that decided them",
      params: z.object({ id: z.string().uuid() }),
      querystring: z.object({ asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
      response: { 200: PersonStatusResponse, ...errorResponses },
    },
  }, async (request) => personStatus(database, request.ctx(), request.params.id, { asOf: request.query.asOf }));
}
