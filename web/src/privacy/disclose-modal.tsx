import { Alert, Anchor, Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert';
import { packageUrl, useDisclose, useLegalBases, type LegalBasis } from './privacy-api';

const basisKey = (b: Pick<LegalBasis, 'kind' | 'code'>) => `${b.kind}:${b.code}`;

/** Disclose a person's records outside DHS: recipient, legal basis, purpose; then download the package. */
export function DiscloseModal({ opened, onClose, person }: { opened: boolean; onClose: () => void; person: { id: string; displayName: string } }) {
  const bases = useLegalBases();
  const disclose = useDisclose();
  const [recipient, setRecipient] = useState({ agency: '', name: '', address: '' });
  const [basis, setBasis] = useState<string | null>(null);
  const [purpose, setPurpose] = useState('');
  const [nature, setNature] = useState('Copies of the individual’s records held in LeadTrac');
  const [approvalRef, setApprovalRef] = useState('');
  const chosen = bases.data?.bases.find((b) => basisKey(b) === basis);
  const options = (bases.data?.bases ?? []).map((b) => ({ value: basisKey(b), label: `${b.label} — ${b.title}`, disabled: !b.allowedForCaller }));
  const close = () => {
    disclose.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    disclose.mutate({
      subjectType: 'person',
      subjectIds: [person.id],
      personIds: [person.id],
      recipient,
      legalBasis: { kind: chosen.kind, code: chosen.code },
      purpose,
      nature,
      ...(chosen.requiresApproval ? { approvalRef } : {}),
    });
  };
  const done = disclose.data;
  return (
    <Modal opened={opened} onClose={close} size="lg" title={`Disclose records of ${person.displayName}`}>
      {done ? (
        <Stack gap="sm" data-testid="disclosure-done">
          <Alert color="green" title={`Disclosure ${done.ref} recorded`}>
            {done.accountable ? `Accounted for ${done.individuals.length} individual(s).` : 'No accounting is required for this basis; the disclosure is audited.'}
          </Alert>
          <Group>
            <Button component="a" href={packageUrl(done.id, 'pdf')} download>Download package (PDF)</Button>
            <Anchor href={packageUrl(done.id, 'json')} download>JSON</Anchor>
            <Anchor href={packageUrl(done.id, 'csv')} download>CSV</Anchor>
          </Group>
          <Group justify="flex-end"><Button variant="default" onClick={close}>Close</Button></Group>
        </Stack>
      ) : (
        <form onSubmit={submit} aria-label="Disclose">
          <Stack gap="sm">
            <TextInput label="Recipient agency" required value={recipient.agency} onChange={(e) => setRecipient({ ...recipient, agency: e.currentTarget.value })} />
            <TextInput label="Recipient name" required value={recipient.name} onChange={(e) => setRecipient({ ...recipient, name: e.currentTarget.value })} />
            <Textarea label="Recipient address" required autosize minRows={2} value={recipient.address} onChange={(e) => setRecipient({ ...recipient, address: e.currentTarget.value })} />
            <Select label="Legal basis" required placeholder="Routine use or 552a(b) exception" data={options} value={basis} onChange={setBasis} searchable />
            {chosen && (
              <Text size="xs" c="dimmed" data-testid="basis-text">{chosen.citation}: “{chosen.text}”{chosen.accountable ? '' : ' — no accounting is kept for this basis.'}</Text>
            )}
            {chosen?.requiresApproval && <TextInput label={`Approval of ${chosen.requiresApproval}`} required value={approvalRef} onChange={(e) => setApprovalRef(e.currentTarget.value)} />}
            <Textarea label="Purpose" required autosize minRows={2} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} />
            <TextInput label="Nature of the records" required value={nature} onChange={(e) => setNature(e.currentTarget.value)} />
            <Text size="xs" c="dimmed">Disclosure to consumer reporting agencies: {bases.data?.consumerReportingAgencies ?? 'None.'}</Text>
            {disclose.error && <ApiErrorAlert error={disclose.error} title="The disclosure was refused" />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>Cancel</Button>
              <Button type="submit" loading={disclose.isPending} disabled={!chosen}>Disclose and produce the package</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
