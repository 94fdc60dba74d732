import { createTheme, Modal } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'navy',
  colors: {
    // A sober navy for a government case system; index 6 is the primary shade.
    navy: [
      '#eef3f8',
      '#d9e3ee',
      '#b0c5db',
      '#84a5c7',
      '#5f8ab6',
      '#4879ab',
      '#2f5f8f',
      '#244c74',
      '#1c3d5a',
      '#122a40',
    ],
  },
  fontFamily:
    'Inter, "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif',
  headings: { fontWeight: '650' },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  components: {
    Modal: Modal.extend({
      styles: { title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } },
    }),
  },
});
