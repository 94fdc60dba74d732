import { Autocomplete, Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { LEAD_OUTCOMES, type LeadAction, type LeadOutcome } from '../../../src/modules/leads/workflow';
import { ApiErrorAlert } from '../components/api-error-alert';
import { ACTION_TEXT, OUTCOME_LABELS, needsReason, stateLabel } from './lead-labels';
import { useFieldOffices, useTransition, type TransitionInput, type TransitionOutput } from './leads-api';

interface ActionModalProps {
  leadId: string;
  action: LeadAction;
  onClose: () => void;
  onDone: (message: string) => void;
}

const EMPTY_RECIPIENT = { agency: '', name: '', address: '' };

function doneMessage(action: LeadAction, r: TransitionOutput): string {
  const parts = [`${ACTION_TEXT[action].label}: the lead is now ${stateLabel(r.state).toLowerCase()}.`];
  if (r.overlaps > 0) parts.push(`${r.overlaps} overlapping ${r.overlaps === 1 ? 'lead was' : 'leads were'} found; see Overlaps.`);
  if (r.disclosureRef) parts.push(`Recorded as disclosure ${r.disclosureRef} in the accounting of disclosures.`);
  return parts.join(' ');
}

/** Asks for what an action needs (a reason, a field office, an outcome), then takes it. */
export function ActionModal({ leadId, action, onClose, onDone }: ActionModalProps) {
  const transition = useTransition(leadId);
  const offices = useFieldOffices(action === 'refer');
  const [reason, setReason] = useState('');
  const [fieldOffice, setFieldOffice] = useState('');
  const [outside, setOutside] = useState(false);
  const [recipient, setRecipient] = useState(EMPTY_RECIPIENT);
  const [outcome, setOutcome] = useState<LeadOutcome | null>(null);
  const text = ACTION_TEXT[action];
  const reasonRequired = needsReason(action);
  const recipientDone = !outside || (recipient.agency.trim() && recipient.name.trim() && recipient.address.trim());
  const ready =
    (!reasonRequired || reason.trim()) &&
    (action !== 'refer' || (fieldOffice.trim() && recipientDone)) &&
    (action !== 'record_outcome' || outcome);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: TransitionInput = { action };
    if (action === 'record_outcome') {
      body.outcome = outcome ?? undefined;
      if (reason.trim()) body.outcomeNote = reason.trim();
    } else if (reason.trim()) body.reason = reason.trim();
    if (action === 'refer') {
      body.fieldOffice = fieldOffice.trim().toUpperCase();
      if (outside) body.outsideRecipient = recipient;
    }
    transition.mutate(body, { onSuccess: (r) => onDone(doneMessage(action, r)) });
  };

  return (
    <Modal opened onClose={onClose} title={text.label} size="lg" centered>
      <form onSubmit={submit} noValidate aria-label={text.label}>
        <Stack gap="md">
          <Text size="sm">{text.explain}</Text>
          {transition.error && <ApiErrorAlert error={transition.error} title="The lead was not moved" />}
          {action === 'refer' && (
            <>
              <Autocomplete
                label="Field office"
                required
                data-autofocus
                placeholder="e.g. NYC"
                data={offices.data?.offices ?? []}
                value={fieldOffice}
                onChange={setFieldOffice}
                comboboxProps={{ withinPortal: true }}
              />
              <Checkbox
                label="The referral also goes outside DHS (a task-force partner or other agency)"
                description="Recorded as a disclosure under routine use G, with an entry in the subject’s accounting of disclosures."
                checked={outside}
                onChange={(e) => setOutside(e.currentTarget.checked)}
              />
              {outside && (
                <Group grow align="flex-start">
                  <TextInput label="Agency" required value={recipient.agency} onChange={(e) => setRecipient({ ...recipient, agency: e.currentTarget.value })} />
                  <TextInput label="Recipient name" required value={recipient.name} onChange={(e) => setRecipient({ ...recipient, name: e.currentTarget.value })} />
                  <TextInput label="Address" required value={recipient.address} onChange={(e) => setRecipient({ ...recipient, address: e.currentTarget.value })} />
                </Group>
              )}
            </>
          )}
          {action === 'record_outcome' && (
            <Select
              label="Outcome"
              required
              data-autofocus
              data={LEAD_OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))}
              value={outcome}
              onChange={(v) => setOutcome(v)}
              comboboxProps={{ withinPortal: true }}
            />
          )}
          <Textarea
            label={action === 'record_outcome' ? 'What happened' : reasonRequired ? 'Reason' : 'Note (optional)'}
            required={reasonRequired}
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            {...(action !== 'refer' && action !== 'record_outcome' ? { 'data-autofocus': true } : {})}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color={text.color} loading={transition.isPending} disabled={!ready}>
              {text.label}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
