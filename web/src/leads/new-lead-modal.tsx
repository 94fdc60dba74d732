import { Badge, Button, Group, Loader, Modal, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { SearchResponse } from '../../../src/modules/search/search.schema';
import { apiFetch } from '../api/client';
import { ApiErrorAlert } from '../components/api-error-alert';
import { LeadForm } from './lead-form';

interface Subject {
  id: string;
  name: string;
}

function SubjectSearch({ onPick }: { onPick: (s: Subject) => void }) {
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  // Every search is audited with its query on the server, so search on submit, not per keystroke.
  const results = useQuery({
    queryKey: ['leads', 'subject-search', q],
    queryFn: () => apiFetch<SearchResponse>(`/api/search?limit=10&q=${encodeURIComponent(q)}`),
    enabled: q.length >= 2,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQ(text.trim());
  };
  return (
    <Stack gap="sm">
      <form onSubmit={submit} aria-label="Find the subject">
        <Group align="flex-end" gap="sm">
          <TextInput
            label="Subject"
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
      {results.data && results.data.results.length === 0 && (
        <Text size="sm" c="dimmed">
          Nobody matches “{q}”.
        </Text>
      )}
      {results.data?.results.map((r) => (
        <Paper key={r.entityId} withBorder p="xs" radius="sm">
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
              Choose
            </Button>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}

/** A lead by hand: find the person or organization, then describe the finding. */
export function NewLeadModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [subject, setSubject] = useState<Subject | null>(null);
  const close = () => {
    setSubject(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="New lead" size="lg" centered>
      {subject ? (
        <LeadForm subjectId={subject.id} subjectName={subject.name} type="OTHER" onCancel={() => setSubject(null)} />
      ) : (
        <SubjectSearch onPick={setSubject} />
      )}
    </Modal>
  );
}
