import { Alert, Button, Center, Group, Loader, Paper, SegmentedControl, Select, Tabs, Text } from '@mantine/core';
import { IconCircleCheck, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { LEAD_PRIORITIES, LEAD_TYPES } from '../../../src/modules/leads/leads.config';
import { useCurrentUser } from '../auth/session';
import { ApiErrorAlert } from '../components/api-error-alert';
import { PageHeader } from '../layout/page-header';
import { usePageTitle } from '../layout/use-page-title';
import { BulkAssignBar } from './bulk-assign';
import { canCreateLeads } from './create-lead-button';
import { TYPE_LABELS } from './lead-labels';
import { useLeadQueue } from './leads-api';
import { NewLeadModal } from './new-lead-modal';
import { paramsFromSearch, paramsToSearch, queueTabs, type QueueParams } from './queue-params';
import { QueueTable } from './queue-table';

function Filters({ params, onChange }: { params: QueueParams; onChange: (p: Partial<QueueParams>) => void }) {
  return (
    <Group px="md" py="sm" gap="sm" justify="space-between">
      <Group gap="sm">
        <Select
          aria-label="Priority"
          placeholder="Any priority"
          data={[...LEAD_PRIORITIES]}
          value={params.priority}
          onChange={(v) => onChange({ priority: v })}
          clearable
          w={160}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          aria-label="Type"
          placeholder="Any type"
          data={LEAD_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
          value={params.type}
          onChange={(v) => onChange({ type: v })}
          clearable
          w={180}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          Sort by
        </Text>
        <SegmentedControl
          aria-label="Sort by"
          size="xs"
          value={params.sort}
          onChange={(v) => onChange({ sort: v })}
          data={[
            { value: 'due', label: 'Due date' },
            { value: 'priority', label: 'Priority' },
            { value: 'updated', label: 'Last change' },
          ]}
        />
      </Group>
    </Group>
  );
}

export function QueuePage() {
  usePageTitle('Leads');
  const user = useCurrentUser();
  const tabs = queueTabs(user.roles, user.fieldOffice);
  const [search, setSearch] = useSearchParams();
  const params = paramsFromSearch(search, tabs);
  const queue = useLeadQueue(params);
  const [selected, setSelected] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const isSupervisor = user.roles.includes('supervisor');
  const update = (p: Partial<QueueParams>) => {
    setSelected([]);
    setSearch(paramsToSearch({ ...params, ...p }), { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Leads"
        description="Findings worked from research through supervisory review to a field-office outcome. Every read and change is recorded."
        actions={
          canCreateLeads(user.roles) && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)}>
              New lead
            </Button>
          )
        }
      />
      {notice && (
        <Alert color="green" icon={<IconCircleCheck />} withCloseButton onClose={() => setNotice(null)} mb="md" data-testid="leads-notice">
          {notice}
        </Alert>
      )}
      <Paper withBorder radius="md">
        <Tabs value={params.queue} onChange={(v) => v && update({ queue: v as QueueParams['queue'] })}>
          <Tabs.List px="md" pt="xs">
            {tabs.map((t) => (
              <Tabs.Tab key={t.queue} value={t.queue}>
                {t.label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        <Filters params={params} onChange={update} />
        {isSupervisor && selected.length > 0 && (
          <BulkAssignBar
            ids={selected}
            onDone={(m) => {
              setSelected([]);
              setNotice(m);
            }}
          />
        )}
        {queue.isPending && (
          <Center p="xl">
            <Loader />
          </Center>
        )}
        {queue.error && <ApiErrorAlert error={queue.error} title="Could not load the queue" />}
        {queue.data && (
          <QueueTable leads={queue.data.leads} selectable={isSupervisor} selected={selected} onSelect={setSelected} />
        )}
      </Paper>
      <NewLeadModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}
