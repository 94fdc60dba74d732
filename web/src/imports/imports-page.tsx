import {
  Badge,
  Center,
  Code,
  Drawer,
  Loader,
  Paper,
  ScrollArea,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert';
import { PageHeader } from '../layout/page-header';
import { usePageTitle } from '../layout/use-page-title';
import { formatUtc } from '../lib/format';
import { useBatch, useBatches, type Batch } from './imports-api';
import { UploadCard } from './upload-card';

function Count({ n, color }: { n: number; color: string }) {
  return n > 0 ? (
    <Badge color={color} variant="light">
      {n}
    </Badge>
  ) : (
    <Text c="dimmed" size="sm">
      0
    </Text>
  );
}

function BatchDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const batch = useBatch(id);
  const b = batch.data?.batch;
  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size="xl"
      styles={{ inner: { top: 24, bottom: 24, height: 'auto' } }}
      title={b ? `${b.source}: ${b.fileName}` : 'Import batch'}
    >
      {batch.isPending && <Loader />}
      {batch.error && <ApiErrorAlert error={batch.error} />}
      {b && batch.data && (
        <Stack gap="sm">
          <Text size="sm">
            Loaded by <b>{b.loadedBy}</b> on {formatUtc(b.finishedAt)} · {b.format.toUpperCase()} ·{' '}
            {(b.fileSize / 1024).toFixed(1)} KiB
          </Text>
          <Text size="xs" c="dimmed">
            SHA-256 {b.fileSha256}
          </Text>
          {b.legalProcessRef && <Text size="sm">Legal process: {b.legalProcessRef}</Text>}
          <Text size="sm">
            Read {b.rowsRead} · accepted {b.rowsAccepted} · flagged {b.rowsFlagged} · rejected{' '}
            {b.rowsRejected} · already held {b.rowsSkipped}
          </Text>
          <Text fw={600} mt="sm">
            Rejected rows ({batch.data.rejects.length})
          </Text>
          {batch.data.rejects.length === 0 ? (
            <Text c="dimmed" size="sm">
              None: every row could be read.
            </Text>
          ) : (
            <Table striped data-testid="rejects-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Line</Table.Th>
                  <Table.Th>Reason</Table.Th>
                  <Table.Th>As received</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {batch.data.rejects.map((r) => (
                  <Table.Tr key={r.line}>
                    <Table.Td>{r.line}</Table.Td>
                    <Table.Td>{r.reason}</Table.Td>
                    <Table.Td>
                      <Code block>{r.rawText}</Code>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </Drawer>
  );
}

function BatchesTable({ batches, onOpen }: { batches: Batch[]; onOpen: (id: string) => void }) {
  if (batches.length === 0)
    return (
      <Text c="dimmed" p="md">
        No files loaded yet.
      </Text>
    );
  return (
    <ScrollArea>
      <Table highlightOnHover data-testid="batches-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Loaded</Table.Th>
            <Table.Th>Source</Table.Th>
            <Table.Th>File</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>Read</Table.Th>
            <Table.Th>Accepted</Table.Th>
            <Table.Th>Flagged</Table.Th>
            <Table.Th>Rejected</Table.Th>
            <Table.Th>Already held</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {batches.map((b) => (
            <Table.Tr key={b.id} onClick={() => onOpen(b.id)} style={{ cursor: 'pointer' }}>
              <Table.Td>{formatUtc(b.finishedAt, false)}</Table.Td>
              <Table.Td>
                <Badge variant="outline">{b.source}</Badge>
              </Table.Td>
              <Table.Td>{b.fileName}</Table.Td>
              <Table.Td>{b.loadedBy}</Table.Td>
              <Table.Td>{b.rowsRead}</Table.Td>
              <Table.Td>{b.rowsAccepted}</Table.Td>
              <Table.Td>
                <Count n={b.rowsFlagged} color="yellow" />
              </Table.Td>
              <Table.Td>
                <Count n={b.rowsRejected} color="red" />
              </Table.Td>
              <Table.Td>{b.rowsSkipped}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

export function ImportsPage() {
  usePageTitle('Imports');
  const batches = useBatches();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title="Imports"
        description="Load files from the source systems. Nothing received is lost: unreadable rows are kept as rejects with their line and reason; malformed fields are kept as received and flagged."
      />
      <Stack gap="md">
        <UploadCard />
        <Paper withBorder radius="md">
          {batches.isPending && (
            <Center p="xl">
              <Loader />
            </Center>
          )}
          {batches.error && <ApiErrorAlert error={batches.error} />}
          {batches.data && <BatchesTable batches={batches.data.batches} onOpen={setOpen} />}
        </Paper>
      </Stack>
      <BatchDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}
