import { Button, EmptyState, Paper } from '@mantine/core';
import { IconCompass } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../layout/page-header';
import { usePageTitle } from '../layout/use-page-title';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <>
      <PageHeader title="Page not found" />
      <Paper withBorder radius="md" p="xl" data-testid="not-found">
        <EmptyState
          icon={<IconCompass size={28} stroke={1.6} />}
          title="There is no page at this address"
          description="The link may be out of date, or the address mistyped. Use the navigation to find what you need."
          color="gray"
          variant="light"
        >
          <EmptyState.Actions>
            <Button component={Link} to="/" variant="default">
              Back to home
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      </Paper>
    </>
  );
}
