import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconRadar2 } from '@tabler/icons-react';

export function Brand({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const large = size === 'lg';
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={large ? 40 : 30} radius="md" color="navy.8">
        <IconRadar2 size={large ? 26 : 20} stroke={1.8} />
      </ThemeIcon>
      <Text fw={750} fz={large ? 26 : 20} c="navy.8" style={{ letterSpacing: '-0.02em' }}>
        LeadTrac
      </Text>
    </Group>
  );
}
