import { Avatar, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useCurrentUser, useSignOut } from '../auth/session';
import { roleColor, roleLabel } from '../lib/roles';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return parts
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? '')
    .join('');
}

export function UserBox() {
  const user = useCurrentUser();
  const signOut = useSignOut();
  const navigate = useNavigate();

  const onSignOut = () => {
    signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in', { replace: true }) });
  };

  return (
    <Group gap="md" wrap="nowrap" data-testid="user-box">
      <Group gap="sm" wrap="nowrap" visibleFrom="sm">
        <Avatar color="navy" radius="xl" size={34}>
          {initials(user.displayName)}
        </Avatar>
        <Stack gap={2}>
          <Text size="sm" fw={600} lh={1.2} data-testid="user-display-name">
            {user.displayName}
            {user.fieldOffice && (
              <Text span size="xs" c="dimmed" fw={400}>
                {' '}
                · {user.fieldOffice}
              </Text>
            )}
          </Text>
          <Group gap={4} wrap="nowrap" data-testid="user-roles">
            {user.roles.map((role) => (
              <Badge key={role} size="xs" variant="light" color={roleColor(role)}>
                {roleLabel(role)}
              </Badge>
            ))}
          </Group>
        </Stack>
      </Group>
      <Button
        variant="default"
        size="sm"
        leftSection={<IconLogout size={16} />}
        onClick={onSignOut}
        loading={signOut.isPending}
      >
        Sign out
      </Button>
    </Group>
  );
}
