import { Box } from '@mantine/core';

export const BANNER_TEXT = 'UNCLASSIFIED // LAW ENFORCEMENT SENSITIVE';
export const BANNER_HEIGHT = 24;

// Above Mantine's overlays (modals 200, popovers 300): the marking must stay
// readable even while a dialog dims the page.
const BANNER_Z_INDEX = 1000;

function Strip({ position }: { position: 'top' | 'bottom' }) {
  return (
    <Box
      role="region"
      aria-label={`Classification marking (${position})`}
      data-testid={`classification-banner-${position}`}
      pos="fixed"
      left={0}
      right={0}
      top={position === 'top' ? 0 : undefined}
      bottom={position === 'bottom' ? 0 : undefined}
      h={BANNER_HEIGHT}
      bg="#007a33"
      c="white"
      fw={700}
      fz={13}
      ta="center"
      style={{
        zIndex: BANNER_Z_INDEX,
        lineHeight: `${BANNER_HEIGHT}px`,
        letterSpacing: '0.08em',
        whiteSpace: 'nowrap',
        overflow: 'hidden',
        userSelect: 'none',
      }}
    >
      {BANNER_TEXT}
    </Box>
  );
}

/**
 * The CUI/LES marking, pinned to the top and bottom of every screen. Rendered
 * once around the router so no page (sign-in, errors, loading) can lack it;
 * layouts leave BANNER_HEIGHT free at both ends.
 */
export function ClassificationBanners() {
  return (
    <>
      <Strip position="top" />
      <Strip position="bottom" />
    </>
  );
}
