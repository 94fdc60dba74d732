import { Alert, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { holds } from '../../../src/modules/auth/policy';
import type { Role } from '../../../src/modules/auth/roles';
import { STATUS_POLICY } from '../../../src/modules/status/status.policy';
import { ApiErrorAlert } from '../components/api-error-alert';
import type { RunView, useStartRun } from './status-api';
import { formatCount, formatElapsed } from './status-labels';

/** Who may run the assessment: the server's own status.run permission. */
export function canRunAssessment(roles: readonly Role[]): boolean {
  return holds(roles, STATUS_POLICY['status.run']);
}

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The clock, ticking every half second while `active`. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

interface RunAssessmentModalProps {
  opened: boolean;
  onClose: () => void;
  run: ReturnType<typeof useStartRun>;
  /** Current runs, to say which one a run of the same date replaces and how long the last took. */
  runs: readonly RunView[];
}

/** Choose the as-of date and run; shows the run while it works and any refusal in the server's words. */
export function RunAssessmentModal({ opened, onClose, run, runs }: RunAssessmentModalProps) {
  const [asOf, setAsOf] = useState<string | null>(todayUtc());
  const now = useNow(run.isPending);
  const elapsed = run.isPending ? Math.max(0, now - run.submittedAt) : 0;
  const replaces = runs.find((r) => r.current && r.asOf === asOf);
  const last = runs.find((r) => r.current && r.elapsedMs !== null);
  const submit = () => {
    if (!asOf) return;
    run.mutate({ asOf }, { onSuccess: onClose });
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Run assessment" centered closeOnClickOutside={!run.isPending}>
      <Stack gap="md">
        <Text size="sm">
          Every admission in the database is assessed as of the date you choose. Records dated after it (departures,
          decisions, SEVIS events) are ignored, so the same date always gives the same answer for the same records.
        </Text>
        <DateInput
          label="As-of date"
          description="The day the assessment looks from (YYYY-MM-DD, UTC)"
          valueFormat="YYYY-MM-DD"
          value={asOf}
          onChange={setAsOf}
          disabled={run.isPending}
          required
          data-autofocus
        />
        {replaces && !run.isPending && (
          <Alert color="yellow" data-testid="run-replaces">
            A run as of {asOf} already exists (run {replaces.id} by {replaces.runBy}). Running again replaces its
            results; the earlier run stays listed as superseded.
          </Alert>
        )}
        {run.isPending && (
          <Alert color="blue" icon={<Loader size="sm" />} data-testid="run-progress" title={`Assessing every admission as of ${run.variables?.asOf ?? asOf}…`}>
            {formatElapsed(elapsed)} so far.
            {last && ` The last run (${formatCount(last.admissions)} admissions) took ${formatElapsed(last.elapsedMs)}.`}{' '}
            The results appear when the whole run has been written; nothing changes until then.
          </Alert>
        )}
        {run.error && <ApiErrorAlert error={run.error} title="The assessment did not run" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {run.isPending ? 'Close (the run continues)' : 'Cancel'}
          </Button>
          <Button leftSection={<IconPlayerPlay size={16} />} onClick={submit} loading={run.isPending} disabled={!asOf}>
            Run assessment
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
