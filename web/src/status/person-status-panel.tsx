import { Alert, Badge, Group, List, Paper, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { hasPermission, useCurrentUser } from '../auth/session';
import { ApiErrorAlert } from '../components/api-error-alert';
import { RiskFactorText } from './risk-factor-text';
import { ClassBadge } from './run-summary';
import { usePersonStatus, type AdmissionStatus, type PersonStatusView } from './status-api';
import { BAR_LABELS, CLASS_INFO, FLAG_INFO, formatDays, LEVEL_COLORS } from './status-labels';
import { StatusTimeline } from './status-timeline';

function Fact({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" ff="monospace" fw={strong ? 700 : 500}>
        {value}
      </Text>
    </Stack>
  );
}

function Admission({ a }: { a: AdmissionStatus }) {
  const info = CLASS_INFO[a.class];
  const evaluated = a.evaluatedClass !== a.classOfAdmission ? ` (evaluated as ${a.evaluatedClass})` : '';
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="status-admission" data-class={a.class} bg={info.violation ? 'red.0' : undefined}>
      <Group justify="space-between" align="flex-start" mb="xs">
        <Stack gap={2}>
          <Group gap="xs">
            <ClassBadge cls={a.class} />
            <Text size="sm" fw={600}>
              {info.label}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            Admission {a.admissionNumber} · class of admission {a.classOfAdmission}
            {evaluated}
            {a.admissionRecord && ` · ${a.admissionRecord}`}
          </Text>
        </Stack>
        <Group gap={4}>
          {a.flags.map((f) => (
            <Tooltip key={f} label={FLAG_INFO[f].meaning} multiline w={280} withArrow>
              <Badge color={f === 'DATA_ERROR' ? 'yellow' : 'red'} variant="light" size="sm" style={{ textTransform: 'none' }} data-testid="status-flag">
                {f}
              </Badge>
            </Tooltip>
          ))}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 3, md: 7 }} spacing="xs" mb="xs">
        <Fact label="Admitted" value={a.admissionDate} />
        <Fact label="Admit until" value={a.admitUntilDate ?? 'D/S'} />
        <Fact label="AED" value={a.aed ?? 'none'} strong />
        <Fact label="Departed" value={a.departureDate ?? 'no record'} />
        <Fact label="Overstay" value={formatDays(a.overstayDays)} strong={a.overstayDays > 0} />
        <Fact label="Unlawful presence" value={formatDays(a.unlawfulPresenceDays)} />
        <Fact label="Bar" value={BAR_LABELS[a.barTier]} />
      </SimpleGrid>
      {a.statusEndDate && (
        <Text size="xs" mb="xs">
          Status ended {a.statusEndDate}, before the admit-until date.
        </Text>
      )}
      {a.changedSinceRun && (
        <Alert color="orange" p="xs" mb="xs" data-testid="status-changed">
          {a.stored
            ? `Records received since the run change this admission: the run stored ${a.stored.class}, AED ${a.stored.aed ?? 'none'}, ${formatDays(a.stored.overstayDays)}. What is shown is what the records say now; the next run will store it.`
            : 'This admission is not in the run (its records arrived or were resolved to this person after it). What is shown is what the records say now.'}
        </Alert>
      )}
      <Text size="xs" c="dimmed" tt="uppercase" mb={2}>
        Rules that decided it
      </Text>
      <List size="sm" spacing={2} type="ordered" data-testid="status-rules">
        {a.rules.map((r, i) => (
          <List.Item key={`${r.code}${i}`}>
            {r.text}{' '}
            <Text span size="xs" c="dimmed" ff="monospace">
              {r.code}
            </Text>
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}

function Risk({ risk }: { risk: NonNullable<PersonStatusView['risk']> }) {
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="status-risk">
      <Group gap="xs" mb={4}>
        <Text size="sm" fw={600}>
          Risk
        </Text>
        <Badge color={LEVEL_COLORS[risk.level]}>{risk.level}</Badge>
        <Text size="sm" c="dimmed">
          score {risk.score}
        </Text>
      </Group>
      <List size="sm" spacing={2}>
        {risk.factors.map((f) => (
          <List.Item key={f.code}>
            <Group gap={4} wrap="nowrap" align="flex-start">
              <Text size="sm" span>
                +{f.points}:
              </Text>
              <RiskFactorText f={f} size="sm" />
            </Group>
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}

function Heading({ s }: { s: PersonStatusView }) {
  const violations = s.admissions.filter((a) => CLASS_INFO[a.class].violation).length;
  return (
    <Stack gap={2} mb="sm">
      <Group gap="xs">
        <Title order={2} size="h4">
          Status ({s.admissions.length} admission{s.admissions.length === 1 ? '' : 's'})
        </Title>
        {violations > 0 && (
          <Badge color="red" data-testid="status-violations">
            {violations} in violation
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed" data-testid="status-as-of">
        {s.run
          ? `As of ${s.asOf}, the latest assessment run (run ${s.run.id} by ${s.run.runBy}); rules configuration ${s.configVersion}. The rules are re-read from the records, so later records show up as a change.`
          : `No assessment has been run yet: assessed now, as of today (${s.asOf}), and not stored.`}
      </Text>
    </Stack>
  );
}

/**
 * For the person profile: each admission with its class, admit-until date, AED, days, flags and
 * the rules that decided it. Only for users of the Status area; reading it is audited.
 */
export function PersonStatusPanel({ entityId }: { entityId: string }) {
  const user = useCurrentUser();
  const allowed = hasPermission(user, 'status');
  const q = usePersonStatus(entityId, allowed);
  if (!allowed) return null;
  return (
    <Paper withBorder radius="md" p="md" data-testid="status-panel">
      {q.isPending && <Text size="sm" c="dimmed">Loading the status assessment…</Text>}
      {q.error && <ApiErrorAlert error={q.error} title="Could not load the status assessment" />}
      {q.data && (
        <>
          <Heading s={q.data} />
          {q.data.admissions.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="status-no-admissions">
              No admissions: there is no arrival (I-94) record for this person on or before {q.data.asOf}, so there is
              nothing to assess.
            </Text>
          ) : (
            <Stack gap="sm">
              <StatusTimeline admissions={q.data.admissions} asOf={q.data.asOf} />
              {q.data.risk && <Risk risk={q.data.risk} />}
              {q.data.admissions.map((a) => (
                <Admission key={`${a.admissionNumber}${a.admissionDate}`} a={a} />
              ))}
            </Stack>
          )}
        </>
      )}
    </Paper>
  );
}
