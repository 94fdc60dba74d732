import { Alert, Button, Group, Paper, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { IconCircleCheck, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import type { UserRow } from '../api/types';
import { ApiErrorAlert } from '../components/api-error-alert';
import { PageHeader } from '../layout/page-header';
import { usePageTitle } from '../layout/use-page-title';
import { CreateUserModal } from './create-user-modal';
import { DisableUserModal } from './disable-user-modal';
import { EditUserModal } from './edit-user-modal';
import { ResetPasswordModal } from './reset-password-modal';
import { useUpdateUser, useUsers } from './users-queries';
import { UsersTable } from './users-table';

type Dialog = { kind: 'create' } | { kind: 'edit' | 'password' | 'disable'; user: UserRow } | null;

export function UsersPage() {
  usePageTitle('Admin · Users');
  const users = useUsers();
  const enable = useUpdateUser();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [filter, setFilter] = useState('');
  const [notice, setNotice] = useState<string | null>(null);

  const close = () => setDialog(null);
  const done = (message: string) => {
    setDialog(null);
    setNotice(message);
  };
  const onEnable = (user: UserRow) => {
    enable.mutate(
      { id: user.id, input: { disabled: false } },
      { onSuccess: () => setNotice(`${user.username} can sign in again.`) },
    );
  };

  return (
    <>
      <PageHeader
        title="Users"
        description="Accounts, roles and field offices. Roles decide which areas and records a user may see."
        actions={
          <Button
            leftSection={<IconUserPlus size={18} />}
            onClick={() => setDialog({ kind: 'create' })}
          >
            New user
          </Button>
        }
      />
      <Stack gap="md">
        {notice && (
          <Alert
            color="green"
            icon={<IconCircleCheck />}
            withCloseButton
            onClose={() => setNotice(null)}
            data-testid="admin-notice"
          >
            {notice}
          </Alert>
        )}
        {enable.error && (
          <ApiErrorAlert error={enable.error} title="Could not enable the account" />
        )}
        <Paper withBorder radius="md">
          <Group p="md" justify="space-between">
            <TextInput
              placeholder="Filter by username, name, role or office"
              leftSection={<IconSearch size={16} />}
              value={filter}
              onChange={(e) => setFilter(e.currentTarget.value)}
              w={360}
              aria-label="Filter users"
            />
            {users.data && (
              <Text size="sm" c="dimmed">
                {users.data.length} {users.data.length === 1 ? 'account' : 'accounts'}
              </Text>
            )}
          </Group>
          {users.isPending && (
            <Stack p="md" gap="xs">
              {[0, 1, 2, 3].map((i) => (
                <Skeleton key={i} h={32} />
              ))}
            </Stack>
          )}
          {users.error && (
            <Stack p="md">
              <ApiErrorAlert error={users.error} title="Could not load users" />
            </Stack>
          )}
          {users.data && (
            <UsersTable
              users={users.data}
              filter={filter}
              onEdit={(user) => setDialog({ kind: 'edit', user })}
              onResetPassword={(user) => setDialog({ kind: 'password', user })}
              onDisable={(user) => setDialog({ kind: 'disable', user })}
              onEnable={onEnable}
            />
          )}
        </Paper>
      </Stack>
      <CreateUserModal
        opened={dialog?.kind === 'create'}
        onClose={close}
        onCreated={(u) => done(`Created ${u.username}.`)}
      />
      {dialog && dialog.kind !== 'create' && (
        <Fragment key={`${dialog.kind}:${dialog.user.id}`}>
          <EditUserModal
            user={dialog.user}
            opened={dialog.kind === 'edit'}
            onClose={close}
            onSaved={(u) => done(`Saved changes to ${u.username}.`)}
          />
          <ResetPasswordModal
            user={dialog.user}
            opened={dialog.kind === 'password'}
            onClose={close}
            onDone={(u) => done(`Password reset for ${u.username}.`)}
          />
          <DisableUserModal
            user={dialog.user}
            opened={dialog.kind === 'disable'}
            onClose={close}
            onDone={(u) => done(`${u.username} is disabled and can no longer sign in.`)}
          />
        </Fragment>
      )}
    </>
  );
}
