import { Alert, Badge, Card, Group, SimpleGrid, Text, ThemeIcon } from '@mantine/core';
import { IconChevronRight, IconInfoCircle } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCurrentUser } from '../auth/session';
import { visibleAreas } from '../lib/areas';
import { roleLabel } from '../lib/roles';
import { AREA_ICONS } from '../layout/area-icons';
import { PageHeader } from '../layout/page-header';
import { usePageTitle } from '../layout/use-page-title';

export function HomePage() {
  usePageTitle('Home');
  const user = useCurrentUser();
  const areas = visibleAreas(user.permissions);
  const roles = user.roles.map(roleLabel).join(', ');
  return (
    <>
      <PageHeader
        title={`Welcome, ${user.displayName}`}
        description={`Signed in as ${user.username} · ${roles}${user.fieldOffice ? ` · ${user.fieldOffice} field office` : ''}`}
      />
      {areas.length === 0 ? (
        <Alert color="yellow" icon={<IconInfoCircle />} title="No areas assigned">
          Your account has no roles that open an area of LeadTrac. Ask the system administrator to
          assign one.
        </Alert>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" data-testid="home-areas">
          {areas.map((area) => {
            const Icon = AREA_ICONS[area.permission];
            return (
              <Card
                key={area.path}
                component={Link}
                to={area.path}
                withBorder
                radius="md"
                padding="lg"
                style={{ textDecoration: 'none' }}
              >
                <Group justify="space-between" wrap="nowrap" mb="sm">
                  <Group gap="sm" wrap="nowrap">
                    <ThemeIcon variant="light" size={38} radius="md">
                      <Icon size={22} stroke={1.7} />
                    </ThemeIcon>
                    <Text fw={650} size="lg">
                      {area.label}
                    </Text>
                  </Group>
                  <IconChevronRight size={18} color="var(--mantine-color-gray-5)" />
                </Group>
                <Text size="sm" c="dimmed" mb="sm">
                  {area.description}.
                </Text>
                {area.built ? (
                  <Badge variant="light" color="green" size="sm">
                    Available
                  </Badge>
                ) : (
                  <Badge variant="light" color="gray" size="sm">
                    Not available yet in this build
                  </Badge>
                )}
              </Card>
            );
          })}
        </SimpleGrid>
      )}
    </>
  );
}
