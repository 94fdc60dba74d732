import { Button, Group, Modal, MultiSelect, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import type { Role, UserRow } from '../api/types';
import { ApiErrorAlert } from '../components/api-error-alert';
import { ROLE_OPTIONS } from '../lib/roles';
import { fieldErrors } from '../lib/validation-details';
import { useCreateUser } from './users-queries';

interface CreateUserModalProps {
  opened: boolean;
  onClose: () => void;
  onCreated: (user: UserRow) => void;
}

const EMPTY = { username: '', displayName: '', roles: [] as Role[], fieldOffice: '', password: '' };

export function CreateUserModal({ opened, onClose, onCreated }: CreateUserModalProps) {
  const create = useCreateUser();
  const [form, setForm] = useState(EMPTY);
  const set = <K extends keyof typeof EMPTY>(key: K, value: (typeof EMPTY)[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const errors = create.error instanceof ApiError ? fieldErrors(create.error.details) : {};

  const reset = () => {
    setForm(EMPTY);
    create.reset();
  };
  const cancel = () => {
    reset();
    onClose();
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const fieldOffice = form.fieldOffice.trim();
    create.mutate(
      {
        username: form.username.trim(),
        displayName: form.displayName.trim(),
        roles: form.roles,
        password: form.password,
        ...(fieldOffice ? { fieldOffice } : {}),
      },
      {
        onSuccess: (user) => {
          reset();
          onCreated(user);
        },
      },
    );
  };
  const complete =
    form.username.trim() && form.displayName.trim() && form.roles.length > 0 && form.password;

  return (
    <Modal opened={opened} onClose={cancel} title="New user" size="lg" centered>
      <form onSubmit={onSubmit} noValidate aria-label="New user">
        <Stack gap="md">
          {create.error && <ApiErrorAlert error={create.error} title="Could not create the user" />}
          <Group grow align="flex-start">
            <TextInput
              label="Username"
              description="Used to sign in; cannot be changed later"
              required
              data-autofocus
              autoComplete="off"
              value={form.username}
              onChange={(e) => set('username', e.currentTarget.value)}
              error={errors.username}
            />
            <TextInput
              label="Display name"
              description="Shown in the header and the audit trail"
              required
              autoComplete="off"
              value={form.displayName}
              onChange={(e) => set('displayName', e.currentTarget.value)}
              error={errors.displayName}
            />
          </Group>
          <MultiSelect
            label="Roles"
            description="Each role opens the areas and records its duties need"
            required
            data={ROLE_OPTIONS}
            searchable
            value={form.roles}
            onChange={(value) => set('roles', value)}
            error={errors.roles}
            comboboxProps={{ withinPortal: true }}
            placeholder={form.roles.length ? undefined : 'Pick one or more'}
          />
          <Group grow align="flex-start">
            <TextInput
              label="Field office"
              description="Needed for field agents; leads are referred to an office"
              placeholder="e.g. NYC"
              autoComplete="off"
              value={form.fieldOffice}
              onChange={(e) => set('fieldOffice', e.currentTarget.value)}
              error={errors.fieldOffice}
            />
            <PasswordInput
              label="Initial password"
              description="Give it to the user through an approved channel"
              required
              autoComplete="new-password"
              value={form.password}
              onChange={(e) => set('password', e.currentTarget.value)}
              error={errors.password}
            />
          </Group>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={cancel}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!complete}>
              Create user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
