import { Anchor, Badge, Button, Center, Group, Loader, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../components/api-error-alert';
import { PageHeader } from '../layout/page-header';
import { usePageTitle } from '../layout/use-page-title';
import { formatUtc } from '../lib/format';
import { packageUrl, usePersonSearch, useRecentDisclosures } from './privacy-api';

function FindPerson() {
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  // Searches are audited with their query, so search on submit, not on every keystroke.
  const results = usePersonSearch(q);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQ(text.trim());
  };
  const persons = results.data?.results.filter((r) => r.kind === 'person') ?? [];
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} size="h4" mb="sm">Find a person</Title>
      <form onSubmit={submit} aria-label="Find a person">
        <Group align="flex-end" gap="sm">
          <TextInput label="Name, date of birth or identifier" placeholder="e.g. Kalomirov 1990-02-14" leftSection={<IconSearch size={16} />} value={text} onChange={(e) => setText(e.currentTarget.value)} style={{ flex: 1 }} />
          <Button type="submit" disabled={text.trim().length < 2}>Find</Button>
        </Group>
      </form>
      {results.isFetching && <Loader size="sm" mt="sm" />}
      {results.error && <ApiErrorAlert error={results.error} title="Search failed" />}
      {results.data && persons.length === 0 && <Text size="sm" c="dimmed" mt="sm">Nobody matches “{q}”.</Text>}
      {persons.length > 0 && (
        <Table mt="sm" highlightOnHover data-testid="privacy-search-results">
          <Table.Thead>
            <Table.Tr><Table.Th>Person</Table.Th><Table.Th>Born</Table.Th><Table.Th>Citizenship</Table.Th><Table.Th>Records</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {persons.map((r) => (
              <Table.Tr key={r.entityId}>
                <Table.Td><Anchor component={Link} to={`persons/${r.entityId}`}>{r.displayName}</Anchor></Table.Td>
                <Table.Td>{r.birthDates.join(', ')}</Table.Td>
                <Table.Td>{r.citizenships.join(', ')}</Table.Td>
                <Table.Td>{r.records}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function RecentDisclosures() {
  const list = useRecentDisclosures();
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} size="h4" mb="sm">Recent disclosures</Title>
      {list.isPending && <Center><Loader /></Center>}
      {list.error && <ApiErrorAlert error={list.error} title="Could not load disclosures" />}
      {list.data?.disclosures.length === 0 && <Text size="sm" c="dimmed">No disclosures yet.</Text>}
      {list.data && list.data.disclosures.length > 0 && (
        <Table striped data-testid="recent-disclosures">
          <Table.Thead>
            <Table.Tr><Table.Th>Disclosure</Table.Th><Table.Th>When</Table.Th><Table.Th>Recipient</Table.Th><Table.Th>Basis</Table.Th><Table.Th>Individuals</Table.Th><Table.Th>By</Table.Th><Table.Th /></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.disclosures.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{d.ref}</Table.Td>
                <Table.Td>{formatUtc(d.disclosedAt, false)}</Table.Td>
                <Table.Td>{d.recipient.agency}</Table.Td>
                <Table.Td><Badge variant="light" color={d.accountable ? 'blue' : 'gray'}>{d.legalBasis.label}</Badge></Table.Td>
                <Table.Td>{d.individuals}</Table.Td>
                <Table.Td>{d.disclosedBy}</Table.Td>
                <Table.Td><Anchor href={packageUrl(d.id, 'pdf')} download>PDF</Anchor></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

export function PrivacyHome() {
  usePageTitle('Privacy Office');
  return (
    <>
      <PageHeader title="Privacy Office" description="Who has accessed a person, their accounting of disclosures, release decisions, and disclosures outside DHS." />
      <Stack gap="lg">
        <FindPerson />
        <RecentDisclosures />
      </Stack>
    </>
  );
}
