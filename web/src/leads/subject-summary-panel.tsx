import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { MaskedNotice } from '../profiles/purpose-control';
import type { LeadDetail } from './leads-api';

type Summary = LeadDetail['subject'];

function Values({ label, values, testId }: { label: string; values: readonly string[]; testId?: string }) {
  return (
    <Stack gap={2} data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {values.length === 0 ? (
        <Text size="sm" c="dimmed">
          —
        </Text>
      ) : (
        values.map((v) => (
          <Text key={v} size="sm">
            {v}
          </Text>
        ))
      )}
    </Stack>
  );
}

/**
 * The lead's subject as the caller may see them (need to know): for the owner and the field office
 * the lead was referred to, the assignment opens the sensitive categories; others see them masked.
 */
export function SubjectSummaryPanel({ subject }: { subject: Summary }) {
  const records = subject.records.reduce((n, r) => n + r.count, 0);
  return (
    <Paper withBorder radius="md" p="md" data-testid="lead-subject">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Subject profile
        </Title>
        {subject.access.assignment && (
          <Badge variant="light" color="blue" data-testid="lead-subject-basis">
            Need to know: {subject.access.assignment}
          </Badge>
        )}
      </Group>
      <Stack gap="md">
        <MaskedNotice masked={subject.masked} access={subject.access} />
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
          <Values label="Names" values={subject.names} testId="lead-subject-names" />
          <Values label="Date of birth" values={subject.birthDates} />
          <Values label="Citizenship" values={subject.citizenships} />
          <Values label="Sex" values={subject.sex} />
          <Values label="Identifiers" values={subject.identifiers.map((i) => `${i.label}: ${i.value}`)} testId="lead-subject-identifiers" />
          <Values label="Addresses" values={subject.addresses} />
        </SimpleGrid>
        <Stack gap={4}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Records ({records})
          </Text>
          <Group gap="xs">
            {subject.records.map((r) => (
              <Badge key={r.source} variant="outline" color={r.markings.length ? 'red' : 'gray'} data-testid="lead-subject-record">
                {r.source} × {r.count}
                {r.markings.length > 0 && ` · ${r.markings.join(', ')}`}
              </Badge>
            ))}
          </Group>
          {subject.withheldRecords > 0 && (
            <Text size="sm" c="dimmed">
              {subject.withheldRecords} more record(s) held on this subject are withheld: marked records, or records naming them as a tipster.
            </Text>
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}
