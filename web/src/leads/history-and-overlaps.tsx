import { Alert, Anchor, Button, Group, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconArrowsShuffle } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../components/api-error-alert';
import { formatUtc } from '../lib/format';
import { actionLabel, stateLabel } from './lead-labels';
import { useDeconflict, type LeadDetail } from './leads-api';
import { groupOverlaps } from './overlap-groups';

/** Every move of the lead, oldest first, with who made it and why. */
export function LeadTimeline({ lead }: { lead: LeadDetail }) {
  const steps = lead.transitions;
  return (
    <Paper withBorder radius="md" p="md" data-testid="lead-timeline">
      <Title order={2} size="h4" mb="sm">
        History
      </Title>
      <Timeline active={steps.length - 1} bulletSize={14} lineWidth={2}>
        {steps.map((t, i) => (
          <Timeline.Item key={i} title={actionLabel(t.action)}>
            <Text size="xs" c="dimmed">
              {t.from ? `${stateLabel(t.from)} → ` : ''}
              {stateLabel(t.to)} · {t.by} · {formatUtc(t.at, false)}
            </Text>
            {t.reason && (
              <Text size="sm" mt={2} style={{ whiteSpace: 'pre-wrap' }}>
                {t.reason}
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}

/**
 * Other open leads that touch this subject (routine use I, de-confliction). Overlaps are also
 * checked automatically when a lead is referred, and shown to the owners of both leads.
 */
export function OverlapsPanel({ lead, canCheck }: { lead: LeadDetail; canCheck: boolean }) {
  const check = useDeconflict(lead.lead.id);
  const [result, setResult] = useState<string | null>(null);
  const groups = groupOverlaps(lead.overlaps);
  const run = () =>
    check.mutate(undefined, {
      onSuccess: (r) => {
        const n = new Set(r.overlaps.map((o) => o.otherLeadId)).size;
        setResult(n === 0 ? 'No overlapping open leads.' : `Overlaps with ${n} other ${n === 1 ? 'lead' : 'leads'}: coordinate with ${n === 1 ? 'its owner' : 'their owners'}.`);
      },
    });
  return (
    <Paper withBorder radius="md" p="md" data-testid="overlaps-panel">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Overlaps ({groups.length})
        </Title>
        {canCheck && (
          <Button size="xs" variant="light" leftSection={<IconArrowsShuffle size={14} />} onClick={run} loading={check.isPending}>
            Check overlaps
          </Button>
        )}
      </Group>
      {check.error && <ApiErrorAlert error={check.error} title="Could not check overlaps" />}
      {result && (
        <Alert color={groups.length ? 'orange' : 'green'} mb="sm" withCloseButton onClose={() => setResult(null)} data-testid="overlaps-result">
          {result}
        </Alert>
      )}
      {groups.length === 0 ? (
        <Text size="sm" c="dimmed">
          None found. Coordinate with the other owner before acting on an overlapping lead.
        </Text>
      ) : (
        <Stack gap="xs">
          {groups.map((g) => (
            <Stack key={g.otherLeadId} gap={0}>
              <Group gap="xs">
                <Anchor component={Link} to={`/leads/${g.otherLeadId}`} size="sm" fw={600}>
                  {g.otherNumber}
                </Anchor>
                <Text size="xs" c="dimmed">
                  owner {g.otherOwner} · found {formatUtc(g.foundAt, false)}
                </Text>
              </Group>
              {g.shared.map((x) => (
                <Text key={`${x.kind}:${x.value}`} size="sm">
                  Shares {x.kind.replace(/_/g, ' ')} <b>{x.value}</b>
                </Text>
              ))}
            </Stack>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
