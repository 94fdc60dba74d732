import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import { formatUtc } from '../lib/format';
import { Stat } from './stat';
import type { RunView } from './status-api';
import { CLASS_INFO, classCountRows, formatCount, formatElapsed } from './status-labels';

/** The run the status screens read by default: its date, who ran it, its counts by class. */
export function CurrentRunCard({ run }: { run: RunView }) {
  const q = `?asOf=${run.asOf}`;
  return (
    <Paper withBorder radius="md" p="md" data-testid="current-run">
      <Group justify="space-between" align="flex-start" mb="md">
        <Stack gap={2}>
          <Title order={2} size="h4">
            Latest run: as of {run.asOf}
          </Title>
          <Text size="sm" c="dimmed">
            Run {run.id} by {run.runBy}, finished {formatUtc(run.finishedAt, false)} in {formatElapsed(run.elapsedMs)} ·
            rules configuration {run.configVersion}
          </Text>
        </Stack>
        <Group gap="sm">
          <Anchor component={Link} to={`/status/report${q}`} size="sm">
            Fiscal-year report
          </Anchor>
          <Anchor component={Link} to={`/status/violators${q}`} size="sm">
            Suspected violators
          </Anchor>
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4 }} mb="md">
        <Stat label="Persons" value={formatCount(run.persons)} testId="run-persons" />
        <Stat label="Admissions assessed" value={formatCount(run.admissions)} testId="run-admissions" />
        <Stat label="Suspected violators" value={formatCount(run.violators)} testId="run-violators" />
        <Stat label="As of" value={run.asOf} />
      </SimpleGrid>
      <Table fz="sm" verticalSpacing={4} data-testid="run-class-counts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Class</Table.Th>
            <Table.Th>What it means</Table.Th>
            <Table.Th ta="right">Admissions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {classCountRows(run.classCounts).map(({ cls, count }) => (
            <Table.Tr key={cls}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <ClassBadge cls={cls} />
              </Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed">
                  {CLASS_INFO[cls].meaning}
                </Text>
              </Table.Td>
              <Table.Td ta="right" ff="monospace">
                {formatCount(count)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** An assessment class: its exact name (as in the rules and exports), its meaning on hover. */
export function ClassBadge({ cls, size = 'sm' }: { cls: keyof typeof CLASS_INFO; size?: 'xs' | 'sm' | 'md' }) {
  const info = CLASS_INFO[cls];
  return (
    <Tooltip label={`${info.label}: ${info.meaning}`} multiline w={320} withArrow>
      <Badge
        color={info.color}
        variant={info.violation ? 'filled' : 'light'}
        size={size}
        // The exact class name is the point: never cut it short.
        style={{ textTransform: 'none', maxWidth: 'none', flexShrink: 0 }}
        styles={{ label: { overflow: 'visible' } }}
      >
        {cls}
      </Badge>
    </Tooltip>
  );
}

/** Every run, newest as-of date first; superseded runs say which run replaced them. */
export function RunsTable({ runs, latestId }: { runs: readonly RunView[]; latestId: string | null }) {
  if (runs.length === 0) return <Text c="dimmed" size="sm">No runs.</Text>;
  return (
    <Table highlightOnHover fz="sm" verticalSpacing="xs" data-testid="runs-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Run</Table.Th>
          <Table.Th>As of</Table.Th>
          <Table.Th>Finished</Table.Th>
          <Table.Th>By</Table.Th>
          <Table.Th ta="right">Persons</Table.Th>
          <Table.Th ta="right">Admissions</Table.Th>
          <Table.Th ta="right">Violators</Table.Th>
          <Table.Th ta="right">Took</Table.Th>
          <Table.Th>State</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {runs.map((r) => (
          <Table.Tr key={r.id} data-testid={`run-row-${r.id}`} c={r.current ? undefined : 'dimmed'}>
            <Table.Td ff="monospace">{r.id}</Table.Td>
            <Table.Td ff="monospace">{r.asOf}</Table.Td>
            <Table.Td>{formatUtc(r.finishedAt, false)}</Table.Td>
            <Table.Td>{r.runBy}</Table.Td>
            <Table.Td ta="right">{formatCount(r.persons)}</Table.Td>
            <Table.Td ta="right">{formatCount(r.admissions)}</Table.Td>
            <Table.Td ta="right">{formatCount(r.violators)}</Table.Td>
            <Table.Td ta="right">{formatElapsed(r.elapsedMs)}</Table.Td>
            <Table.Td>
              {r.current ? (
                <Badge color={r.id === latestId ? 'blue' : 'gray'} variant="light">
                  {r.id === latestId ? 'latest' : 'current'}
                </Badge>
              ) : (
                <Text size="xs">superseded by run {r.supersededBy ?? '?'}</Text>
              )}
            </Table.Td>
            <Table.Td>
              {r.current && (
                <Group gap="xs" wrap="nowrap">
                  <Anchor component={Link} to={`/status/report?asOf=${r.asOf}`} size="xs">
                    Report
                  </Anchor>
                  <Anchor component={Link} to={`/status/violators?asOf=${r.asOf}`} size="xs">
                    Violators
                  </Anchor>
                </Group>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
