import { Button, Center, Chip, Group, Loader, Pagination, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { ApiErrorAlert } from '../components/api-error-alert';
import { PageHeader } from '../layout/page-header';
import { PurposeControl } from '../profiles/purpose-control';
import { usePageTitle } from '../layout/use-page-title';
import { useRuns, useViolators } from './status-api';
import { CLASS_INFO, formatCount, RISK_LEVELS, VIOLATION_CLASSES, type RiskLevel } from './status-labels';
import {
  pageCount,
  VIOLATORS_PAGE_SIZE,
  violatorParamsFromSearch,
  violatorParamsToSearch,
  type ViolatorParams,
} from './status-params';
import { StatusTabs } from './status-tabs';
import { ViolatorsTable } from './violators-table';

interface FiltersProps {
  params: ViolatorParams;
  snapshots: string[];
  onApply: (p: ViolatorParams) => void;
}

// Every look at the list is an audited search of personal data, so text filters apply on
// submit, not per keystroke.
function Filters({ params, snapshots, onApply }: FiltersProps) {
  const [draft, setDraft] = useState(params);
  const apply = (p: Partial<ViolatorParams>) => onApply({ ...draft, ...p, page: 1 });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply({});
  };
  return (
    <Paper withBorder radius="md" p="md" component="form" onSubmit={submit} aria-label="Filter suspected violators">
      <Group align="flex-end" gap="sm">
        <Select
          label="Snapshot (as-of date)"
          placeholder="Latest run"
          data={snapshots}
          value={draft.asOf}
          onChange={(v) => {
            setDraft({ ...draft, asOf: v });
            apply({ asOf: v });
          }}
          clearable
          w={190}
        />
        <Select
          label="Violation"
          placeholder="Any violation"
          data={VIOLATION_CLASSES.map((c) => ({ value: c, label: CLASS_INFO[c].label }))}
          value={draft.violation}
          onChange={(violation) => {
            setDraft({ ...draft, violation });
            apply({ violation });
          }}
          clearable
          w={300}
        />
        <TextInput
          label="Class of admission"
          placeholder="e.g. B2, F1"
          value={draft.classOfAdmission}
          onChange={(e) => setDraft({ ...draft, classOfAdmission: e.currentTarget.value.toUpperCase() })}
          w={150}
        />
        <TextInput
          label="Country of citizenship"
          placeholder="e.g. IND"
          value={draft.country}
          onChange={(e) => setDraft({ ...draft, country: e.currentTarget.value.toUpperCase() })}
          maxLength={3}
          w={190}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Risk level
          </Text>
          <Chip.Group
            multiple
            value={draft.levels}
            onChange={(v) => {
              const levels = RISK_LEVELS.filter((l) => v.includes(l));
              setDraft({ ...draft, levels });
              apply({ levels });
            }}
          >
            <Group gap={6}>
              {RISK_LEVELS.map((l: RiskLevel) => (
                <Chip key={l} value={l} size="sm">
                  {l}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Stack>
        <Button type="submit">Apply</Button>
        <Button
          variant="subtle"
          onClick={() => {
            const cleared = { asOf: draft.asOf, violation: null, classOfAdmission: '', country: '', levels: [], page: 1 };
            setDraft(cleared);
            onApply(cleared);
          }}
        >
          Clear
        </Button>
      </Group>
    </Paper>
  );
}

/** /status/violators: suspected violators of a run, highest risk first, filtered and paged. */
export function ViolatorsPage() {
  usePageTitle('Suspected violators');
  const [sp, setSp] = useSearchParams();
  const params = violatorParamsFromSearch(sp);
  const runs = useRuns(false);
  const list = useViolators(params);
  const snapshots = [...new Set((runs.data?.runs ?? []).map((r) => r.asOf))].sort().reverse();
  const go = (p: ViolatorParams) => setSp(violatorParamsToSearch(p), { replace: p.page === params.page });
  const data = list.data;
  const first = (params.page - 1) * VIOLATORS_PAGE_SIZE + 1;
  return (
    <>
      <PageHeader
        title="Suspected violators"
        description="Persons with at least one admission in violation, ranked by a risk score; each point of the score is explained. Criminal and enforcement history is spelled out only under a stated purpose (or on your own leads). Every look at this list is recorded in the audit trail."
        actions={<PurposeControl />}
      />
      <StatusTabs />
      <Stack gap="md">
        <Filters key={sp.toString()} params={params} snapshots={snapshots} onApply={go} />
        {list.isPending && (
          <Center p="xl">
            <Loader />
          </Center>
        )}
        {list.error && <ApiErrorAlert error={list.error} title="Could not load the suspected violators" />}
        {data && !list.error && (
          <Paper withBorder radius="md" p="md">
            <Group justify="space-between" mb="sm">
              <Text size="sm" c="dimmed" data-testid="violators-summary">
                {data.total === 0
                  ? `No suspected violators match, as of ${data.run.asOf}.`
                  : `${formatCount(first)}–${formatCount(first + data.violators.length - 1)} of ${formatCount(data.total)} suspected violators as of ${data.run.asOf} (run ${data.run.id})`}
              </Text>
              {list.isFetching && <Loader size="xs" />}
            </Group>
            {data.violators.length > 0 && <ViolatorsTable violators={data.violators} asOf={data.run.asOf} />}
            {data.total > VIOLATORS_PAGE_SIZE && (
              <Group justify="center" mt="md">
                <Pagination
                  total={pageCount(data.total)}
                  value={params.page}
                  onChange={(page) => go({ ...params, page })}
                  aria-label="Pages of suspected violators"
                />
              </Group>
            )}
          </Paper>
        )}
      </Stack>
    </>
  );
}
