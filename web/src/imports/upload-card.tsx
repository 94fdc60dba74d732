import {
  Alert,
  Button,
  FileInput,
  Group,
  Paper,
  Progress,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconCircleCheck, IconFileUpload, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiErrorAlert } from '../components/api-error-alert';
import { useSources, useUpload, type IngestResult } from './imports-api';

function ResultAlert({ result }: { result: IngestResult }) {
  if (result.status === 'already_loaded') {
    return (
      <Alert
        color="blue"
        icon={<IconInfoCircle />}
        title="Already loaded"
        data-testid="import-result"
      >
        This exact file was loaded before; nothing changed.
      </Alert>
    );
  }
  return (
    <Alert
      color="green"
      icon={<IconCircleCheck />}
      title={`Loaded ${result.fileName}`}
      data-testid="import-result"
    >
      Read {result.rowsRead} rows: {result.rowsAccepted} accepted ({result.rowsFlagged} with flagged
      fields, kept as received), {result.rowsRejected} rejected, {result.rowsSkipped} already held.
    </Alert>
  );
}

export function UploadCard() {
  const sources = useSources();
  const [source, setSource] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [legalProcessRef, setLegalProcessRef] = useState('');
  const [progress, setProgress] = useState(0);
  const upload = useUpload(setProgress);
  const selected = sources.data?.sources.find((s) => s.name === source);

  const submit = () => {
    if (!source || !file) return;
    setProgress(0);
    upload.mutate({
      source,
      file,
      ...(legalProcessRef.trim() ? { legalProcessRef: legalProcessRef.trim() } : {}),
    });
  };

  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Text fw={600}>Load a source file</Text>
        <Group align="flex-end" wrap="wrap">
          <Select
            label="Source system"
            placeholder="Choose the source"
            data={(sources.data?.sources ?? []).map((s) => ({
              value: s.name,
              label: `${s.title} (${s.name})`,
            }))}
            value={source}
            onChange={setSource}
            searchable
            w={320}
          />
          <FileInput
            label="File (CSV with header, or NDJSON)"
            placeholder="Choose a file"
            value={file}
            onChange={setFile}
            accept=".csv,.ndjson,.json,.txt"
            w={300}
            clearable
          />
          {selected?.requiresLegalProcess && (
            <TextInput
              label="Legal process reference"
              description="For rows that carry none"
              placeholder="SUBPOENA-2026-0142"
              value={legalProcessRef}
              onChange={(e) => setLegalProcessRef(e.currentTarget.value)}
              w={260}
            />
          )}
          <Button
            leftSection={<IconFileUpload size={18} />}
            onClick={submit}
            disabled={!source || !file}
            loading={upload.isPending}
          >
            Load
          </Button>
        </Group>
        {selected && (
          <Text size="xs" c="dimmed">
            {selected.description} Required columns:{' '}
            {selected.columns
              .filter((c) => c.required)
              .map((c) => c.name)
              .join(', ')}
            .
          </Text>
        )}
        {upload.isPending && (
          <Progress value={progress * 100} animated aria-label="Upload progress" />
        )}
        {upload.isPending && progress >= 1 && (
          <Text size="sm">Uploaded; validating and loading rows…</Text>
        )}
        {upload.data && <ResultAlert result={upload.data} />}
        {upload.error && <ApiErrorAlert error={upload.error} title="The file was not loaded" />}
      </Stack>
    </Paper>
  );
}
