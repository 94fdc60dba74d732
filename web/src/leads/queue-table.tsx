import { Anchor, Badge, Checkbox, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import type { LeadSummary } from './leads-api';
import { PRIORITY_COLORS, STATE_COLORS, TYPE_LABELS, daysText, stateLabel } from './lead-labels';

interface QueueTableProps {
  leads: LeadSummary[];
  /** Supervisors pick leads to assign in bulk. */
  selectable: boolean;
  selected: string[];
  onSelect: (ids: string[]) => void;
}

function DueCell({ lead }: { lead: LeadSummary }) {
  return (
    <Stack gap={2}>
      <Text size="sm" c={lead.overdue ? 'red.8' : undefined} fw={lead.overdue ? 600 : undefined}>
        {lead.dueDate}
      </Text>
      {lead.overdue && (
        <Badge color="red" size="xs" variant="filled">
          Overdue
        </Badge>
      )}
    </Stack>
  );
}

export function QueueTable({ leads, selectable, selected, onSelect }: QueueTableProps) {
  const navigate = useNavigate();
  if (leads.length === 0) {
    return (
      <Text c="dimmed" p="lg" data-testid="leads-empty">
        No leads in this queue.
      </Text>
    );
  }
  const all = leads.every((l) => selected.includes(l.id));
  const toggle = (id: string) =>
    onSelect(selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id]);
  return (
    <ScrollArea>
      <Table highlightOnHover verticalSpacing="xs" data-testid="leads-table">
        <Table.Thead>
          <Table.Tr>
            {selectable && (
              <Table.Th w={36}>
                <Checkbox
                  aria-label="Select all leads"
                  checked={all}
                  indeterminate={!all && selected.length > 0}
                  onChange={() => onSelect(all ? [] : leads.map((l) => l.id))}
                />
              </Table.Th>
            )}
            <Table.Th>Lead</Table.Th>
            <Table.Th>Subject</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Priority</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>In state</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th>Office</Table.Th>
            <Table.Th>Due</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {leads.map((l) => (
            <Table.Tr
              key={l.id}
              data-testid={`lead-row-${l.number}`}
              data-overdue={l.overdue || undefined}
              bg={l.overdue ? 'red.0' : undefined}
              style={{ cursor: 'pointer' }}
              onClick={() => void navigate(`/leads/${l.id}`)}
            >
              {selectable && (
                <Table.Td onClick={(e) => e.stopPropagation()}>
                  <Checkbox
                    aria-label={`Select ${l.number}`}
                    checked={selected.includes(l.id)}
                    onChange={() => toggle(l.id)}
                  />
                </Table.Td>
              )}
              <Table.Td>
                <Anchor component={Link} to={`/leads/${l.id}`} size="sm" fw={600}>
                  {l.number}
                </Anchor>
                <Text size="xs" c="dimmed" lineClamp={1} maw={280}>
                  {l.title}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{l.subjectName}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{TYPE_LABELS[l.type]}</Text>
              </Table.Td>
              <Table.Td>
                <Badge color={PRIORITY_COLORS[l.priority]} variant="light">
                  {l.priority}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Badge color={STATE_COLORS[l.state]} variant="light">
                  {stateLabel(l.state)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{daysText(l.daysInState)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{l.owner}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{l.fieldOffice ?? '—'}</Text>
              </Table.Td>
              <Table.Td>
                <DueCell lead={l} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
