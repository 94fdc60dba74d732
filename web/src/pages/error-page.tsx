import { Button, Code, Container, EmptyState, Paper, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { errorMessage } from '../api/client';
import { BannerFrame } from '../layout/banner-frame';
import { Brand } from '../layout/brand';
import { usePageTitle } from '../layout/use-page-title';

/** Last-resort page when rendering fails; it stays inside the banner frame. */
export function ErrorPage() {
  usePageTitle('Error');
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : errorMessage(error);
  return (
    <BannerFrame>
      <Container size="sm" pt={64}>
        <Stack gap="lg">
          <Brand />
          <Paper withBorder radius="md" p="xl" data-testid="error-page">
            <EmptyState
              icon={<IconAlertTriangle size={28} stroke={1.6} />}
              title="Something went wrong"
              description="LeadTrac could not show this page. Reload to try again; if it keeps happening, tell the system administrator what you were doing and the time."
              color="red"
              variant="light"
            >
              <Code block>{detail}</Code>
              <EmptyState.Actions>
                <Button onClick={() => window.location.assign('/')}>Go to home</Button>
              </EmptyState.Actions>
            </EmptyState>
          </Paper>
        </Stack>
      </Container>
    </BannerFrame>
  );
}
