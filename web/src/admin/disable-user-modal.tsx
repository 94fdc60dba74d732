import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { UserRow } from '../api/types';
import { ApiErrorAlert } from '../components/api-error-alert';
import { useUpdateUser } from './users-queries';

interface DisableUserModalProps {
  user: UserRow;
  opened: boolean;
  onClose: () => void;
  onDone: (user: UserRow) => void;
}

export function DisableUserModal({ user, opened, onClose, onDone }: DisableUserModalProps) {
  const update = useUpdateUser();
  const onConfirm = () => {
    update.mutate({ id: user.id, input: { disabled: true } }, { onSuccess: () => onDone(user) });
  };
  return (
    <Modal opened={opened} onClose={onClose} title={`Disable ${user.username}?`} centered>
      <Stack gap="md">
        <Text size="sm">
          {user.displayName} will no longer be able to sign in. Their records and audit history are
          kept, and the account can be enabled again later.
        </Text>
        {update.error && (
          <ApiErrorAlert error={update.error} title="Could not disable the account" />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" onClick={onConfirm} loading={update.isPending}>
            Disable account
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
