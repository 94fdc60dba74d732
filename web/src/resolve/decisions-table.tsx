import {
  Badge,
  Button,
  Group,
  Modal,
  Pagination,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert';
import { formatUtc } from '../lib/format';
import { useDecisions, useUndoDecision, type Decision } from './review-api';
import { describeDecision, KIND_LABEL } from './review-format';

function UndoModal({ decision, onClose }: { decision: Decision | null; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const undo = useUndoDecision();
  const close = () => {
    setReason('');
    undo.reset();
    onClose();
  };
  return (
    <Modal opened={decision !== null} onClose={close} title={`Undo decision ${decision?.id ?? ''}`}>
      <Stack gap="sm">
        <Text size="sm">
          The records are resolved again as if the decision had not been made. The decision stays in
          the log, marked undone, with your reason.
        </Text>
        <Textarea
          label="Reason"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-testid="undo-reason"
        />
        {undo.error && <ApiErrorAlert error={undo.error} />}
        <Group justify="flex-end">
          <Button
            disabled={reason.trim().length < 3}
            loading={undo.isPending}
            onClick={() =>
              decision &&
              undo.mutate({ id: decision.id, reason: reason.trim() }, { onSuccess: close })
            }
          >
            Undo
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function DecisionsTable({ canDecide }: { canDecide: boolean }) {
  const [page, setPage] = useState(0);
  const [undoing, setUndoing] = useState<Decision | null>(null);
  const q = useDecisions(page);
  if (q.error) return <ApiErrorAlert error={q.error} />;
  const decisions = q.data?.decisions ?? [];
  return (
    <Stack gap="sm">
      {decisions.length === 0 && !q.isPending ? (
        <Text c="dimmed">No decisions yet.</Text>
      ) : (
        <Table striped data-testid="decisions-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>Decision</Table.Th>
              <Table.Th>Who, when</Table.Th>
              <Table.Th>Why</Table.Th>
              <Table.Th>Records</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {decisions.map((d) => (
              <Table.Tr key={d.id} data-testid={`decision-${d.id}`}>
                <Table.Td>{d.id}</Table.Td>
                <Table.Td>
                  {KIND_LABEL[d.kind]}
                  {d.undoneAt && (
                    <Badge ml="xs" color="gray" title={`${d.undoneBy}: ${d.undoReason ?? ''}`}>
                      undone
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{d.decidedBy}</Text>
                  <Text size="xs" c="dimmed">
                    {formatUtc(d.decidedAt, false)}
                  </Text>
                </Table.Td>
                <Table.Td>{d.reason}</Table.Td>
                <Table.Td>
                  <Text size="xs">{describeDecision(d)}</Text>
                </Table.Td>
                <Table.Td>
                  {canDecide && !d.undoneAt && (
                    <Button size="xs" variant="light" onClick={() => setUndoing(d)}>
                      Undo
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {(q.data?.total ?? 0) > 25 && (
        <Pagination
          total={Math.ceil((q.data?.total ?? 0) / 25)}
          value={page + 1}
          onChange={(p) => setPage(p - 1)}
        />
      )}
      <UndoModal decision={undoing} onClose={() => setUndoing(null)} />
    </Stack>
  );
}
