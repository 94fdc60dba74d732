import { Button, Center, Group, Loader, SegmentedControl, Select, Stack, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { useCurrentUser } from '../auth/session';
import { ApiErrorAlert } from '../components/api-error-alert';
import { PageHeader } from '../layout/page-header';
import { usePageTitle } from '../layout/use-page-title';
import { DecisionsTable } from './decisions-table';
import { useReviewQueue, type ReviewReason, type ReviewStatus } from './review-api';
import { ReviewCard } from './review-card';
import { canDecide, REASON_LABEL } from './review-format';

const REASONS: { value: string; label: string }[] = [
  { value: 'all', label: 'Every reason' },
  ...Object.entries(REASON_LABEL).map(([value, label]) => ({ value, label })),
];

function Queue({ decide }: { decide: boolean }) {
  const [status, setStatus] = useState<ReviewStatus>('open');
  const [reason, setReason] = useState<ReviewReason | null>(null);
  const [page, setPage] = useState(0);
  const q = useReviewQueue(status, page, reason);
  const total = q.data?.total ?? 0;
  return (
    <Stack gap="md">
      <Group gap="md">
        <SegmentedControl
          w="fit-content"
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(0);
          }}
          data={[
            { value: 'open', label: 'Waiting' },
            { value: 'decided', label: 'Decided' },
            { value: 'closed', label: 'Closed by a later run' },
          ]}
        />
        <Select
          aria-label="Reason for review"
          w={280}
          data={REASONS}
          value={reason ?? 'all'}
          allowDeselect={false}
          onChange={(v) => {
            setReason(v && v !== 'all' ? (v as ReviewReason) : null);
            setPage(0);
          }}
          data-testid="review-reason"
        />
      </Group>
      {q.data && (
        <Text size="sm" c="dimmed" data-testid="review-summary">
          {status === 'open'
            ? `${total.toLocaleString('en-US')} questions waiting, one per pair of persons (its strongest record pair shown): a decision confirms or rejects the two persons and settles every record pair between them.`
            : `${total.toLocaleString('en-US')} questions.`}
        </Text>
      )}
      {q.isPending && (
        <Center>
          <Loader />
        </Center>
      )}
      {q.error && <ApiErrorAlert error={q.error} />}
      {q.data && q.data.items.length === 0 && <Text c="dimmed">Nothing here.</Text>}
      {q.data?.items.map((item) => (
        <ReviewCard key={item.id} item={item} canDecide={decide} />
      ))}
      {(page > 0 || q.data?.more) && (
        <Group gap="xs" data-testid="review-pager">
          <Button variant="default" disabled={page === 0} onClick={() => setPage(page - 1)}>
            Previous
          </Button>
          <Text size="sm">Page {page + 1}</Text>
          <Button variant="default" disabled={!q.data?.more} onClick={() => setPage(page + 1)}>
            Next
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** Pairs entity resolution could not settle alone, and the analysts' decisions about them. */
export function ReviewPage() {
  usePageTitle('Match review');
  const user = useCurrentUser();
  const decide = canDecide(user.roles);
  return (
    <>
      <PageHeader
        title="Match review"
        description="Pairs of persons that entity resolution could not settle alone, strongest first. Each decision is kept with your reason, holds through later runs, and can be undone."
      />
      <Tabs defaultValue="queue" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="queue">Review queue</Tabs.Tab>
          <Tabs.Tab value="decisions">Decisions</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="queue">
          <Queue decide={decide} />
        </Tabs.Panel>
        <Tabs.Panel value="decisions">
          <DecisionsTable canDecide={decide} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
