import { Badge, Button, Group, List, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import {
  LEAD_PRIORITIES,
  LEAD_TYPES,
  type EvidenceKind,
  type LeadPriority,
  type LeadType,
} from '../../../src/modules/leads/leads.config';
import { ApiError } from '../api/client';
import { ApiErrorAlert } from '../components/api-error-alert';
import { fieldErrors } from '../lib/validation-details';
import { EVIDENCE_LABELS, TYPE_LABELS } from './lead-labels';
import { useCreateLead } from './leads-api';

export interface EvidenceDraft {
  kind: EvidenceKind;
  ref?: string | null;
  note: string;
}

export interface LeadDefaults {
  type?: LeadType;
  priority?: LeadPriority;
  title?: string;
  summary?: string;
  evidence?: EvidenceDraft[];
}

interface LeadFormProps extends LeadDefaults {
  subjectId: string;
  subjectName?: string;
  onCancel: () => void;
}

/**
 * The finding becomes a lead, or — when the subject already has an open lead — its evidence is
 * added to that lead (the server decides). Either way the user lands on the lead.
 */
export function LeadForm(props: LeadFormProps) {
  const { subjectId, subjectName, onCancel } = props;
  const create = useCreateLead();
  const navigate = useNavigate();
  const [type, setType] = useState<LeadType>(props.type ?? 'OTHER');
  const [priority, setPriority] = useState<LeadPriority>(props.priority ?? 'MEDIUM');
  const [title, setTitle] = useState(props.title ?? '');
  const [summary, setSummary] = useState(props.summary ?? '');
  const evidence = props.evidence ?? [];
  const errors = create.error instanceof ApiError ? fieldErrors(create.error.details) : {};

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { subjectId, type, priority, title: title.trim(), ...(summary.trim() ? { summary: summary.trim() } : {}), ...(evidence.length ? { evidence } : {}) },
      {
        onSuccess: (r) => {
          const notice = r.merged
            ? `${subjectName ?? 'The subject'} already had an open lead: this finding was added to it.`
            : 'Lead created.';
          void navigate(`/leads/${r.id}`, { state: { notice } });
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="New lead">
      <Stack gap="md">
        {create.error && <ApiErrorAlert error={create.error} title="Could not create the lead" />}
        {subjectName && (
          <Text size="sm">
            Subject: <b>{subjectName}</b>
          </Text>
        )}
        <Group grow align="flex-start">
          <Select
            label="Type"
            data={LEAD_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
            value={type}
            onChange={(v) => v && setType(v)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label="Priority"
            description="Sets the due date"
            data={[...LEAD_PRIORITIES]}
            value={priority}
            onChange={(v) => v && setPriority(v)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
        </Group>
        <TextInput
          label="Title"
          required
          data-autofocus
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title}
        />
        <Textarea label="Summary" autosize minRows={2} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} />
        {evidence.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Evidence that goes with it
            </Text>
            <List size="sm" spacing={4}>
              {evidence.map((ev, i) => (
                <List.Item key={i} icon={<Badge size="xs" variant="light">{EVIDENCE_LABELS[ev.kind]}</Badge>}>
                  {ev.ref ? <b>{ev.ref}: </b> : null}
                  {ev.note}
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending} disabled={title.trim().length < 3}>
            Create lead
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
