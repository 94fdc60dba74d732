import { Badge, Button, Group, Loader, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { SearchResponse } from '../../../src/modules/search/search.schema';
import { apiFetch } from '../api/client';
import { ApiErrorAlert } from '../components/api-error-alert';

export interface PickedEntity {
  id: string;
  name: string;
}

interface EntityPickerProps {
  onPick: (e: PickedEntity) => void;
  label: string;
  /** Only persons, or only organizations; both when unset. */
  kind?: 'person' | 'organization';
  /** Entities not offered (e.g. the one being merged into). */
  exclude?: readonly string[];
  /** What the button on each result says. */
  pickLabel?: string;
}

/**
 * Find a person or organization by name, date of birth or any identifier and choose one. Every
 * search is audited with its query on the server, so it searches on submit, not per keystroke.
 */
export function EntityPicker({ onPick, label, kind, exclude = [], pickLabel = 'Choose' }: EntityPickerProps) {
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const results = useQuery({
    queryKey: ['entity-picker', q],
    queryFn: () => apiFetch<SearchResponse>(`/api/search?limit=10&q=${encodeURIComponent(q)}`),
    enabled: q.length >= 2,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQ(text.trim());
  };
  const shown = (results.data?.results ?? []).filter((r) => (!kind || r.kind === kind) && !exclude.includes(r.entityId));
  return (
    <Stack gap="sm">
      <form onSubmit={submit} aria-label={`Find ${label.toLowerCase()}`}>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={label}
            description="A name, date of birth or any identifier"
            placeholder="e.g. Petrov 1990-04-02"
            leftSection={<IconSearch size={16} />}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            data-autofocus
            style={{ flex: 1 }}
          />
          <Button type="submit" disabled={text.trim().length < 2}>
            Find
          </Button>
        </Group>
      </form>
      {results.isFetching && <Loader size="sm" />}
      {results.error && <ApiErrorAlert error={results.error} title="Search failed" />}
      {results.data && shown.length === 0 && (
        <Text size="sm" c="dimmed">
          Nobody matches “{q}”.
        </Text>
      )}
      {shown.map((r) => (
        <Paper key={r.entityId} withBorder p="xs" radius="sm" data-testid="picker-result" data-entity-id={r.entityId}>
          <Group justify="space-between" wrap="nowrap">
            <Stack gap={0}>
              <Text size="sm" fw={600}>
                {r.displayName}{' '}
                <Badge size="xs" variant="outline">
                  {r.kind}
                </Badge>
              </Text>
              <Text size="xs" c="dimmed">
                {[r.birthDates.join(', '), r.citizenships.join(', '), r.identifiers.slice(0, 2).map((i) => `${i.label} ${i.value}`).join(', ')]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Stack>
            <Button size="xs" variant="light" onClick={() => onPick({ id: r.entityId, name: r.displayName })}>
              {pickLabel}
            </Button>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
