import { Alert, Button, Center, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import { useCurrentUser } from '../auth/session';
import { ApiErrorAlert } from '../components/api-error-alert';
import { PageHeader } from '../layout/page-header';
import { usePageTitle } from '../layout/use-page-title';
import { canRunAssessment, RunAssessmentModal } from './run-assessment-modal';
import { CurrentRunCard, RunsTable } from './run-summary';
import { StatusTabs } from './status-tabs';
import { useRuns, useStartRun, type StartRunResult } from './status-api';
import { formatCount, formatElapsed } from './status-labels';
import { latestRun } from './status-params';

function RunResult({ result, onClose }: { result: StartRunResult; onClose: () => void }) {
  return (
    <Alert color="green" icon={<IconCircleCheck />} withCloseButton onClose={onClose} mb="md" title={`Assessment as of ${result.asOf} finished`} data-testid="run-result">
      Run {result.id}: {formatCount(result.admissions)} admissions of {formatCount(result.persons)} persons assessed in{' '}
      {formatElapsed(result.elapsedMs)}; {formatCount(result.violators)} suspected violators.
      {result.supersededRunId && ` It replaces run ${result.supersededRunId} of the same date.`}
    </Alert>
  );
}

/** /status: the latest assessment run, earlier runs, and (for those allowed) a new run. */
export function RunsPage() {
  usePageTitle('Status');
  const user = useCurrentUser();
  const mayRun = canRunAssessment(user.roles);
  const runs = useRuns(true);
  const start = useStartRun();
  const [opened, setOpened] = useState(false);
  const list = runs.data?.runs ?? [];
  const latest = latestRun(list);
  const open = () => {
    start.reset();
    setOpened(true);
  };
  return (
    <>
      <PageHeader
        title="Status"
        description="Each admission assessed as of a date under the status rules: overstays and other violations of the terms of admission, with the rules that decided each."
        actions={
          mayRun && (
            <Button leftSection={<IconPlayerPlay size={18} />} onClick={open} loading={start.isPending}>
              Run assessment
            </Button>
          )
        }
      />
      <StatusTabs />
      {start.data && !opened && <RunResult result={start.data} onClose={() => start.reset()} />}
      {start.error && !opened && <ApiErrorAlert error={start.error} title="The assessment did not run" />}
      {runs.isPending && (
        <Center p="xl">
          <Loader />
        </Center>
      )}
      {runs.error && <ApiErrorAlert error={runs.error} title="Could not load the assessment runs" />}
      {runs.data && (
        <Stack gap="md">
          {latest ? (
            <CurrentRunCard run={latest} />
          ) : (
            <Paper withBorder radius="md" p="lg" data-testid="no-runs">
              <Text fw={600}>No assessment has been run yet.</Text>
              <Text size="sm" c="dimmed">
                {mayRun
                  ? 'Run one with Run assessment (or leadtrac assess --as-of YYYY-MM-DD) to see the report and the suspected violators.'
                  : 'An analyst or supervisor runs the assessment; the report and the suspected violators appear once they have.'}
              </Text>
            </Paper>
          )}
          <Paper withBorder radius="md" p="md">
            <Title order={2} size="h4" mb="sm">
              All runs
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              One run is kept per as-of date: running a date again replaces its results, and the earlier run stays here as superseded.
            </Text>
            <RunsTable runs={list} latestId={latest?.id ?? null} />
          </Paper>
        </Stack>
      )}
      {mayRun && <RunAssessmentModal opened={opened} onClose={() => setOpened(false)} run={start} runs={list} />}
    </>
  );
}
