import { Button, Group, Modal, MultiSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import type { UserRow } from '../api/types';
import { ApiErrorAlert } from '../components/api-error-alert';
import { ROLE_OPTIONS } from '../lib/roles';
import { fieldErrors } from '../lib/validation-details';
import { changedFields } from './user-changes';
import { useUpdateUser } from './users-queries';

interface EditUserModalProps {
  user: UserRow;
  opened: boolean;
  onClose: () => void;
  onSaved: (user: UserRow) => void;
}

export function EditUserModal({ user, opened, onClose, onSaved }: EditUserModalProps) {
  const update = useUpdateUser();
  const [form, setForm] = useState({
    displayName: user.displayName,
    roles: user.roles,
    fieldOffice: user.fieldOffice ?? '',
  });
  const errors = update.error instanceof ApiError ? fieldErrors(update.error.details) : {};
  const changes = changedFields(user, form);
  const unchanged = Object.keys(changes).length === 0;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ id: user.id, input: changes }, { onSuccess: onSaved });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={`Edit ${user.username}`} size="lg" centered>
      <form onSubmit={onSubmit} noValidate aria-label={`Edit ${user.username}`}>
        <Stack gap="md">
          {update.error && (
            <ApiErrorAlert error={update.error} title="Could not save the changes" />
          )}
          <TextInput
            label="Display name"
            required
            value={form.displayName}
            onChange={(e) => {
              const displayName = e.currentTarget.value;
              setForm((f) => ({ ...f, displayName }));
            }}
            error={errors.displayName}
          />
          <MultiSelect
            label="Roles"
            required
            data={ROLE_OPTIONS}
            searchable
            value={form.roles}
            onChange={(roles) => setForm((f) => ({ ...f, roles }))}
            error={errors.roles}
          />
          <TextInput
            label="Field office"
            placeholder="None"
            value={form.fieldOffice}
            onChange={(e) => {
              const fieldOffice = e.currentTarget.value;
              setForm((f) => ({ ...f, fieldOffice }));
            }}
            error={errors.fieldOffice}
          />
          <Text size="xs" c="dimmed">
            Role changes take effect at the user’s next request.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={update.isPending}
              disabled={unchanged || form.roles.length === 0}
            >
              Save changes
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
