import { Tabs } from '@mantine/core';
import { useLocation, useNavigate, useSearchParams } from 'react-router';

const TABS = [
  { path: '/status', label: 'Assessment runs' },
  { path: '/status/report', label: 'Fiscal-year report' },
  { path: '/status/violators', label: 'Suspected violators' },
] as const;

/** The pages of the Status area, as tabs under each page's header. */
export function StatusTabs() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  // The snapshot being looked at goes along from page to page.
  const asOf = useSearchParams()[0].get('asOf');
  const current = TABS.find((t) => t.path === pathname.replace(/\/$/, ''))?.path ?? '/status';
  return (
    <Tabs value={current} onChange={(v) => v && void navigate(asOf ? `${v}?asOf=${encodeURIComponent(asOf)}` : v)} mb="md">
      <Tabs.List aria-label="Status pages">
        {TABS.map((t) => (
          <Tabs.Tab key={t.path} value={t.path}>
            {t.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
