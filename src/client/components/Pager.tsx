import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';

type Props = { total: number; page: number; pageSize: number; onPage: (page: number) => void };

/** Page numbers under a table, with the total count. */
export function Pager({ total, page, pageSize, onPage }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Group justify="space-between" mt="md" wrap="wrap">
      <Text size="sm" c="dimmed" data-testid="total-count">
        {t('common.total', { total: format.number(total) })}
      </Text>
      {pages > 1 && <Pagination total={pages} value={page} onChange={onPage} size="sm" siblings={1} />}
    </Group>
  );
}
