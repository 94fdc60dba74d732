import {
  ActionIcon,
  Badge,
  Group,
  Menu,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { IconDots, IconKey, IconPencil, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import type { UserRow } from '../api/types';
import { useCurrentUser } from '../auth/session';
import { formatUtc } from '../lib/format';
import { roleColor, roleLabel } from '../lib/roles';
import { matchesFilter } from './user-changes';

interface UsersTableProps {
  users: UserRow[];
  filter: string;
  onEdit: (user: UserRow) => void;
  onResetPassword: (user: UserRow) => void;
  onDisable: (user: UserRow) => void;
  onEnable: (user: UserRow) => void;
}

export function UsersTable({
  users,
  filter,
  onEdit,
  onResetPassword,
  onDisable,
  onEnable,
}: UsersTableProps) {
  const me = useCurrentUser();
  const rows = users
    .filter((u) => matchesFilter(u, filter))
    .sort((a, b) => a.username.localeCompare(b.username));

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table
        striped
        highlightOnHover
        verticalSpacing="sm"
        horizontalSpacing="md"
        data-testid="users-table"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Username</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Roles</Table.Th>
            <Table.Th>Field office</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Last sign-in</Table.Th>
            <Table.Th w={60}>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((user) => (
            <Table.Tr key={user.id} data-username={user.username}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text ff="monospace" size="sm" fw={600}>
                    {user.username}
                  </Text>
                  {user.isServiceAccount && (
                    <Tooltip label="Signs in with an API token, not a password">
                      <Badge size="xs" variant="outline" color="gray">
                        Service
                      </Badge>
                    </Tooltip>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{user.displayName}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {user.roles.map((role) => (
                    <Badge key={role} size="sm" variant="light" color={roleColor(role)}>
                      {roleLabel(role)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                {user.fieldOffice ?? (
                  <Text c="dimmed" size="sm">
                    —
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {user.disabled ? (
                  <Badge color="red" variant="filled" size="sm" data-testid="user-status">
                    Disabled
                  </Badge>
                ) : (
                  <Badge color="green" variant="light" size="sm" data-testid="user-status">
                    Active
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {user.lastLoginAt ? (
                  <Text size="sm">{formatUtc(user.lastLoginAt, false)}</Text>
                ) : (
                  <Text size="sm" c="dimmed">
                    Never
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <RowMenu
                  user={user}
                  isSelf={user.id === me.id}
                  onEdit={onEdit}
                  onResetPassword={onResetPassword}
                  onDisable={onDisable}
                  onEnable={onEnable}
                />
              </Table.Td>
            </Table.Tr>
          ))}
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={7}>
                <Text c="dimmed" ta="center" py="lg">
                  No users match “{filter}”.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

type RowMenuProps = Omit<UsersTableProps, 'users' | 'filter'> & { user: UserRow; isSelf: boolean };

function RowMenu({ user, isSelf, onEdit, onResetPassword, onDisable, onEnable }: RowMenuProps) {
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={220}>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${user.username}`}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => onEdit(user)}>
          Edit roles and office
        </Menu.Item>
        <Menu.Item
          leftSection={<IconKey size={16} />}
          disabled={user.isServiceAccount}
          onClick={() => onResetPassword(user)}
        >
          Reset password
        </Menu.Item>
        <Menu.Divider />
        {user.disabled ? (
          <Menu.Item
            leftSection={<IconUserCheck size={16} />}
            color="green"
            onClick={() => onEnable(user)}
          >
            Enable account
          </Menu.Item>
        ) : (
          // Disabling your own account would lock the last administrator out.
          <Menu.Item
            leftSection={<IconUserOff size={16} />}
            color="red"
            disabled={isSelf}
            onClick={() => onDisable(user)}
          >
            {isSelf ? 'Cannot disable yourself' : 'Disable account'}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
