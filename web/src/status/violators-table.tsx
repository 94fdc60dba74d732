import { Anchor, Badge, Group, ScrollArea, Stack, Table, Text, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import { CreateLeadButton, findingFromViolator } from '../leads';
import { RiskFactorText } from './risk-factor-text';
import { ClassBadge } from './run-summary';
import type { ViolatorView } from './status-api';
import { BAR_LABELS, formatDays, LEVEL_COLORS } from './status-labels';

function Factors({ v }: { v: ViolatorView }) {
  return (
    <Stack gap={2} data-testid="violator-factors">
      {v.factors.map((f) => (
        <Group key={f.code} gap={6} wrap="nowrap" align="flex-start">
          <Badge size="xs" variant="outline" color="gray" w={38} style={{ flexShrink: 0 }}>
            +{f.points}
          </Badge>
          <RiskFactorText f={f} />
        </Group>
      ))}
    </Stack>
  );
}

function Person({ v }: { v: ViolatorView }) {
  const name = v.name ?? 'Unnamed person';
  return (
    <Stack gap={0}>
      {v.entityId ? (
        <Anchor component={Link} to={`/search/persons/${v.entityId}`} size="sm" fw={600} data-testid="violator-name">
          {name}
        </Anchor>
      ) : (
        <Tooltip label="These records have not been resolved to a person yet: run entity resolution to open a profile.">
          <Text size="sm" fw={600}>
            {name} <Badge size="xs" color="gray">unresolved</Badge>
          </Text>
        </Tooltip>
      )}
      <Text size="xs" c="dimmed">
        {[v.citizenshipCountry, v.classesOfAdmission.join(', '), v.admissionNumber && `admission ${v.admissionNumber}`].filter(Boolean).join(' · ')}
      </Text>
    </Stack>
  );
}

/** The ranked suspected violators of one run: the score, each factor that made it, and "Create lead". */
export function ViolatorsTable({ violators, asOf }: { violators: readonly ViolatorView[]; asOf: string }) {
  return (
    <ScrollArea>
      <Table verticalSpacing="sm" highlightOnHover data-testid="violators-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={50}>Rank</Table.Th>
            <Table.Th>Person</Table.Th>
            <Table.Th>Risk</Table.Th>
            <Table.Th>Violations</Table.Th>
            <Table.Th>Overstay</Table.Th>
            <Table.Th>Why this score</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {violators.map((v) => (
            <Table.Tr key={v.personKey} data-testid="violator-row" data-entity={v.entityId ?? undefined}>
              <Table.Td valign="top" ff="monospace">
                {v.rank}
              </Table.Td>
              <Table.Td valign="top" maw={260}>
                <Person v={v} />
              </Table.Td>
              <Table.Td valign="top" style={{ whiteSpace: 'nowrap' }}>
                <Stack gap={2} align="flex-start">
                  <Badge color={LEVEL_COLORS[v.level]} variant="filled" style={{ maxWidth: 'none', flexShrink: 0 }} styles={{ label: { overflow: 'visible' } }}>
                    {v.level}
                  </Badge>
                  <Text size="xs" c="dimmed" data-testid="violator-score">
                    score {v.score}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td valign="top">
                <Stack gap={4} align="flex-start">
                  {v.violations.map((c) => (
                    <ClassBadge key={c} cls={c} size="xs" />
                  ))}
                </Stack>
              </Table.Td>
              <Table.Td valign="top">
                <Text size="sm">{formatDays(v.overstayDays)}</Text>
                <Text size="xs" c={v.barTier === 'NONE' ? 'dimmed' : 'red.8'}>
                  {BAR_LABELS[v.barTier]}
                </Text>
              </Table.Td>
              <Table.Td valign="top" maw={420}>
                <Factors v={v} />
              </Table.Td>
              <Table.Td valign="top">
                {v.entityId && (
                  <CreateLeadButton
                    subjectId={v.entityId}
                    subjectName={v.name ?? undefined}
                    size="xs"
                    {...findingFromViolator(v, asOf)}
                  />
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
