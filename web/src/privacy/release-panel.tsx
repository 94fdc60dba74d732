import { Alert, Badge, Button, Checkbox, Group, Loader, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert';
import { formatUtc } from '../lib/format';
import { useRelease, useReleaseDecision, type AccountingEntry, type ReleaseDecisionInput } from './privacy-api';

const DECISIONS = [
  { value: 'release', label: 'Release' },
  { value: 'release_in_part', label: 'Release in part' },
  { value: 'withhold', label: 'Withhold' },
];
const EXEMPTIONS = [
  { value: '(j)(2)', label: '(j)(2) — criminal law enforcement' },
  { value: '(k)(2)', label: '(k)(2) — investigatory material' },
];

function DecisionForm({ id, entries }: { id: string; entries: AccountingEntry[] }) {
  const [decision, setDecision] = useState<ReleaseDecisionInput['decision']>('withhold');
  const [exemption, setExemption] = useState<string | null>('(j)(2)');
  const [reason, setReason] = useState('');
  const [withheld, setWithheld] = useState<string[]>([]);
  const save = useReleaseDecision(id);
  const releasable = entries.filter((e) => e.releasable);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      decision,
      reason,
      ...(decision !== 'release' && exemption ? { exemption: exemption as '(j)(2)' | '(k)(2)' } : {}),
      ...(decision === 'release_in_part' ? { withheldEntryIds: withheld } : {}),
    });
  };
  return (
    <form onSubmit={submit} aria-label="Release decision">
      <Stack gap="sm">
        <Group grow align="flex-start">
          <Select label="Decision" data={DECISIONS} value={decision} onChange={(v) => setDecision((v ?? 'withhold') as ReleaseDecisionInput['decision'])} allowDeselect={false} />
          <Select label="Exemption cited" description="Needed to withhold anything: NPRM 81 FR 52593, reason (a)" data={EXEMPTIONS} value={exemption} onChange={setExemption} disabled={decision === 'release'} />
        </Group>
        {decision === 'release_in_part' && (
          <Checkbox.Group label="Entries withheld" value={withheld} onChange={setWithheld}>
            <Stack gap={4} mt={4}>
              {releasable.map((e) => <Checkbox key={e.id} value={e.id} label={`${e.date} — ${e.recipient.agency} (${e.legalBasis.label})`} />)}
            </Stack>
          </Checkbox.Group>
        )}
        <Textarea label="Reason" required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} placeholder="Why, in this case" />
        {save.error && <ApiErrorAlert error={save.error} title="The decision was not recorded" />}
        {save.isSuccess && <Alert color="green" data-testid="decision-saved">Decision recorded.</Alert>}
        <Group justify="flex-end"><Button type="submit" loading={save.isPending} disabled={!reason.trim()}>Record decision</Button></Group>
      </Stack>
    </form>
  );
}

/** The (c)(3) release: what may go to the individual now, and the form to decide. */
export function ReleasePanel({ id, entries }: { id: string; entries: AccountingEntry[] }) {
  const release = useRelease(id);
  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed">LeadTrac is exempt from 552a(c)(3) under (j)(2) and (k)(2): release of the accounting to the individual is decided case by case, and (b)(7) entries are never released.</Text>
      {release.isPending && <Loader size="sm" />}
      {release.error && <ApiErrorAlert error={release.error} />}
      {release.data && (
        <Stack gap="xs" data-testid="release-view">
          <Alert color={release.data.entries.length > 0 ? 'green' : 'gray'} variant="light">{release.data.message}</Alert>
          {release.data.decision && (
            <Text size="sm">Latest decision: <Badge variant="light">{release.data.decision.decision.replace(/_/g, ' ')}</Badge> {release.data.decision.exemption ?? ''} by {release.data.decision.decidedBy} on {formatUtc(release.data.decision.decidedAt, false)} — “{release.data.decision.reason}”</Text>
          )}
          {release.data.entries.length > 0 && (
            <Table>
              <Table.Thead><Table.Tr><Table.Th>Date</Table.Th><Table.Th>Recipient</Table.Th><Table.Th>Basis</Table.Th><Table.Th>Purpose</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {release.data.entries.map((e) => (
                  <Table.Tr key={e.id}><Table.Td>{e.date}</Table.Td><Table.Td>{e.recipient.agency}</Table.Td><Table.Td>{e.legalBasis.label}</Table.Td><Table.Td>{e.purpose}</Table.Td></Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Text size="xs" c="dimmed">Withheld: {release.data.withheld} · never released ((b)(7)): {release.data.neverReleased} · awaiting a decision: {release.data.undecided}</Text>
        </Stack>
      )}
      <DecisionForm id={id} entries={entries} />
    </Stack>
  );
}
