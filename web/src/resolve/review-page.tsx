import { Center, Loader, Pagination, SegmentedControl, Stack, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { useCurrentUser } from '../auth/session';
import { ApiErrorAlert } from '../components/api-error-alert';
import { PageHeader } from '../layout/page-header';
import { usePageTitle } from '../layout/use-page-title';
import { DecisionsTable } from './decisions-table';
import { REVIEW_PAGE_SIZE, useReviewQueue, type ReviewStatus } from './review-api';
import { ReviewCard } from './review-card';
import { canDecide } from './review-format';

function Queue({ decide }: { decide: boolean }) {
  const [status, setStatus] = useState<ReviewStatus>('open');
  const [page, setPage] = useState(0);
  const q = useReviewQueue(status, page);
  const total = q.data?.total ?? 0;
  return (
    <Stack gap="md">
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
      {total > REVIEW_PAGE_SIZE && (
        <Pagination
          total={Math.ceil(total / REVIEW_PAGE_SIZE)}
          value={page + 1}
          onChange={(p) => setPage(p - 1)}
        />
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
        description="Pairs of records between the match thresholds, strongest first. Each decision is kept with your reason, holds through later runs, and can be undone."
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
