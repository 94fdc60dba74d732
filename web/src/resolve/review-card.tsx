import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert';
import { subjectPath } from '../leads/subject-link';
import { Link } from 'react-router';
import type { RecordView, ReviewItem } from './review-api';
import { useDecideItem } from './review-api';
import { fieldRows, REASON_LABEL, weightColor } from './review-format';

function RecordHeading({ r }: { r: RecordView }) {
  return (
    <Stack gap={0}>
      <Text fw={600} size="sm">
        {r.source} {r.sourceRecordId}
        {r.role !== 'subject' ? ` (${r.role})` : ''}
      </Text>
      {r.entityId ? (
        <Text size="xs" c="dimmed" component={Link} to={subjectPath('person', r.entityId)}>
          entity {r.entityId.slice(0, 8)}…
        </Text>
      ) : (
        <Text size="xs" c="dimmed">
          not linked
        </Text>
      )}
    </Stack>
  );
}

function SideBySide({ item }: { item: ReviewItem }) {
  return (
    <Table withTableBorder withColumnBorders data-testid="side-by-side">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="18%" />
          <Table.Th>
            <RecordHeading r={item.a} />
          </Table.Th>
          <Table.Th>
            <RecordHeading r={item.b} />
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {fieldRows(item.a, item.b).map((row) => (
          <Table.Tr key={row.label} bg={row.same ? 'teal.0' : undefined}>
            <Table.Td>
              <Text size="sm" c="dimmed">
                {row.label}
              </Text>
            </Table.Td>
            <Table.Td>{row.a}</Table.Td>
            <Table.Td>{row.b}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ExplanationPanel({ item }: { item: ReviewItem }) {
  const e = item.explanation;
  return (
    <Stack gap="xs" data-testid="explanation">
      <Text size="sm">
        Match weight <b>{e.weight.toFixed(1)}</b> bits — probability{' '}
        {(e.probability * 100).toFixed(1)}% (links at {(e.thresholds.match * 100).toFixed(0)}%,
        reviewed from {(e.thresholds.review * 100).toFixed(0)}%).
      </Text>
      {e.conflicts.length > 0 && (
        <Alert color="orange" title="Conflicts" p="xs">
          <List size="sm">
            {e.conflicts.map((c) => (
              <List.Item key={c}>{c}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {e.deterministic.length > 0 && (
        <Text size="sm">Identifiers: {e.deterministic.join('; ')}</Text>
      )}
      {e.held && <Text size="sm">Held down: {e.held}.</Text>}
      <Group gap={6}>
        {e.contributions.map((c) => (
          <Badge
            key={c.field}
            color={weightColor(c.weight)}
            variant="light"
            tt="none"
            title={c.level}
          >
            {c.text}
          </Badge>
        ))}
      </Group>
    </Stack>
  );
}

function DecideForm({ item }: { item: ReviewItem }) {
  const [reason, setReason] = useState('');
  const decide = useDecideItem();
  const ready = reason.trim().length >= 3 && !decide.isPending;
  const send = (decision: 'confirm' | 'reject') =>
    decide.mutate({ id: item.id, decision, reason: reason.trim() });
  return (
    <Stack gap="xs">
      <Textarea
        label="Reason (kept with the decision)"
        placeholder="e.g. same passport photo; different fathers named on the visa application"
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        autosize
        minRows={1}
        data-testid="decision-reason"
      />
      {decide.error && <ApiErrorAlert error={decide.error} />}
      <Group>
        <Button
          color="teal"
          disabled={!ready}
          loading={decide.isPending}
          onClick={() => send('confirm')}
        >
          Confirm: same person
        </Button>
        <Button
          color="red"
          variant="light"
          disabled={!ready}
          loading={decide.isPending}
          onClick={() => send('reject')}
        >
          Reject: different persons
        </Button>
      </Group>
    </Stack>
  );
}

export function ReviewCard({ item, canDecide }: { item: ReviewItem; canDecide: boolean }) {
  return (
    <Card withBorder padding="md" data-testid="review-item">
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap="xs">
            <Badge variant="light" color={item.reason === 'conflict' ? 'orange' : 'blue'}>
              {REASON_LABEL[item.reason] ?? item.reason}
            </Badge>
            <Text size="sm" c="dimmed">
              item {item.id}
            </Text>
          </Group>
          {item.status !== 'open' && <Badge color="gray">{item.status}</Badge>}
        </Group>
        {item.pairsBetween !== null && item.pairsBetween > 1 && (
          <Text size="sm" data-testid="pairs-between">
            One of {item.pairsBetween} record pairs waiting between these two persons; the
            strongest is shown. Your decision settles all {item.pairsBetween}.
          </Text>
        )}
        <SideBySide item={item} />
        <ExplanationPanel item={item} />
        {canDecide && item.status === 'open' && <DecideForm item={item} />}
      </Stack>
    </Card>
  );
}
