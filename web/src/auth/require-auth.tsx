import { Alert, Button, Center, Container, Loader, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { errorMessage } from '../api/client';
import { BannerFrame } from '../layout/banner-frame';
import { CurrentUserContext, sessionHasExpired, useSession } from './session';

/** Renders the protected routes only for a signed-in user; otherwise sends them to sign-in. */
export function RequireAuth() {
  const session = useSession();
  const location = useLocation();

  if (session.isPending) {
    return (
      <BannerFrame>
        <Center h="80vh">
          <Loader aria-label="Loading session" />
        </Center>
      </BannerFrame>
    );
  }
  if (session.isError) {
    return (
      <BannerFrame>
        <Container size="sm" pt={80}>
          <Stack>
            <Alert color="red" icon={<IconAlertTriangle />} title="LeadTrac is not available">
              {errorMessage(session.error)}
            </Alert>
            <Button variant="default" onClick={() => void session.refetch()} w="fit-content">
              Try again
            </Button>
          </Stack>
        </Container>
      </BannerFrame>
    );
  }
  if (!session.data) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/sign-in" replace state={{ from, expired: sessionHasExpired() }} />;
  }
  return (
    <CurrentUserContext value={session.data.user}>
      <Outlet />
    </CurrentUserContext>
  );
}
