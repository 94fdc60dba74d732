import { Button, Center, Group, Loader, Paper, Stack, Tabs, Text } from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconListSearch, IconShieldCheck } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { auditExtractUrl } from '../api/endpoints';
import { useCurrentUser } from '../auth/session';
import type { AuditFilters } from '../api/types';
import { ApiErrorAlert } from '../components/api-error-alert';
import { PageHeader } from '../layout/page-header';
import { usePageTitle } from '../layout/use-page-title';
import { AuditAlertsPanel } from './audit-alerts';
import { AuditFiltersForm } from './audit-filters';
import { useAuditEvents, useVerifyChain } from './audit-queries';
import { activeFilterCount, filtersFromParams, filtersToParams } from './audit-search-params';
import { AuditTable } from './audit-table';
import { VerifyChainResult } from './verify-chain';

function distinct(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => Boolean(v)))].sort();
}

/** Alerts are for the auditors and the privacy officer (GET /api/audit/alerts). */
function seesAlerts(roles: readonly string[]): boolean {
  return roles.includes('auditor') || roles.includes('privacy_officer');
}

export function AuditPage() {
  usePageTitle('Audit');
  const user = useCurrentUser();
  const location = useLocation();
  const navigate = useNavigate();
  const alertsTab = seesAlerts(user.roles) && location.pathname.replace(/\/+$/, '').endsWith('/audit/alerts');
  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every sign-in, read, change and export, in order. The trail is append-only and hash-chained."
      />
      {seesAlerts(user.roles) ? (
        <Tabs value={alertsTab ? 'alerts' : 'events'} onChange={(v) => void navigate(v === 'alerts' ? '/audit/alerts' : '/audit')} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="events" leftSection={<IconListSearch size={16} />}>
              Events
            </Tabs.Tab>
            <Tabs.Tab value="alerts" leftSection={<IconAlertTriangle size={16} />}>
              Alerts
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="events">
            <AuditEvents />
          </Tabs.Panel>
          <Tabs.Panel value="alerts">
            <AuditAlertsPanel />
          </Tabs.Panel>
        </Tabs>
      ) : (
        <AuditEvents />
      )}
    </>
  );
}

function AuditEvents() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const events = useAuditEvents(filters);
  const verify = useVerifyChain();

  const rows = useMemo(() => events.data?.pages.flatMap((p) => p.events) ?? [], [events.data]);
  const actors = useMemo(() => distinct(rows.map((e) => e.actorUsername)), [rows]);
  const actions = useMemo(() => distinct(rows.map((e) => e.action)), [rows]);
  const apply = (next: AuditFilters) => setParams(filtersToParams(next));
  const filtered = activeFilterCount(filters) > 0;

  return (
    <>
      <Group justify="flex-end" gap="sm" mb="md">
        <Button
          component="a"
          href={auditExtractUrl(filters)}
          download
          variant="default"
          leftSection={<IconDownload size={18} />}
          data-testid="audit-extract"
        >
          Download extract
        </Button>
        <Button
          variant="light"
          leftSection={<IconShieldCheck size={18} />}
          onClick={() => verify.mutate()}
          loading={verify.isPending}
        >
          Verify chain
        </Button>
      </Group>
      <Stack gap="md">
        {verify.data && <VerifyChainResult result={verify.data} onClose={() => verify.reset()} />}
        {verify.error && <ApiErrorAlert error={verify.error} title="Could not verify the chain" />}
        {/* Re-mount the form when the address changes so it shows the applied filters. */}
        <AuditFiltersForm
          key={params.toString()}
          applied={filters}
          actors={actors}
          actions={actions}
          onApply={apply}
        />
        <Paper withBorder radius="md">
          {events.isPending && (
            <Center p="xl">
              <Loader aria-label="Loading audit events" />
            </Center>
          )}
          {events.error && !events.data && (
            <Stack p="md">
              <ApiErrorAlert error={events.error} title="Could not load audit events" />
            </Stack>
          )}
          {events.data && rows.length === 0 && (
            <Stack align="center" gap={4} p="xl" data-testid="audit-empty">
              <IconListSearch size={32} color="var(--mantine-color-gray-5)" />
              <Text fw={600}>No audit events</Text>
              <Text size="sm" c="dimmed">
                {filtered
                  ? 'Nothing matches these filters. Widen the time range or clear a filter.'
                  : 'Nothing has been recorded yet.'}
              </Text>
            </Stack>
          )}
          {rows.length > 0 && <AuditTable events={rows} />}
          {events.data && rows.length > 0 && (
            <Group
              justify="space-between"
              p="md"
              style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
            >
              <Text size="sm" c="dimmed" data-testid="audit-count">
                Showing {rows.length.toLocaleString('en-US')}{' '}
                {rows.length === 1 ? 'event' : 'events'}
                {filtered ? ' matching the filters' : ''}
                {events.hasNextPage ? '' : ' — end of the trail'}
              </Text>
              {events.hasNextPage && (
                <Button
                  variant="default"
                  onClick={() => void events.fetchNextPage()}
                  loading={events.isFetchingNextPage}
                >
                  Load more
                </Button>
              )}
            </Group>
          )}
          {events.isFetchNextPageError && (
            <Stack p="md">
              <ApiErrorAlert error={events.error} title="Could not load more events" />
            </Stack>
          )}
        </Paper>
      </Stack>
    </>
  );
}
