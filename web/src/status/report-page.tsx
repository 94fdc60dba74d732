import { Alert, Button, Center, Group, Loader, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconFileTypeCsv, IconFileTypePdf } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { ApiErrorAlert } from '../components/api-error-alert';
import { PageHeader } from '../layout/page-header';
import { usePageTitle } from '../layout/use-page-title';
import { RateChart } from './rate-chart';
import { RateTable } from './rate-table';
import { useReport, useRuns, type ReportResponseView } from './status-api';
import { formatCount, formatRate } from './status-labels';
import { latestRun, reportFileUrl, reportParamsFromSearch, type ReportParams } from './status-params';
import { Stat } from './stat';
import { StatusTabs } from './status-tabs';

/** Bars per chart: the categories with the most expected departures; the tables list them all. */
const CHART_TOP = 10;

function Headline(props: Parameters<typeof Stat>[0]) {
  return (
    <Paper withBorder radius="md" p="md">
      <Stat {...props} />
    </Paper>
  );
}

function Report({ data }: { data: ReportResponseView }) {
  const { report, run } = data;
  const o = report.overall;
  return (
    <Stack gap="md" data-testid="report">
      <Text size="sm" c="dimmed" data-testid="report-scope">
        FY{report.fiscalYear}: admissions whose authorized end date fell between {report.firstDay} and {report.lastDay},
        as assessed on {run.asOf} (run {run.id} by {run.runBy}, rules configuration {run.configVersion}). Out-of-scope
        classes and land entries with no recorded exit are not expected departures.
      </Text>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Headline label="Expected departures" value={formatCount(o.expectedDepartures)} testId="report-expected" />
        <Headline label="Total overstays" value={formatCount(o.totalOverstays)} sub={`${formatRate(o.totalOverstayRate)} of expected departures`} testId="report-total" />
        <Headline label="Suspected in-country" value={formatCount(o.suspectedInCountryOverstays)} sub={`${formatRate(o.suspectedInCountryRate)} of expected departures`} testId="report-in-country" />
        <Headline label="Out-of-country overstays" value={formatCount(o.outOfCountryOverstays)} sub="left after their authorized end date" testId="report-out-of-country" />
      </SimpleGrid>
      {o.expectedDepartures === 0 && (
        <Alert color="yellow" data-testid="report-empty">
          No in-scope admission had its authorized end date in FY{report.fiscalYear} in this snapshot.
          {data.fiscalYears.length > 0 && ` This run has expected departures in FY${data.fiscalYears.join(', FY')}.`}
        </Alert>
      )}
      {o.expectedDepartures > 0 && (
        <SimpleGrid cols={{ base: 1, lg: 2 }} data-testid="report-charts">
          <RateChart title="Overstay rates by class of admission" what="classes of admission" rows={report.byClassOfAdmission} top={CHART_TOP} testId="chart-by-class" />
          <RateChart title="Overstay rates by country of citizenship" what="countries" rows={report.byCountry} top={CHART_TOP} testId="chart-by-country" />
        </SimpleGrid>
      )}
      <RateTable title="By class of admission" keyLabel="Class" rows={report.byClassOfAdmission} testId="report-by-class" />
      <RateTable title="By country of citizenship" keyLabel="Country" rows={report.byCountry} testId="report-by-country" />
      <Text size="xs" c="dimmed">
        Rates are rounded half-up to two decimals. A snapshot shrinks as late departure records arrive: run the same
        as-of date again to see their effect. The CSV and PDF downloads carry these figures and the classification marking.
      </Text>
    </Stack>
  );
}

/** /status/report: the fiscal-year overstay report (section 7 of the status rules) of a snapshot. */
export function ReportPage() {
  usePageTitle('Overstay report');
  const runs = useRuns(false);
  const [sp, setSp] = useSearchParams();
  const latest = runs.data ? latestRun(runs.data.runs) : null;
  const asked = sp.get('asOf');
  const params = asked || latest ? reportParamsFromSearch(sp, latest?.asOf ?? '') : null;
  const report = useReport(params);
  const set = (p: Partial<ReportParams>) => {
    if (!params) return;
    const next = { ...params, ...p };
    setSp(new URLSearchParams({ asOf: next.asOf, fy: String(next.fy) }), { replace: true });
  };
  const snapshots = [...new Set([...(runs.data?.runs ?? []).map((r) => r.asOf), ...(params ? [params.asOf] : [])])].sort().reverse();
  const years = [...new Set([...(report.data?.fiscalYears ?? []), ...(params ? [params.fy] : [])])].sort((a, b) => b - a);
  return (
    <>
      <PageHeader
        title="Fiscal-year overstay report"
        description="Expected departures, overstays and overstay rates of a fiscal year, counted as the DHS Entry/Exit Overstay Report counts them."
        actions={
          params && (
            <>
              <Button component="a" href={reportFileUrl(params, 'csv')} download variant="default" leftSection={<IconFileTypeCsv size={18} />} disabled={!report.data}>
                Download CSV
              </Button>
              <Button component="a" href={reportFileUrl(params, 'pdf')} download variant="default" leftSection={<IconFileTypePdf size={18} />} disabled={!report.data}>
                Download PDF
              </Button>
            </>
          )
        }
      />
      <StatusTabs />
      {runs.error && <ApiErrorAlert error={runs.error} title="Could not load the assessment runs" />}
      {runs.data && !params && (
        <Paper withBorder radius="md" p="lg" data-testid="no-runs">
          <Text fw={600}>No assessment has been run yet, so there is nothing to report.</Text>
          <Text size="sm" c="dimmed">The report is built from a run: run the assessment on the Assessment runs page first.</Text>
        </Paper>
      )}
      {params && (
        <Stack gap="md">
          <Group gap="md" align="flex-end">
            <Select
              label="Fiscal year"
              data={years.map((y) => ({ value: String(y), label: `FY${y} (Oct ${y - 1} – Sep ${y})` }))}
              value={String(params.fy)}
              onChange={(v) => v && set({ fy: Number(v) })}
              allowDeselect={false}
              w={240}
            />
            <Select
              label="Snapshot (as-of date of the run)"
              data={snapshots}
              value={params.asOf}
              onChange={(v) => v && set({ asOf: v })}
              allowDeselect={false}
              w={260}
            />
            {report.isFetching && <Loader size="sm" mb={8} />}
          </Group>
          {report.isPending && (
            <Center p="xl">
              <Loader />
            </Center>
          )}
          {report.error && <ApiErrorAlert error={report.error} title="Could not build the report" />}
          {report.data && !report.error && <Report data={report.data} />}
        </Stack>
      )}
    </>
  );
}
