import { Autocomplete, Button, Group, Paper, SimpleGrid, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { IconFilter, IconX } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { AuditFilters } from '../api/types';
import { isoToPickerValue, pickerValueToIso } from '../lib/format';
import { EMPTY_FILTERS } from './audit-search-params';

interface AuditFiltersFormProps {
  applied: AuditFilters;
  /** Suggestions gathered from the events already loaded. */
  actors: string[];
  actions: string[];
  onApply: (filters: AuditFilters) => void;
}

export function AuditFiltersForm({ applied, actors, actions, onApply }: AuditFiltersFormProps) {
  const [draft, setDraft] = useState(applied);
  const set = (key: keyof AuditFilters, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const rangeInverted = Boolean(draft.from && draft.to && draft.from > draft.to);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!rangeInverted) onApply(draft);
  };
  const onClear = () => {
    setDraft(EMPTY_FILTERS);
    onApply(EMPTY_FILTERS);
  };

  return (
    <Paper withBorder radius="md" p="md">
      <form onSubmit={onSubmit} aria-label="Audit filters">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
          <Autocomplete
            label="User"
            placeholder="Username"
            data={actors}
            value={draft.actor}
            onChange={(value) => set('actor', value)}
            comboboxProps={{ withinPortal: true }}
          />
          <Autocomplete
            label="Action"
            placeholder="e.g. auth.login"
            data={actions}
            value={draft.action}
            onChange={(value) => set('action', value)}
          />
          <TextInput
            label="Subject"
            placeholder="Record id or type"
            value={draft.subject}
            onChange={(e) => set('subject', e.currentTarget.value)}
          />
          <DateTimePicker
            label="From (UTC)"
            placeholder="Any time"
            clearable
            valueFormat="YYYY-MM-DD HH:mm"
            value={isoToPickerValue(draft.from)}
            onChange={(value) => set('from', pickerValueToIso(value))}
          />
          <DateTimePicker
            label="To (UTC)"
            placeholder="Now"
            clearable
            valueFormat="YYYY-MM-DD HH:mm"
            value={isoToPickerValue(draft.to)}
            onChange={(value) => set('to', pickerValueToIso(value))}
            error={rangeInverted ? 'Must be after “From”' : undefined}
          />
        </SimpleGrid>
        <Group justify="flex-end" mt="md" gap="sm">
          <Button variant="default" leftSection={<IconX size={16} />} onClick={onClear}>
            Clear
          </Button>
          <Button type="submit" leftSection={<IconFilter size={16} />} disabled={rangeInverted}>
            Apply filters
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
