import { Alert, Button, Center, Group, Loader, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { ApiErrorAlert } from '../components/api-error-alert';
import { PageHeader } from '../layout/page-header';
import { usePageTitle } from '../layout/use-page-title';
import { PurposeControl } from '../profiles/purpose-control';
import { readSearchParams, searchQueryString, useSearch, type SearchParams } from './search-api';
import { ResultCard } from './search-results';

const SEVIS_STATUSES = ['INITIAL', 'ACTIVE', 'COMPLETED', 'TERMINATED', 'CANCELED', 'DEACTIVATED'];

function SearchForm({ initial, onSubmit }: { initial: SearchParams; onSubmit: (p: SearchParams) => void }) {
  const [p, setP] = useState(initial);
  const set = (k: keyof SearchParams) => (v: string | null) => setP((x) => ({ ...x, [k]: v ?? '' }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(p);
  };
  return (
    <Paper withBorder radius="md" p="md" component="form" onSubmit={submit} aria-label="Search">
      <Stack gap="sm">
        <Group align="flex-end" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            size="md"
            label="Name, date of birth or identifier"
            placeholder="e.g.  Petrov Yuriy   ·   1990-02-14   ·   P1234567   ·   EAC2490123456   ·   +1 617 555 0187"
            value={p.q}
            onChange={(e) => set('q')(e.currentTarget.value)}
            leftSection={<IconSearch size={18} />}
            data-autofocus
            autoFocus
          />
          <Button size="md" type="submit" disabled={p.q.trim().length < 2}>Search</Button>
        </Group>
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <TextInput label="Country of citizenship" placeholder="RUS" value={p.country} onChange={(e) => set('country')(e.currentTarget.value.toUpperCase())} maxLength={3} />
          <TextInput label="Class of admission" placeholder="F1" value={p.classOfAdmission} onChange={(e) => set('classOfAdmission')(e.currentTarget.value.toUpperCase())} />
          <Select label="SEVIS status" placeholder="any" data={SEVIS_STATUSES} value={p.status || null} onChange={set('status')} clearable />
          <TextInput label="School (name or code)" placeholder="Harborview" value={p.school} onChange={(e) => set('school')(e.currentTarget.value)} />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function Results({ params }: { params: SearchParams }) {
  const q = useSearch(params);
  if (params.q.trim().length < 2) {
    return <Text c="dimmed" size="sm">Names may be misspelled, transliterated, partial or in any order. Every search is recorded in the audit trail.</Text>;
  }
  if (q.isPending) return <Center p="xl"><Loader /></Center>;
  if (q.error) return <ApiErrorAlert error={q.error} />;
  const r = q.data;
  return (
    <Stack gap="sm" data-testid="search-results">
      <Text size="sm" c="dimmed" data-testid="search-summary">
        {r.results.length === 0 ? 'No matches.' : `${r.results.length} of ${r.matched} match${r.matched === 1 ? '' : 'es'}`} · {r.tookMs} ms
        {r.query.nameWords.length > 0 && ` · name words: ${r.query.nameWords.join(' ')}`}
        {r.query.dates.length > 0 && ` · date of birth: ${r.query.dates.join(' or ')}`}
        {r.query.identifierKinds.length > 0 && ` · identifier: ${r.query.identifierKinds.join(', ')}`}
      </Text>
      {r.notices.map((n) => <Alert key={n} color="orange" variant="light">{n}</Alert>)}
      {r.results.map((x) => <ResultCard key={x.entityId} r={x} />)}
    </Stack>
  );
}

export function SearchPage() {
  usePageTitle('Search');
  const [sp, setSp] = useSearchParams();
  const params = readSearchParams(sp);
  return (
    <>
      <PageHeader title="Search" description="Persons and organizations across every source system, ranked and explained." actions={<PurposeControl />} />
      <Stack gap="md">
        <SearchForm key={sp.toString()} initial={params} onSubmit={(p) => setSp(new URLSearchParams(searchQueryString(p).replace(/&?limit=\d+/, '')))} />
        <Results params={params} />
      </Stack>
    </>
  );
}
