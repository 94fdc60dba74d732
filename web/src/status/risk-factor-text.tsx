import { Group, Text, Tooltip } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';

/**
 * One risk factor's explanation. A factor whose details the server withheld (criminal history,
 * no stated purpose or assignment) says so, with a lock; its points still count.
 */
export function RiskFactorText({
  f,
  size = 'xs',
}: {
  f: { text: string; withheld?: boolean | undefined };
  size?: 'xs' | 'sm';
}) {
  if (!f.withheld) return <Text size={size}>{f.text}</Text>;
  return (
    <Tooltip
      label="Criminal and enforcement history is shown only with a need to know: state a purpose, or be assigned to a lead on this person."
      multiline
      w={300}
      withArrow
    >
      <Group gap={4} wrap="nowrap" align="flex-start" data-testid="factor-withheld">
        <IconLock
          size={14}
          color="var(--mantine-color-orange-7)"
          style={{ flexShrink: 0, marginTop: 2 }}
          aria-hidden
        />
        <Text size={size} c="orange.9" fs="italic">
          {f.text}
        </Text>
      </Group>
    </Tooltip>
  );
}
