import { Alert, Badge, Button, Center, Group, Loader, Paper, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconDownload, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiErrorAlert } from '../components/api-error-alert';
import { PageHeader } from '../layout/page-header';
import { usePageTitle } from '../layout/use-page-title';
import { formatUtc } from '../lib/format';
import { DiscloseModal } from './disclose-modal';
import { accountingExportUrl, useAccessLog, useAccounting, type AccountingEntry } from './privacy-api';
import { ReleasePanel } from './release-panel';

const STATUS: Record<AccountingEntry['releaseStatus'], { color: string; label: string }> = {
  released: { color: 'green.8', label: 'Releasable' },
  withheld: { color: 'orange.8', label: 'Withheld' },
  never: { color: 'red.8', label: 'Never (b)(7)' },
  undecided: { color: 'dimmed', label: 'Undecided' },
};

function AccountingTable({ entries }: { entries: AccountingEntry[] }) {
  if (entries.length === 0) return <Text c="dimmed" p="md">No disclosure of this person's records outside DHS has been accounted for.</Text>;
  return (
    <Table striped data-testid="accounting-table">
      <Table.Thead>
        <Table.Tr><Table.Th>Date</Table.Th><Table.Th>Recipient</Table.Th><Table.Th>Legal basis</Table.Th><Table.Th>Purpose and nature</Table.Th><Table.Th>Records</Table.Th><Table.Th>Release</Table.Th></Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((e) => (
          <Table.Tr key={e.id}>
            <Table.Td>{e.date}<Text size="xs" c="dimmed">{e.disclosureRef}</Text></Table.Td>
            <Table.Td><Text size="sm" fw={600}>{e.recipient.agency}</Text><Text size="xs">{e.recipient.name}</Text><Text size="xs" c="dimmed">{e.recipient.address}</Text></Table.Td>
            <Table.Td><Text size="sm">{e.legalBasis.label}</Text><Text size="xs" c="dimmed">{e.legalBasis.citation}</Text></Table.Td>
            <Table.Td><Text size="sm">{e.purpose}</Text><Text size="xs" c="dimmed">{e.nature}</Text></Table.Td>
            <Table.Td>{e.records.length}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}><Text size="sm" fw={600} c={STATUS[e.releaseStatus].color}>{STATUS[e.releaseStatus].label}</Text></Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function AccessPanel({ id }: { id: string }) {
  const log = useAccessLog(id);
  if (log.isPending) return <Center p="xl"><Loader aria-label="Loading the access log" /></Center>;
  if (log.error) return <ApiErrorAlert error={log.error} title="Could not load who accessed this person" />;
  const { users, events, truncated } = log.data;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">From the audit log: every read, search, export, disclosure and refusal that named this person or one of their records.{truncated ? ' Showing the newest 500 events.' : ''}</Text>
      <Table striped data-testid="access-users">
        <Table.Thead><Table.Tr><Table.Th>User</Table.Th><Table.Th>Accesses</Table.Th><Table.Th>First</Table.Th><Table.Th>Last</Table.Th><Table.Th>What</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {users.map((u) => (
            <Table.Tr key={u.username}>
              <Table.Td fw={600}>{u.username}</Table.Td><Table.Td>{u.accesses}</Table.Td><Table.Td>{formatUtc(u.first, false)}</Table.Td><Table.Td>{formatUtc(u.last, false)}</Table.Td>
              <Table.Td>{u.actions.map((a) => <Badge key={a} variant="outline" mr={4}>{a}</Badge>)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Table data-testid="access-events">
        <Table.Thead><Table.Tr><Table.Th>When</Table.Th><Table.Th>User</Table.Th><Table.Th>Action</Table.Th><Table.Th>Outcome</Table.Th><Table.Th>Purpose stated</Table.Th><Table.Th>Through</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {events.slice(0, 100).map((e) => (
            <Table.Tr key={e.seq}>
              <Table.Td>{formatUtc(e.occurredAt)}</Table.Td><Table.Td>{e.actorUsername ?? '—'}</Table.Td><Table.Td>{e.action}</Table.Td>
              <Table.Td><Badge color={e.outcome === 'success' ? 'green' : 'red'} variant="light">{e.outcome}</Badge></Table.Td>
              <Table.Td>{e.purpose ?? ''}</Table.Td><Table.Td>{e.via === 'person' ? 'the person' : 'one of their records'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function PersonPrivacyPage() {
  const id = useParams().id ?? '';
  const accounting = useAccounting(id);
  const [disclosing, setDisclosing] = useState(false);
  const name = accounting.data?.person.displayName ?? 'Person';
  usePageTitle(`${name} — Privacy Office`);
  return (
    <>
      <PageHeader
        title={name}
        description={`Person ${id}`}
        actions={
          <>
            <Button variant="default" component="a" href={accountingExportUrl(id, 'pdf')} download leftSection={<IconDownload size={16} />}>Accounting (PDF)</Button>
            <Button leftSection={<IconSend size={16} />} onClick={() => setDisclosing(true)} disabled={!accounting.data}>Disclose…</Button>
          </>
        }
      />
      {accounting.error && <ApiErrorAlert error={accounting.error} title="Could not load this person" />}
      {accounting.data && (
        <Paper withBorder radius="md" p="md">
          <Tabs defaultValue="accounting" keepMounted={false}>
            <Tabs.List mb="md">
              <Tabs.Tab value="accounting">Accounting of disclosures ({accounting.data.entries.length})</Tabs.Tab>
              <Tabs.Tab value="access">Who has accessed</Tabs.Tab>
              <Tabs.Tab value="release">Release to the individual</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="accounting">
              <Stack gap="sm">
                <Group gap="xs"><Text size="sm" c="dimmed">Kept five years or the life of the record, whichever is longer; the database refuses changes and deletions.</Text></Group>
                <AccountingTable entries={accounting.data.entries} />
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="access"><AccessPanel id={id} /></Tabs.Panel>
            <Tabs.Panel value="release"><ReleasePanel id={id} entries={accounting.data.entries} /></Tabs.Panel>
          </Tabs>
        </Paper>
      )}
      {accounting.isPending && <Center p="xl"><Loader /></Center>}
      {accounting.data && <DiscloseModal opened={disclosing} onClose={() => setDisclosing(false)} person={accounting.data.person} />}
      {accounting.data?.entries.some((e) => e.releaseStatus === 'never') && (
        <Alert mt="md" color="red" variant="light" title="(b)(7) disclosures">Disclosures made at the written request of a law-enforcement agency head are never released to the individual.</Alert>
      )}
    </>
  );
}
