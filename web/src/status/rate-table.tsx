import { Group, Paper, ScrollArea, SegmentedControl, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { RateRow } from './status-api';
import { formatCount, formatRate } from './status-labels';
import { sortRateRows, type RateSort } from './status-params';

interface RateTableProps {
  title: string;
  keyLabel: string;
  rows: readonly RateRow[];
  testId: string;
}

/** One breakdown of the fiscal-year report: counts and the two rates per class or country. */
export function RateTable({ title, keyLabel, rows, testId }: RateTableProps) {
  const [sort, setSort] = useState<RateSort>('expected');
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {title} ({rows.length})
        </Title>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            Sort by
          </Text>
          <SegmentedControl
            size="xs"
            aria-label={`Sort ${title}`}
            value={sort}
            onChange={setSort}
            data={[
              { value: 'expected', label: 'Expected departures' },
              { value: 'rate', label: 'Overstay rate' },
              { value: 'key', label: keyLabel },
            ]}
          />
        </Group>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No expected departures.
        </Text>
      ) : (
        <ScrollArea.Autosize mah={480}>
          <Table striped highlightOnHover fz="sm" verticalSpacing={4} stickyHeader data-testid={testId}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{keyLabel}</Table.Th>
                <Table.Th ta="right">Expected departures</Table.Th>
                <Table.Th ta="right">Out-of-country overstays</Table.Th>
                <Table.Th ta="right">Suspected in-country overstays</Table.Th>
                <Table.Th ta="right">Total overstays</Table.Th>
                <Table.Th ta="right">Total overstay rate</Table.Th>
                <Table.Th ta="right">Suspected in-country rate</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sortRateRows(rows, sort).map((r) => (
                <Table.Tr key={r.key} data-key={r.key}>
                  <Table.Td ff="monospace" fw={600}>
                    {r.key}
                  </Table.Td>
                  <Table.Td ta="right">{formatCount(r.expectedDepartures)}</Table.Td>
                  <Table.Td ta="right">{formatCount(r.outOfCountryOverstays)}</Table.Td>
                  <Table.Td ta="right">{formatCount(r.suspectedInCountryOverstays)}</Table.Td>
                  <Table.Td ta="right">{formatCount(r.totalOverstays)}</Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {formatRate(r.totalOverstayRate)}
                  </Table.Td>
                  <Table.Td ta="right">{formatRate(r.suspectedInCountryRate)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </Paper>
  );
}
