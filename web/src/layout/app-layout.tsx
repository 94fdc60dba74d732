import { AppShell, Box, Burger, Group, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconGitMerge, IconHome } from '@tabler/icons-react';
import { NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { useCurrentUser } from '../auth/session';
import { visibleAreas } from '../lib/areas';
import { AREA_ICONS } from './area-icons';
import { Brand } from './brand';
import { BANNER_HEIGHT } from './classification-banner';
import { UserBox } from './user-box';

const APP_BAR_HEIGHT = 56;

export function AppLayout() {
  const user = useCurrentUser();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const areas = visibleAreas(user.permissions);
  const isActive = (path: string) =>
    location.pathname === path || location.pathname.startsWith(`${path}/`);

  return (
    <AppShell
      header={{ height: BANNER_HEIGHT + APP_BAR_HEIGHT }}
      footer={{ height: BANNER_HEIGHT }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        {/* Room for the fixed classification banner drawn above the shell. */}
        <Box h={BANNER_HEIGHT} />
        <Group h={APP_BAR_HEIGHT} px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <RouterNavLink to="/" style={{ textDecoration: 'none' }} aria-label="LeadTrac home">
              <Brand />
            </RouterNavLink>
          </Group>
          <UserBox />
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label="Main navigation">
        <AppShell.Section grow component={ScrollArea}>
          <nav data-testid="main-nav">
            <NavLink
              component={RouterNavLink}
              to="/"
              label="Home"
              leftSection={<IconHome size={18} stroke={1.7} />}
              active={location.pathname === '/'}
              onClick={close}
            />
            {areas.map((area) => {
              const Icon = AREA_ICONS[area.permission];
              return (
                <NavLink
                  key={area.path}
                  component={RouterNavLink}
                  to={area.path}
                  label={area.label}
                  leftSection={<Icon size={18} stroke={1.7} />}
                  active={isActive(area.path)}
                  onClick={close}
                />
              );
            })}
            {user.permissions.includes('search') && (
              <NavLink
                component={RouterNavLink}
                to="/review"
                label="Match review"
                leftSection={<IconGitMerge size={18} stroke={1.7} />}
                active={isActive('/review')}
                onClick={close}
              />
            )}
          </nav>
        </AppShell.Section>
        <AppShell.Section pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
          <Text size="xs" c="dimmed" px="xs">
            Activity in LeadTrac is recorded in the audit trail. Use records only for an official
            purpose.
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main bg="gray.0">
        <Outlet />
      </AppShell.Main>

      <AppShell.Footer withBorder={false}>
        <Box h={BANNER_HEIGHT} />
      </AppShell.Footer>
    </AppShell>
  );
}
