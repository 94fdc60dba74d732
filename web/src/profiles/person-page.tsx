import { Badge, Center, Group, Loader, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiErrorAlert } from '../components/api-error-alert';
import { PageHeader } from '../layout/page-header';
import { usePageTitle } from '../layout/use-page-title';
import { EventTable, FieldRow, RelatedList, Section, SourcedList } from './profile-parts';
import { usePerson, type PersonProfile } from './profiles-api';
import { SubjectLeadsPanel } from '../leads';
import { PersonStatusPanel } from '../status';
import { EntityActions } from '../resolve/entity-actions';
import { MaskedNotice, PurposeControl } from './purpose-control';
import { RecordDrawer, SourceBadges } from './record-drawer';

type Open = (ref: string) => void;

function Identity({ p, onOpen }: { p: PersonProfile; onOpen: Open }) {
  return (
    <Section title="Identity" testId="identity">
      <Table>
        <Table.Tbody>
          <FieldRow label="Names and aliases" field={p.names} onOpen={onOpen} />
          <FieldRow label="Date of birth" field={p.birthDates} onOpen={onOpen} />
          <FieldRow label="Place of birth" field={p.birthCountries} onOpen={onOpen} />
          <FieldRow label="Citizenship" field={p.citizenships} onOpen={onOpen} />
          <FieldRow label="Sex" field={p.sex} onOpen={onOpen} />
        </Table.Tbody>
      </Table>
    </Section>
  );
}

function Identifiers({ p, onOpen }: { p: PersonProfile; onOpen: Open }) {
  return (
    <Section title="Identifiers" count={p.identifiers.length} testId="identifiers">
      {p.identifiers.length === 0 ? <Text size="sm" c="dimmed">None recorded.</Text> : (
        <Table fz="sm">
          <Table.Tbody>
            {p.identifiers.map((i) => (
              <Table.Tr key={`${i.kind}${i.value}`}>
                <Table.Td w={130}><Text size="sm" c="dimmed">{i.label}</Text></Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace" fw={500}>{i.value} {!i.valid && <Badge size="xs" color="yellow" variant="light">malformed</Badge>}</Text>
                </Table.Td>
                <Table.Td><SourceBadges sources={i.sources} onOpen={onOpen} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

function Contact({ p, onOpen }: { p: PersonProfile; onOpen: Open }) {
  return (
    <Section title="Addresses, phones and employers" testId="contact">
      <SimpleGrid cols={2}>
        <Stack gap={4}><Text size="xs" c="dimmed" tt="uppercase">Addresses</Text><SourcedList values={p.addresses} onOpen={onOpen} /></Stack>
        <Stack gap={4}>
          <Text size="xs" c="dimmed" tt="uppercase">Phones and e-mail</Text>
          <SourcedList values={[...p.phones, ...p.emails]} onOpen={onOpen} />
          <Text size="xs" c="dimmed" tt="uppercase" mt="sm">Employers</Text>
          <SourcedList values={p.employers} onOpen={onOpen} />
          <Text size="xs" c="dimmed" tt="uppercase" mt="sm">Photos</Text>
          <SourcedList values={p.photos} onOpen={onOpen} />
        </Stack>
      </SimpleGrid>
    </Section>
  );
}

function Sections({ p, onOpen }: { p: PersonProfile; onOpen: Open }) {
  const callsNote = p.calls.withheld ? `${p.calls.count} call detail record${p.calls.count === 1 ? '' : 's'} withheld: state a purpose to see them.` : 'None.';
  return (
    <Stack gap="md">
      <Section title="Travel history (admissions, departures, crossings)" count={p.travel.length} testId="travel"><EventTable items={p.travel} onOpen={onOpen} /></Section>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Section title="Visas" count={p.visas.length}><EventTable items={p.visas} onOpen={onOpen} /></Section>
        <Section title="Benefit applications" count={p.benefits.length}><EventTable items={p.benefits} onOpen={onOpen} /></Section>
      </SimpleGrid>
      <Section title="SEVIS history" count={p.sevis.length} testId="sevis"><EventTable items={p.sevis} onOpen={onOpen} /></Section>
      <Section title="Enforcement and criminal history" count={p.enforcement.length} testId="enforcement"><EventTable items={p.enforcement} onOpen={onOpen} /></Section>
      <Section title="Biometric encounters" count={p.encounters.length}><EventTable items={p.encounters} onOpen={onOpen} /></Section>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Section title="Tips" count={p.tips.count} testId="tips"><EventTable items={p.tips.items} onOpen={onOpen} /></Section>
        <Section title="Call detail records" count={p.calls.count} testId="calls">
          {p.calls.items.length > 0 ? <EventTable items={p.calls.items} onOpen={onOpen} /> : <Text size="sm" c={p.calls.withheld ? 'orange.8' : 'dimmed'}>{callsNote}</Text>}
        </Section>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Section title="Associates" count={p.associates.length} testId="associates"><RelatedList items={p.associates} onOpen={onOpen} empty="No associates on shared records." /></Section>
        <Section title="Organizations" count={p.organizations.length} testId="organizations"><RelatedList items={p.organizations} onOpen={onOpen} empty="No schools or employers linked." /></Section>
      </SimpleGrid>
      <Section title="Source records" count={p.records.length}>
        <SourceBadges sources={p.records} onOpen={onOpen} />
        {p.withheldRecords > 0 && <Text size="xs" c="orange.8" mt="xs">{p.withheldRecords} more record{p.withheldRecords === 1 ? '' : 's'} withheld without a stated purpose.</Text>}
      </Section>
    </Stack>
  );
}

export function PersonPage() {
  const { id = '' } = useParams();
  const q = usePerson(id);
  const [open, setOpen] = useState<string | null>(null);
  usePageTitle(q.data?.person.displayName ?? 'Person');
  if (q.isPending) return <Center p="xl"><Loader /></Center>;
  if (q.error) return <ApiErrorAlert error={q.error} />;
  const p = q.data;
  return (
    <>
      <PageHeader
        title={p.person.displayName}
        description={<Group gap="xs"><Badge variant="light">person</Badge><Text span size="sm" c="dimmed">{p.records.length} source records · every value shows the records it came from; click one to open it.</Text></Group>}
        actions={<Group gap="xs"><EntityActions entityId={p.person.id} name={p.person.displayName} records={p.records} /><PurposeControl /></Group>}
      />
      <Stack gap="md" data-testid="person-profile">
        <MaskedNotice masked={p.masked} access={p.access} />
        <SubjectLeadsPanel subjectId={p.person.id} subjectName={p.person.displayName} />
        <PersonStatusPanel entityId={p.person.id} />
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Identity p={p} onOpen={setOpen} />
          <Stack gap="md">
            <Identifiers p={p} onOpen={setOpen} />
            <Contact p={p} onOpen={setOpen} />
          </Stack>
        </SimpleGrid>
        <Sections p={p} onOpen={setOpen} />
      </Stack>
      <RecordDrawer recordRef={open} onClose={() => setOpen(null)} />
    </>
  );
}
