import { Button, EmptyState, Paper } from '@mantine/core';
import { Link } from 'react-router';
import type { Permission } from '../api/types';
import { areaByPermission } from '../lib/areas';
import { AREA_ICONS } from '../layout/area-icons';
import { PageHeader } from '../layout/page-header';
import { usePageTitle } from '../layout/use-page-title';

/** Stands in for an area whose screens are not part of this build yet. */
export function PlaceholderPage({ permission }: { permission: Permission }) {
  const area = areaByPermission(permission);
  const Icon = AREA_ICONS[permission];
  usePageTitle(area.label);
  return (
    <>
      <PageHeader title={area.label} description={area.description} />
      <Paper withBorder radius="md" p="xl" data-testid="placeholder">
        <EmptyState
          icon={<Icon size={28} stroke={1.6} />}
          title={`${area.label} is not available yet`}
          description={`${area.description} — not available yet in this build.`}
          color="navy"
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
