import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ApiError, setUnauthorizedHandler } from './api/client';
import { endExpiredSession } from './auth/session';
import { ClassificationBanners } from './layout/classification-banner';
import { createAppRouter } from './router';
import { theme } from './theme';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change on retry; only transient failures are retried.
      retry: (failures, error) =>
        !(error instanceof ApiError && error.status < 500) && failures < 2,
      // Reads of personal data are audited; don't re-read just because a tab got focus.
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});

const router = createAppRouter();

setUnauthorizedHandler(() => endExpiredSession(queryClient));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <ClassificationBanners />
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
