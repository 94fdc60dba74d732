import { Anchor, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { EventItem, Field, RelatedEntity, Sourced } from './profiles-api';
import { SourceBadges } from './record-drawer';

type Open = (ref: string) => void;

export function Section({ title, count, children, testId }: { title: string; count?: number; children: ReactNode; testId?: string }) {
  return (
    <Card withBorder radius="md" padding="md" data-testid={testId}>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">{title}</Title>
        {count !== undefined && <Badge variant="light" color="gray">{count}</Badge>}
      </Group>
      {children}
    </Card>
  );
}

function Value({ v, onOpen }: { v: Sourced; onOpen: Open }) {
  return (
    <Stack gap={2}>
      <Group gap={6}>
        <Text size="sm" fw={500}>{v.value}</Text>
        {v.flagged && <Badge size="xs" color="yellow" variant="light" title="A data-quality flag was raised on this value">flagged</Badge>}
      </Group>
      <SourceBadges sources={v.sources} onOpen={onOpen} />
    </Stack>
  );
}

/** An attribute with all its values; disagreeing values shown side by side and highlighted. */
export function FieldRow({ label, field, onOpen }: { label: string; field: Field; onOpen: Open }) {
  return (
    <Table.Tr data-testid={field.conflict ? 'conflict' : undefined} style={field.conflict ? { background: 'var(--mantine-color-orange-0)' } : undefined}>
      <Table.Td w={150} valign="top">
        <Text size="sm" c="dimmed">{label}</Text>
        {field.conflict && <Badge size="xs" color="orange" mt={4}>conflict</Badge>}
      </Table.Td>
      <Table.Td>
        {field.values.length === 0 ? (
          <Text size="sm" c="dimmed">—</Text>
        ) : (
          <Group align="flex-start" gap="xl">
            {field.values.map((v) => <Value key={v.value} v={v} onOpen={onOpen} />)}
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function SourcedList({ values, onOpen, empty = 'None recorded.' }: { values: readonly Sourced[]; onOpen: Open; empty?: string }) {
  if (values.length === 0) return <Text size="sm" c="dimmed">{empty}</Text>;
  return <Stack gap="xs">{values.map((v) => <Value key={v.value} v={v} onOpen={onOpen} />)}</Stack>;
}

/** Dated items of one kind (admissions, SEVIS events ...), each with its record. */
export function EventTable({ items, onOpen, empty = 'None recorded.' }: { items: readonly EventItem[]; onOpen: Open; empty?: string }) {
  if (items.length === 0) return <Text size="sm" c="dimmed">{empty}</Text>;
  return (
    <Table verticalSpacing={6} fz="sm">
      <Table.Tbody>
        {items.map((e) => (
          <Table.Tr key={e.source.recordRef}>
            <Table.Td w={100} valign="top"><Text size="sm" ff="monospace">{e.date ?? '—'}</Text></Table.Td>
            <Table.Td valign="top">
              <Text size="sm" fw={600}>{e.title}</Text>
              <Group gap="md" mt={2}>
                {e.details.map((d) => (
                  <Text key={d.label} size="xs">
                    <Text span c="dimmed" size="xs">{d.label}: </Text>
                    <Text span size="xs" c={d.withheld ? 'orange.8' : undefined} fs={d.withheld ? 'italic' : undefined}>{d.value}</Text>
                  </Text>
                ))}
              </Group>
            </Table.Td>
            <Table.Td w={190} valign="top"><SourceBadges sources={[e.source]} onOpen={onOpen} /></Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function entityPath(e: Pick<RelatedEntity, 'kind' | 'entityId'>): string {
  return e.kind === 'organization' ? `/search/organizations/${e.entityId}` : `/search/persons/${e.entityId}`;
}

export function RelatedList({ items, onOpen, empty }: { items: readonly RelatedEntity[]; onOpen: Open; empty: string }) {
  if (items.length === 0) return <Text size="sm" c="dimmed">{empty}</Text>;
  return (
    <Stack gap="xs">
      {items.map((a) => (
        <Group key={`${a.entityId}${a.relation}`} justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={0}>
            <Anchor component={Link} to={entityPath(a)} size="sm" fw={600}>{a.displayName}</Anchor>
            <Text size="xs" c="dimmed">{a.relation}</Text>
          </Stack>
          <SourceBadges sources={a.sources.slice(0, 3)} onOpen={onOpen} />
        </Group>
      ))}
    </Stack>
  );
}
