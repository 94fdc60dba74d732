import { Box } from '@mantine/core';
import type { ReactNode } from 'react';
import { BANNER_HEIGHT } from './classification-banner';

/** Frame for pages outside the application shell: sign-in, errors, loading. */
export function BannerFrame({ children }: { children: ReactNode }) {
  return (
    <Box component="main" mih="100vh" bg="gray.1" py={BANNER_HEIGHT}>
      {children}
    </Box>
  );
}
