import { Anchor, Badge, Center, Group, Loader, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiErrorAlert } from '../components/api-error-alert';
import { PageHeader } from '../layout/page-header';
import { usePageTitle } from '../layout/use-page-title';
import { RelatedList, Section, SourcedList } from './profile-parts';
import { useOrganization, type OrganizationProfile } from './profiles-api';
import { MaskedNotice, PurposeControl } from './purpose-control';
import { RecordDrawer, SourceBadges } from './record-drawer';
import { SubjectLeadsPanel } from '../leads';

type Open = (ref: string) => void;
const STATUS_COLOR: Record<string, string> = { ACTIVE: 'green', INITIAL: 'blue', COMPLETED: 'gray', TERMINATED: 'red', CANCELED: 'orange', DEACTIVATED: 'dark' };

function Students({ o, onOpen }: { o: OrganizationProfile; onOpen: Open }) {
  const s = o.students;
  return (
    <Section title="Students by SEVIS status" count={s.total} testId="students">
      <Group gap="xs" mb="sm" data-testid="students-by-status">
        {s.byStatus.map((b) => <Badge key={b.status} size="lg" variant="light" color={STATUS_COLOR[b.status] ?? 'gray'}>{b.status} {b.count}</Badge>)}
        {s.total === 0 && <Text size="sm" c="dimmed">No SEVIS records name this organization.</Text>}
      </Group>
      {s.total > 0 && (
        <Table fz="sm" striped>
          <Table.Thead><Table.Tr><Table.Th>Student</Table.Th><Table.Th>SEVIS ID</Table.Th><Table.Th>Status</Table.Th><Table.Th>Since</Table.Th><Table.Th>Program</Table.Th><Table.Th>Record</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {s.items.map((i) => (
              <Table.Tr key={i.source.recordRef}>
                <Table.Td>{i.entityId ? <Anchor component={Link} to={`/search/persons/${i.entityId}`} size="sm">{i.displayName}</Anchor> : i.displayName}</Table.Td>
                <Table.Td ff="monospace">{i.sevisId}</Table.Td>
                <Table.Td><Badge size="sm" variant="light" color={STATUS_COLOR[i.status ?? ''] ?? 'gray'}>{i.status}</Badge></Table.Td>
                <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>{i.statusDate}</Table.Td>
                <Table.Td>{i.visaType} {i.program}</Table.Td>
                <Table.Td><SourceBadges sources={[i.source]} onOpen={onOpen} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

function Officials({ o }: { o: OrganizationProfile }) {
  return (
    <Section title="Officials (DSOs)" count={o.officials.length} testId="officials">
      {o.officials.length === 0 ? <Text size="sm" c="dimmed">None recorded.</Text> : (
        <Stack gap={6}>
          {o.officials.map((d) => (
            <Group key={`${d.entityId}${d.name}`} justify="space-between">
              <Stack gap={0}>
                {d.entityId ? <Anchor component={Link} to={`/search/persons/${d.entityId}`} size="sm" fw={600}>{d.name}</Anchor> : <Text size="sm" fw={600}>{d.name}</Text>}
                <Text size="xs" c="dimmed">{d.dsoId ?? 'no DSO ID'} · last update {d.lastSeen ?? 'unknown'}</Text>
              </Stack>
              <Badge variant="light" color="gray">{d.records} SEVIS events</Badge>
            </Group>
          ))}
        </Stack>
      )}
    </Section>
  );
}

export function OrganizationPage() {
  const { id = '' } = useParams();
  const q = useOrganization(id);
  const [open, setOpen] = useState<string | null>(null);
  usePageTitle(q.data?.organization.displayName ?? 'Organization');
  if (q.isPending) return <Center p="xl"><Loader /></Center>;
  if (q.error) return <ApiErrorAlert error={q.error} />;
  const o = q.data;
  return (
    <>
      <PageHeader
        title={o.organization.displayName}
        description={<Group gap="xs"><Badge variant="light" color="grape">{o.organization.orgType ?? 'organization'}</Badge><Text span size="sm" c="dimmed">{o.records.length} linked source records</Text></Group>}
        actions={<PurposeControl />}
      />
      <Stack gap="md" data-testid="organization-profile">
        <MaskedNotice masked={o.masked} access={o.access} />
        <SubjectLeadsPanel subjectId={o.organization.id} subjectName={o.organization.displayName} type={o.organization.orgType === 'school' ? 'SUSPECT_SCHOOL' : 'OTHER'} />
        <SimpleGrid cols={{ base: 1, lg: 3 }}>
          <Section title="Names"><SourcedList values={o.names} onOpen={setOpen} /></Section>
          <Section title="Identifiers" count={o.identifiers.length}>
            <Stack gap="xs">
              {o.identifiers.map((i) => (
                <Stack key={i.value} gap={2}><Text size="sm"><Text span c="dimmed" size="sm">{i.label} </Text><Text span ff="monospace" fw={500}>{i.value}</Text></Text><SourceBadges sources={i.sources} onOpen={setOpen} /></Stack>
              ))}
            </Stack>
          </Section>
          <Section title="Addresses"><SourcedList values={o.addresses} onOpen={setOpen} /></Section>
        </SimpleGrid>
        <Students o={o} onOpen={setOpen} />
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Officials o={o} />
          <Section title="Related persons" count={o.relatedPersons.length}><RelatedList items={o.relatedPersons} onOpen={setOpen} empty="No employees or other related persons recorded." /></Section>
        </SimpleGrid>
        {o.withheldRecords > 0 && <Text size="xs" c="orange.8">{o.withheldRecords} linked record{o.withheldRecords === 1 ? '' : 's'} withheld without a stated purpose.</Text>}
      </Stack>
      <RecordDrawer recordRef={open} onClose={() => setOpen(null)} />
    </>
  );
}
