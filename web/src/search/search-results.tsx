import { Anchor, Badge, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconBuilding, IconUser } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { SearchResult } from './search-api';

export function profilePath(r: Pick<SearchResult, 'kind' | 'entityId'>): string {
  return r.kind === 'organization' ? `/search/organizations/${r.entityId}` : `/search/persons/${r.entityId}`;
}

function ScoreBar({ score }: { score: number }) {
  const color = score >= 0.9 ? 'green' : score >= 0.75 ? 'teal' : score >= 0.6 ? 'yellow' : 'gray';
  return (
    <Stack gap={2} w={90} align="flex-end">
      <Text size="sm" fw={700} data-testid="result-score">{score.toFixed(2)}</Text>
      <Progress value={score * 100} color={color} size="sm" w={90} />
    </Stack>
  );
}

/** One ranked result: who, the facts that tell people apart, and why it matched. */
export function ResultCard({ r }: { r: SearchResult }) {
  const Icon = r.kind === 'organization' ? IconBuilding : IconUser;
  return (
    <Paper withBorder radius="md" p="md" data-testid="search-result">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={6} style={{ flex: 1 }}>
          <Group gap="xs">
            <Icon size={18} stroke={1.7} />
            <Anchor component={Link} to={profilePath(r)} fw={600} size="lg" data-testid="result-name">
              {r.displayName}
            </Anchor>
            {r.kind === 'organization' && <Badge variant="light" color="grape">organization</Badge>}
            {r.sevisStatus && <Badge variant="light" color={r.sevisStatus === 'ACTIVE' ? 'green' : 'gray'}>SEVIS {r.sevisStatus}</Badge>}
          </Group>
          <Group gap="lg">
            {r.birthDates.length > 0 && <Text size="sm"><Text span c="dimmed" size="sm">Born </Text>{r.birthDates.join(' · ')}</Text>}
            {r.citizenships.length > 0 && <Text size="sm"><Text span c="dimmed" size="sm">Citizenship </Text>{r.citizenships.join(', ')}</Text>}
            {r.schools.length > 0 && <Text size="sm"><Text span c="dimmed" size="sm">School </Text>{r.schools.join(', ')}</Text>}
            <Text size="sm" c="dimmed">{r.records} record{r.records === 1 ? '' : 's'}</Text>
          </Group>
          {r.identifiers.length > 0 && (
            <Group gap={6}>
              {r.identifiers.map((i) => (
                <Badge key={`${i.kind}${i.value}`} variant="default" radius="sm" style={{ textTransform: 'none' }}>
                  {i.label} {i.value}
                </Badge>
              ))}
            </Group>
          )}
          <Stack gap={0} data-testid="result-reasons">
            {r.reasons.map((reason) => (
              <Text key={reason} size="xs" c="dimmed" ff="monospace">
                ✓ {reason}
              </Text>
            ))}
          </Stack>
        </Stack>
        <ScoreBar score={r.score} />
      </Group>
    </Paper>
  );
}
