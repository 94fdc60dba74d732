import { Badge, Button, Group, Paper, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { EVIDENCE_KINDS, type EvidenceKind } from '../../../src/modules/leads/leads.config';
import { ApiErrorAlert } from '../components/api-error-alert';
import { formatUtc } from '../lib/format';
import { EVIDENCE_LABELS } from './lead-labels';
import { useAddEvidence, type LeadDetail } from './leads-api';

function AddEvidenceForm({ leadId, onDone }: { leadId: string; onDone: () => void }) {
  const add = useAddEvidence(leadId);
  const [kind, setKind] = useState<EvidenceKind>('note');
  const [ref, setRef] = useState('');
  const [note, setNote] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ kind, ref: ref.trim() || null, note: note.trim() }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} aria-label="Add evidence">
      <Stack gap="sm" p="sm" bg="gray.0" style={{ borderRadius: 6 }}>
        {add.error && <ApiErrorAlert error={add.error} title="Could not add the evidence" />}
        <Group grow align="flex-start">
          <Select
            label="Kind"
            data={EVIDENCE_KINDS.map((k) => ({ value: k, label: EVIDENCE_LABELS[k] }))}
            value={kind}
            onChange={(v) => v && setKind(v)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput label="Reference" description="Record id, receipt number…" value={ref} onChange={(e) => setRef(e.currentTarget.value)} />
        </Group>
        <Textarea label="What it shows" required autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" disabled={!note.trim()} loading={add.isPending}>
            Add evidence
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function EvidencePanel({ lead, canAdd }: { lead: LeadDetail; canAdd: boolean }) {
  const [adding, setAdding] = useState(false);
  return (
    <Paper withBorder radius="md" p="md" data-testid="evidence-panel">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Evidence ({lead.evidence.length})
        </Title>
        {canAdd && !adding && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)}>
            Add evidence
          </Button>
        )}
      </Group>
      <Stack gap="sm">
        {adding && <AddEvidenceForm leadId={lead.lead.id} onDone={() => setAdding(false)} />}
        {lead.evidence.length === 0 && !adding && (
          <Text size="sm" c="dimmed">
            No evidence yet.
          </Text>
        )}
        {lead.evidence.map((e) => (
          <Stack key={e.id} gap={2} pb="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
            <Group gap="xs">
              <Badge size="sm" variant="light">
                {(EVIDENCE_LABELS as Record<string, string>)[e.kind] ?? e.kind}
              </Badge>
              {e.ref && (
                <Text size="sm" fw={600}>
                  {e.ref}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {e.addedBy} · {formatUtc(e.addedAt, false)}
              </Text>
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {e.note}
            </Text>
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
