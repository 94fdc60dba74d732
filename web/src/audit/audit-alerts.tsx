import { Anchor, Badge, Center, Group, Loader, Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconBellCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { AuditAlert, AuditAlertKind, AuditFilters } from '../api/types';
import { ApiErrorAlert } from '../components/api-error-alert';
import { useAuditAlerts } from './audit-queries';
import { filtersToParams } from './audit-search-params';

const KIND_LABELS: Record<AuditAlertKind, string> = {
  unusual_volume: 'Unusual volume',
  outside_office: 'Outside office',
  refused_sensitive: 'Refused sensitive reads',
  bulk_export: 'Bulk export',
};

/** The audit-trail view of the events behind an alert: the whole UTC day(s), the user, the action. */
export function alertEventsPath(a: Pick<AuditAlert, 'filter'>): string {
  const filters: AuditFilters = {
    actor: a.filter.actor,
    action: a.filter.action,
    subject: '',
    from: `${a.filter.from}T00:00:00.000Z`,
    to: `${a.filter.to}T23:59:59.999Z`,
  };
  return `/audit?${filtersToParams(filters).toString()}`;
}

function AlertsTable({ alerts }: { alerts: AuditAlert[] }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" horizontalSpacing="sm" highlightOnHover data-testid="alerts-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Severity</Table.Th>
            <Table.Th>Alert</Table.Th>
            <Table.Th>User</Table.Th>
            <Table.Th>Day (UTC)</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {alerts.map((a, i) => (
            <Table.Tr key={`${a.kind}-${a.actor}-${a.day}-${i}`} data-testid="alert-row">
              <Table.Td>
                <Badge color={a.severity === 'high' ? 'red' : 'orange'} variant="light">
                  {a.severity}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {KIND_LABELS[a.kind]}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {a.actor}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{a.day}</Table.Td>
              <Table.Td>
                <Text size="sm">{a.reason}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Anchor component={Link} to={alertEventsPath(a)} size="sm">
                  Show events
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The "Alerts" tab of the Audit page: unusual access found in the trail, each with its reason. */
export function AuditAlertsPanel() {
  const [days, setDays] = useState('7');
  const alerts = useAuditAlerts(Number(days));
  const t = alerts.data?.thresholds;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed" maw={760}>
          A user reading far more distinct subjects in a day than their own 30-day daily average, field
          agents refused outside what was referred to their office, repeated refused reads of sensitive or
          marked content, and bulk exports.
          {t && ` Thresholds: ${t.factor}× the average and over ${t.floor} subjects; ${t.refusals} refusals; ${t.exportRows.toLocaleString('en-US')} exported rows.`}
        </Text>
        <SegmentedControl
          value={days}
          onChange={setDays}
          aria-label="Alert window"
          data={[
            { value: '1', label: 'Today' },
            { value: '7', label: '7 days' },
            { value: '30', label: '30 days' },
          ]}
        />
      </Group>
      <Paper withBorder radius="md">
        {alerts.isPending && (
          <Center p="xl">
            <Loader aria-label="Loading alerts" />
          </Center>
        )}
        {alerts.error && (
          <Stack p="md">
            <ApiErrorAlert error={alerts.error} title="Could not load the alerts" />
          </Stack>
        )}
        {alerts.data && alerts.data.alerts.length === 0 && (
          <Stack align="center" gap={4} p="xl" data-testid="alerts-empty">
            <IconBellCheck size={32} color="var(--mantine-color-gray-5)" />
            <Text fw={600}>No alerts</Text>
            <Text size="sm" c="dimmed">
              Nothing unusual from {alerts.data.from} to {alerts.data.to}.
            </Text>
          </Stack>
        )}
        {alerts.data && alerts.data.alerts.length > 0 && <AlertsTable alerts={alerts.data.alerts} />}
      </Paper>
    </Stack>
  );
}
