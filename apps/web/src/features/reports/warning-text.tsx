import { Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { IconAlert } from '../../components/icons';

/** A short caution beside a control: an icon and dark text (coloured text alone is too pale to read). */
export function WarningText({ children }: { children: ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" className="report-warning">
      <IconAlert size={16} className="report-warning-icon" />
      <Text size="sm">{children}</Text>
    </Group>
  );
}
