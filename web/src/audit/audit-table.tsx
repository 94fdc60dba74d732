import { ActionIcon, Badge, Code, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import type { AuditEvent, AuditOutcome } from '../api/types';
import { formatUtc } from '../lib/format';

const OUTCOME_COLORS: Record<AuditOutcome, string> = {
  success: 'green',
  failure: 'orange',
  denied: 'red',
};
const COLUMNS = 9;

export function AuditTable({ events }: { events: AuditEvent[] }) {
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const toggle = (seq: number) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return next;
    });

  return (
    <Table.ScrollContainer minWidth={1180}>
      <Table verticalSpacing="xs" horizontalSpacing="sm" highlightOnHover data-testid="audit-table">
        <Table.Thead style={{ whiteSpace: 'nowrap' }}>
          <Table.Tr>
            <Table.Th w={36} />
            <Table.Th>Time (UTC)</Table.Th>
            <Table.Th>User</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th>Subject</Table.Th>
            <Table.Th>Purpose</Table.Th>
            <Table.Th>Client address</Table.Th>
            <Table.Th>Request ID</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Fragment key={event.seq}>
              <EventRow
                event={event}
                open={expanded.has(event.seq)}
                onToggle={() => toggle(event.seq)}
              />
              {expanded.has(event.seq) && <DetailsRow event={event} />}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function EventRow({
  event,
  open,
  onToggle,
}: {
  event: AuditEvent;
  open: boolean;
  onToggle: () => void;
}) {
  return (
    <Table.Tr data-seq={event.seq} data-testid="audit-row">
      <Table.Td>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="sm"
          onClick={onToggle}
          aria-expanded={open}
          aria-label={`${open ? 'Hide' : 'Show'} details of event ${event.seq}`}
        >
          {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
        </ActionIcon>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm">{formatUtc(event.occurredAt).replace(' UTC', '')}</Text>
      </Table.Td>
      <Table.Td data-testid="audit-actor">
        {event.actorUsername ? (
          <Text size="sm" ff="monospace">
            {event.actorUsername}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td data-testid="audit-action">
        <Text size="sm" ff="monospace">
          {event.action}
        </Text>
      </Table.Td>
      <Table.Td data-testid="audit-outcome">
        <Badge
          size="sm"
          variant="light"
          color={(OUTCOME_COLORS as Record<string, string>)[event.outcome] ?? 'gray'}
        >
          {event.outcome}
        </Badge>
      </Table.Td>
      <Table.Td>
        <SubjectCell event={event} />
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={event.purpose ? undefined : 'dimmed'} lineClamp={1} maw={220}>
          {event.purpose ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace" c={event.clientIp ? undefined : 'dimmed'}>
          {event.clientIp ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Tooltip label={event.requestId} openDelay={400}>
          <Text size="xs" ff="monospace" c="dimmed" maw={120} truncate="end">
            {event.requestId}
          </Text>
        </Tooltip>
      </Table.Td>
    </Table.Tr>
  );
}

function SubjectCell({ event }: { event: AuditEvent }) {
  if (!event.subjectType && event.subjectIds.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  const [first, ...rest] = event.subjectIds;
  return (
    <Group gap={6} wrap="nowrap">
      {event.subjectType && (
        <Badge size="sm" variant="outline" color="gray" style={{ flexShrink: 0 }}>
          {event.subjectType}
        </Badge>
      )}
      {first && (
        <Text size="xs" ff="monospace" maw={140} truncate="end">
          {first}
        </Text>
      )}
      {rest.length > 0 && (
        <Text size="xs" c="dimmed">
          +{rest.length}
        </Text>
      )}
    </Group>
  );
}

function DetailsRow({ event }: { event: AuditEvent }) {
  return (
    <Table.Tr data-testid="audit-details">
      <Table.Td />
      <Table.Td colSpan={COLUMNS - 1}>
        <Stack gap={6} py={4}>
          <Text size="xs" c="dimmed">
            Event #{event.seq} · request {event.requestId}
            {event.subjectIds.length > 0 && ` · subjects: ${event.subjectIds.join(', ')}`}
          </Text>
          <Code block>{JSON.stringify(event.details, null, 2)}</Code>
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}
