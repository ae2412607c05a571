import { Group, Title } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';

/** The title row of a page, with its actions on the right; also names the browser tab. */
export function PageHeader({ title, actions }: { title: string; actions?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Regia`;
  }, [title]);
  return (
    <Group justify="space-between" align="center" mb="md" wrap="wrap" gap="sm">
      <Title order={1} size="h2">
        {title}
      </Title>
      {actions && <Group gap="xs">{actions}</Group>}
    </Group>
  );
}
