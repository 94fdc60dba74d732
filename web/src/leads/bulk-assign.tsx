import { Button, Group, Select, Text } from '@mantine/core';
import { useState } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert';
import { useAssign, useAssignees } from './leads-api';

interface BulkAssignBarProps {
  ids: string[];
  onDone: (message: string) => void;
}

/** A supervisor hands the selected leads to one analyst (closed leads are left alone). */
export function BulkAssignBar({ ids, onDone }: BulkAssignBarProps) {
  const assignees = useAssignees(true);
  const assign = useAssign();
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const options = (assignees.data?.users ?? []).map((u) => ({
    value: u.id,
    label: `${u.displayName} (${u.username})`,
  }));
  const submit = () => {
    if (!ownerId) return;
    const who = options.find((o) => o.value === ownerId)?.label ?? 'the analyst';
    assign.mutate(
      { ids, ownerId },
      {
        onSuccess: (r) => {
          setOwnerId(null);
          onDone(`Assigned ${r.assigned} ${r.assigned === 1 ? 'lead' : 'leads'} to ${who}.`);
        },
      },
    );
  };
  return (
    <Group px="md" py="sm" bg="blue.0" gap="sm" data-testid="bulk-assign">
      <Text size="sm" fw={600}>
        {ids.length} selected
      </Text>
      <Select
        aria-label="Assign to"
        placeholder={assignees.isPending ? 'Loading analysts…' : 'Assign to…'}
        data={options}
        value={ownerId}
        onChange={setOwnerId}
        searchable
        w={300}
        comboboxProps={{ withinPortal: true }}
      />
      <Button onClick={submit} disabled={!ownerId} loading={assign.isPending}>
        Assign
      </Button>
      {assign.error && <ApiErrorAlert error={assign.error} title="Could not assign" />}
    </Group>
  );
}
