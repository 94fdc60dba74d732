import { Alert, Anchor, Badge, Button, Center, Grid, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconCircleCheck, IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type { LeadAction } from '../../../src/modules/leads/workflow';
import { ApiError } from '../api/client';
import { useCurrentUser } from '../auth/session';
import { ApiErrorAlert } from '../components/api-error-alert';
import { PageHeader } from '../layout/page-header';
import { usePageTitle } from '../layout/use-page-title';
import { ActionModal } from './action-modal';
import { EvidencePanel } from './evidence-panel';
import { LeadTimeline, OverlapsPanel } from './history-and-overlaps';
import { ACTION_TEXT, OUTCOME_LABELS, PRIORITY_COLORS, STATE_COLORS, TYPE_LABELS, sinceText, stateLabel } from './lead-labels';
import { referralPdfUrl, useLead, type LeadDetail } from './leads-api';
import { SubjectLink } from './subject-link';
import { SubjectSummaryPanel } from './subject-summary-panel';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

function Summary({ d }: { d: LeadDetail }) {
  const l = d.lead;
  return (
    <Paper withBorder radius="md" p="md" data-testid="lead-summary">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
        <Fact label="State">
          <Badge color={STATE_COLORS[l.state]} size="md" variant="light" maw="100%" data-testid="lead-state">
            {stateLabel(l.state)}
          </Badge>
          <Text size="xs" c="dimmed">
            {sinceText(l.daysInState)}
          </Text>
        </Fact>
        <Fact label="Subject">
          <SubjectLink subjectType={l.subjectType} subjectId={l.subjectId} name={l.subjectName} />
          <Text size="xs" c="dimmed">
            {l.subjectType}
          </Text>
        </Fact>
        <Fact label="Type / priority">
          <Group gap={6}>
            <Text size="sm">{TYPE_LABELS[l.type]}</Text>
            <Badge color={PRIORITY_COLORS[l.priority]} variant="light">
              {l.priority}
            </Badge>
          </Group>
        </Fact>
        <Fact label="Due">
          <Text size="sm" c={l.overdue ? 'red.8' : undefined} fw={l.overdue ? 700 : 500}>
            {l.dueDate} {l.overdue && '(overdue)'}
          </Text>
        </Fact>
        <Fact label="Owner">
          <Text size="sm">{l.owner}</Text>
        </Fact>
        <Fact label="Field office">
          <Text size="sm">{l.fieldOffice ?? 'Not referred'}</Text>
        </Fact>
        <Fact label="Opened">
          <Text size="sm">{l.createdAt.slice(0, 10)}</Text>
        </Fact>
        <Fact label="Outcome">
          <Text size="sm" fw={l.outcome ? 700 : undefined} data-testid="lead-outcome">
            {l.outcome ? OUTCOME_LABELS[l.outcome] : '—'}
          </Text>
        </Fact>
      </SimpleGrid>
      {l.summary && (
        <Text size="sm" mt="md" style={{ whiteSpace: 'pre-wrap' }}>
          {l.summary}
        </Text>
      )}
      {l.outcome && l.outcomeNote && (
        <Alert color="green" mt="md" title={`Outcome: ${OUTCOME_LABELS[l.outcome]}`}>
          {l.outcomeNote}
        </Alert>
      )}
    </Paper>
  );
}

function Actions({ actions, onPick }: { actions: LeadAction[]; onPick: (a: LeadAction) => void }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid="lead-actions">
      <Title order={2} size="h4" mb="sm">
        Next steps
      </Title>
      {actions.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing for you to do on this lead now.
        </Text>
      ) : (
        <Group gap="sm">
          {actions.map((a) => (
            <Button key={a} color={ACTION_TEXT[a].color} variant={a === 'close' || a === 'decline' || a === 'return_for_research' ? 'default' : 'filled'} onClick={() => onPick(a)}>
              {ACTION_TEXT[a].label}
            </Button>
          ))}
        </Group>
      )}
    </Paper>
  );
}

export function LeadPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const user = useCurrentUser();
  const lead = useLead(id);
  const [action, setAction] = useState<LeadAction | null>(null);
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  usePageTitle(lead.data ? `Lead ${lead.data.lead.number}` : 'Lead');
  const canWork = user.roles.some((r) => r === 'analyst' || r === 'supervisor' || r === 'field_agent');

  if (lead.isPending) {
    return (
      <Center p="xl">
        <Loader />
      </Center>
    );
  }
  if (lead.error instanceof ApiError && lead.error.status === 404) {
    // The same page for "no such lead" and "not yours" (another office's lead): nothing is revealed.
    return (
      <Paper withBorder radius="md" p="xl" data-testid="lead-not-found">
        <Title order={2} size="h3" mb="xs">
          Lead not found
        </Title>
        <Text size="sm" mb="md">
          There is no lead here that you may see. Field agents see the leads referred to their office.
        </Text>
        <Button component={Link} to="/leads" variant="default" leftSection={<IconArrowLeft size={16} />}>
          Back to leads
        </Button>
      </Paper>
    );
  }
  if (lead.error || !lead.data) return <ApiErrorAlert error={lead.error} title="Could not open the lead" />;
  const d = lead.data;
  return (
    <>
      <Anchor component={Link} to="/leads" size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={14} /> Leads
      </Anchor>
      <PageHeader
        title={`${d.lead.number}: ${d.lead.title}`}
        actions={
          <Button component="a" href={referralPdfUrl(d.lead.id)} target="_blank" rel="noopener" variant="default" leftSection={<IconFileTypePdf size={18} />}>
            Referral package (PDF)
          </Button>
        }
      />
      {notice && (
        <Alert color="green" icon={<IconCircleCheck />} withCloseButton onClose={() => setNotice(null)} mb="md" data-testid="lead-notice">
          {notice}
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <Summary d={d} />
            <SubjectSummaryPanel subject={d.subject} />
            <Actions actions={d.actions} onPick={setAction} />
            <EvidencePanel lead={d} canAdd={canWork && d.lead.state !== 'closed'} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <OverlapsPanel lead={d} canCheck={canWork && d.lead.state !== 'closed'} />
            <LeadTimeline lead={d} />
          </Stack>
        </Grid.Col>
      </Grid>
      {action && (
        <ActionModal
          leadId={d.lead.id}
          action={action}
          onClose={() => setAction(null)}
          onDone={(m) => {
            setAction(null);
            setNotice(m);
          }}
        />
      )}
    </>
  );
}
