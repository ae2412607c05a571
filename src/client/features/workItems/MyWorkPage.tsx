import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { WorkList } from './WorkList';

/** `/my-work`: the caller's open items; sorted by due date, so overdue ones come first. */
export function MyWorkPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('workItems.myWork')} />
      <Text size="sm" c="dimmed" mb="md">
        {t('workItems.myWorkIntro')}
      </Text>
      <WorkList base={{ isMine: true, isOpen: true }} />
    </>
  );
}
