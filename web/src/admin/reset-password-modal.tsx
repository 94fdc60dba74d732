import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import type { UserRow } from '../api/types';
import { ApiErrorAlert } from '../components/api-error-alert';
import { fieldErrors } from '../lib/validation-details';
import { useResetPassword } from './users-queries';

interface ResetPasswordModalProps {
  user: UserRow;
  opened: boolean;
  onClose: () => void;
  onDone: (user: UserRow) => void;
}

export function ResetPasswordModal({ user, opened, onClose, onDone }: ResetPasswordModalProps) {
  const reset = useResetPassword();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const mismatch = confirm.length > 0 && confirm !== password;
  const errors = reset.error instanceof ApiError ? fieldErrors(reset.error.details) : {};

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mismatch) return;
    reset.mutate({ id: user.id, password }, { onSuccess: () => onDone(user) });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={`Reset password for ${user.username}`} centered>
      <form onSubmit={onSubmit} noValidate aria-label="Reset password">
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {user.displayName} will sign in with the new password. Give it to them through an
            approved channel.
          </Text>
          {reset.error && (
            <ApiErrorAlert error={reset.error} title="Could not reset the password" />
          )}
          <PasswordInput
            label="New password"
            required
            data-autofocus
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
          />
          <PasswordInput
            label="Confirm new password"
            required
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={mismatch ? 'The passwords do not match' : undefined}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={reset.isPending}
              disabled={!password || confirm !== password}
            >
              Reset password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
