import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { hasPermission, useCurrentUser } from '../auth/session';
import { ApiErrorAlert } from '../components/api-error-alert';
import { CreateLeadButton, type CreateLeadButtonProps } from './create-lead-button';
import { OUTCOME_LABELS, STATE_COLORS, stateLabel } from './lead-labels';
import { useSubjectLeads } from './leads-api';

/**
 * For a profile page: the leads on this subject with their state and field-office outcome (how
 * outcomes feed back into the profile), and "Create lead" for a finding made by hand.
 */
export function SubjectLeadsPanel(props: CreateLeadButtonProps) {
  const user = useCurrentUser();
  const mayRead = hasPermission(user, 'leads');
  const leads = useSubjectLeads(props.subjectId);
  if (!mayRead) return null;
  const list = leads.data?.leads ?? [];
  return (
    <Paper withBorder radius="md" p="md" data-testid="subject-leads">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Leads ({list.length})
        </Title>
        <CreateLeadButton
          type="OTHER"
          title={`Lead on ${props.subjectName ?? 'this subject'}`}
          fromStatus={hasPermission(user, 'status') && props.type === undefined}
          {...props}
        />
      </Group>
      {leads.error && <ApiErrorAlert error={leads.error} title="Could not load the leads" />}
      {leads.data && list.length === 0 && (
        <Text size="sm" c="dimmed">
          No leads on this subject.
        </Text>
      )}
      <Stack gap="xs">
        {list.map((l) => (
          <Group key={l.id} gap="sm" wrap="nowrap">
            <Anchor component={Link} to={`/leads/${l.id}`} size="sm" fw={600}>
              {l.number}
            </Anchor>
            <Badge color={STATE_COLORS[l.state]} variant="light" size="sm">
              {stateLabel(l.state)}
            </Badge>
            <Text size="sm" lineClamp={1}>
              {l.title}
            </Text>
            {l.outcome && (
              <Badge color="green" size="sm">
                {OUTCOME_LABELS[l.outcome]}
                {l.fieldOffice ? ` (${l.fieldOffice})` : ''}
              </Badge>
            )}
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
