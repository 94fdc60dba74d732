import { Badge, Drawer, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../components/api-error-alert';
import { CreateLeadButton, findingFromTip } from '../leads';
import { formatUtc } from '../lib/format';
import { useRecord, type RecordView, type SourceRef } from './profiles-api';
import { MaskedNotice } from './purpose-control';

const SHORT: Record<string, string> = {
  'adis-arrivals': 'ADIS arr',
  'adis-departures': 'ADIS dep',
  sevis: 'SEVIS',
  'ccd-visas': 'CCD',
  claims: 'CLAIMS',
  eid: 'EID',
  tecs: 'TECS',
  ident: 'IDENT',
  commercial: 'Commercial',
  public: 'Public',
  tips: 'Tip',
  cdr: 'CDR',
};

export function sourceLabel(source: string): string {
  return SHORT[source] ?? source;
}

/** Small badges naming the records a value came from; a click opens the record. Long lists fold. */
export function SourceBadges({ sources, onOpen, max = 6 }: { sources: readonly SourceRef[]; onOpen: (ref: string) => void; max?: number }) {
  const [all, setAll] = useState(false);
  const shown = all ? sources : sources.slice(0, max);
  return (
    <Group gap={4} wrap="wrap">
      {shown.map((s) => (
        <Badge
          key={s.recordRef}
          component="button"
          type="button"
          size="xs"
          variant="outline"
          color="gray"
          style={{ cursor: 'pointer', textTransform: 'none' }}
          title={`${s.source} record ${s.recordId} v${s.version}, loaded ${s.batchDate}`}
          onClick={() => onOpen(s.recordRef)}
          data-testid="source-badge"
        >
          {sourceLabel(s.source)} · {s.recordId}
        </Badge>
      ))}
      {sources.length > shown.length && (
        <Badge component="button" type="button" size="xs" variant="light" color="blue" style={{ cursor: 'pointer', textTransform: 'none' }} onClick={() => setAll(true)}>
          +{sources.length - shown.length} more
        </Badge>
      )}
    </Group>
  );
}

/** One source record as received, with its batch, flags, markings and versions. */
export function RecordDrawer({ recordRef, onClose }: { recordRef: string | null; onClose: () => void }) {
  const q = useRecord(recordRef);
  const r = q.data;
  return (
    <Drawer opened={recordRef !== null} onClose={onClose} position="right" size="xl" title={r ? `${r.record.system} record ${r.record.recordId}` : 'Source record'}
      styles={{ inner: { top: 24, bottom: 24, height: 'auto' } }}>
      {q.isPending && <Loader />}
      {q.error && <ApiErrorAlert error={q.error} />}
      {r && (
        <Stack gap="sm" data-testid="record-drawer">
          <Text size="sm" c="dimmed">{r.record.title}</Text>
          <Group gap="xs">
            <Badge variant="light">version {r.record.version}</Badge>
            {r.record.markings.map((m) => <Badge key={m} color="red" variant="light">{m}</Badge>)}
            {r.record.exemptions.map((e) => <Badge key={e} color="gray" variant="light">exempt {e}</Badge>)}
          </Group>
          <MaskedNotice masked={r.masked} access={r.access} />
          <Text size="sm">
            Received {formatUtc(r.record.receivedAt)} in <b>{r.record.batch.fileName}</b>, loaded by {r.record.batch.loadedBy}
            {r.record.batch.legalProcessRef ? ` under ${r.record.batch.legalProcessRef}` : ''}.
          </Text>
          <Table striped withTableBorder fz="sm">
            <Table.Tbody>
              {r.payload.map((f) => (
                <Table.Tr key={f.column}>
                  <Table.Td w={200}><Text size="sm" ff="monospace">{f.column}</Text></Table.Td>
                  <Table.Td c={f.withheld ? 'orange.8' : undefined} fs={f.withheld ? 'italic' : undefined}>{f.value ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {r.flags.length > 0 && (
            <>
              <Title order={5}>Data-quality flags</Title>
              {r.flags.map((f, i) => <Text key={i} size="sm">⚑ {f.field}: {f.message}</Text>)}
            </>
          )}
          <Title order={5}>Versions</Title>
          {r.versions.map((v) => (
            <Text key={v.recordRef} size="sm" fw={v.current ? 600 : 400}>
              v{v.version} · {formatUtc(v.receivedAt)} · {v.fileName}
              {v.changed.length > 0 ? ` · changed: ${v.changed.join(', ')}` : ''}
            </Text>
          ))}
          {r.record.source === 'tips' && <TipLeadAction record={r} />}
          {r.entities.length > 0 && (
            <>
              <Title order={5}>Linked to</Title>
              {r.entities.map((e) => (
                <Text key={`${e.entityId}-${e.role}`} size="sm">
                  <Link to={e.kind === 'organization' ? `/search/organizations/${e.entityId}` : `/search/persons/${e.entityId}`} onClick={onClose}>{e.displayName}</Link> ({e.role})
                </Text>
              ))}
            </>
          )}
        </Stack>
      )}
    </Drawer>
  );
}

/** A tip about a resolved person can become a lead on that person (analysts and supervisors). */
function TipLeadAction({ record }: { record: RecordView }) {
  const subject = record.entities.find((e) => e.role === 'subject' && e.kind === 'person');
  if (!subject) return null;
  return (
    <Group>
      <CreateLeadButton
        subjectId={subject.entityId}
        subjectName={subject.displayName}
        label={`Create lead on ${subject.displayName} from this tip`}
        {...findingFromTip({ recordId: record.record.recordId, payload: record.payload })}
      />
    </Group>
  );
}
