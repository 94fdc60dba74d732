import { Button, EmptyState, Paper } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Permission } from '../api/types';
import { areaByPermission } from '../lib/areas';
import { PageHeader } from '../layout/page-header';
import { usePageTitle } from '../layout/use-page-title';

export function NotPermittedPage({ permission }: { permission: Permission }) {
  const area = areaByPermission(permission);
  usePageTitle('Not permitted');
  return (
    <>
      <PageHeader title="Not permitted" />
      <Paper withBorder radius="md" p="xl" data-testid="not-permitted">
        <EmptyState
          icon={<IconLock size={28} stroke={1.6} />}
          title={`You are not permitted to use ${area.label}`}
          description="Your roles do not include access to this area. Access is granted on a need-to-know basis; if your duties require it, ask your supervisor to request it from the system administrator."
          color="red"
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
