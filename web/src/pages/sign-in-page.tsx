import {
  Alert,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconBan, IconInfoCircle, IconLock } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../api/client';
import { landingPath } from '../lib/areas';
import { useSession, useSignIn } from '../auth/session';
import { BannerFrame } from '../layout/banner-frame';
import { Brand } from '../layout/brand';
import { usePageTitle } from '../layout/use-page-title';

interface SignInState {
  from?: string;
  expired?: boolean;
}

export function SignInPage() {
  usePageTitle('Sign in');
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const signIn = useSignIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const state = (location.state ?? {}) as SignInState;

  if (session.data && !signIn.isSuccess) return <Navigate to="/" replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate(
      { username: username.trim(), password },
      {
        onSuccess: (result) => {
          void navigate(landingPath(state.from, result.user.permissions), { replace: true });
        },
        onError: () => setPassword(''),
      },
    );
  };

  return (
    <BannerFrame>
      <Center mih="calc(100vh - 48px)" p="md">
        <Stack w={420} gap="lg">
          <Stack align="center" gap={4}>
            <Brand size="lg" />
            <Text c="dimmed" size="sm">
              Investigative leads · Counter-fraud and status compliance
            </Text>
          </Stack>
          <Paper withBorder shadow="sm" radius="md" p="xl">
            <form onSubmit={onSubmit} noValidate aria-label="Sign in">
              <Stack gap="md">
                <Title order={2} size="h3">
                  Sign in
                </Title>
                {state.expired && !signIn.error && (
                  <Alert color="yellow" icon={<IconInfoCircle />} data-testid="session-expired">
                    Your session has ended. Sign in again to continue.
                  </Alert>
                )}
                {signIn.error && <SignInError error={signIn.error} />}
                <TextInput
                  label="Username"
                  name="username"
                  autoComplete="username"
                  autoFocus
                  required
                  value={username}
                  onChange={(e) => setUsername(e.currentTarget.value)}
                />
                <PasswordInput
                  label="Password"
                  name="password"
                  autoComplete="current-password"
                  required
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                />
                <Button
                  type="submit"
                  fullWidth
                  loading={signIn.isPending}
                  disabled={!username.trim() || !password}
                >
                  Sign in
                </Button>
              </Stack>
            </form>
          </Paper>
          <SystemUseNotice />
        </Stack>
      </Center>
    </BannerFrame>
  );
}

function SignInError({ error }: { error: Error }) {
  const code = error instanceof ApiError ? error.code : '';
  if (code === 'ACCOUNT_LOCKED') {
    return (
      <Alert
        color="orange"
        icon={<IconLock />}
        title="Account locked"
        role="alert"
        data-testid="sign-in-error"
      >
        {error.message}
      </Alert>
    );
  }
  if (code === 'ACCOUNT_DISABLED') {
    return (
      <Alert
        color="red"
        icon={<IconBan />}
        title="Account disabled"
        role="alert"
        data-testid="sign-in-error"
      >
        {error.message}
      </Alert>
    );
  }
  // A 401 without a body still means the credentials were refused.
  const message =
    error instanceof ApiError && error.status === 401 && code !== 'INVALID_CREDENTIALS'
      ? 'Wrong username or password.'
      : errorMessage(error);
  return (
    <Alert
      color="red"
      icon={<IconAlertTriangle />}
      title="Sign-in failed"
      role="alert"
      data-testid="sign-in-error"
    >
      {message}
    </Alert>
  );
}

function SystemUseNotice() {
  return (
    <Text size="xs" c="dimmed" ta="center" data-testid="system-use-notice">
      You are accessing a government information system. Use of this system is monitored, recorded
      and subject to audit; unauthorized use is prohibited and may be subject to criminal and civil
      penalties. Records in this system are protected by the Privacy Act of 1974 and may be used
      only for the purposes stated in the published system of records notice. All data in this build
      is synthetic.
    </Text>
  );
}
