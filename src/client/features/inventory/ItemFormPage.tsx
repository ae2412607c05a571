import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { useSignedInUser } from '../auth/auth.api';
import { ItemForm } from './ItemForm';
import { useCreateItem, useItem, useUpdateItem } from './inventory.api';
import { canEditItem } from './itemAccess';

/** A new item. */
export function ItemCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateItem();
  return (
    <>
      <PageHeader title={t('inventory.newItem')} />
      <ItemForm
        isPending={create.isPending}
        error={create.error}
        onCancel={() => void navigate('/inventory')}
        onSubmit={(item) =>
          create.mutate(item, {
            onSuccess: (created) => {
              notifications.show({ color: 'green', message: t('inventory.created') });
              void navigate(`/inventory/${created.id}`);
            },
          })
        }
      />
    </>
  );
}

/** Changes to an existing item. */
export function ItemEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useSignedInUser();
  const id = Number(useParams().id);
  const item = useItem(id);
  const update = useUpdateItem(id);

  if (item.isPending) return <PageLoader />;
  if (item.isError) return <ErrorAlert error={item.error} />;
  if (!canEditItem(me, item.data.ownerTeamId)) return <Text>{t('common.notAllowed')}</Text>;
  return (
    <>
      <PageHeader title={`${t('inventory.editItem')}: ${item.data.name}`} />
      <ItemForm
        key={item.data.id}
        item={item.data}
        isPending={update.isPending}
        error={update.error}
        onCancel={() => void navigate(`/inventory/${id}`)}
        onSubmit={(changes) =>
          update.mutate(changes, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('inventory.updated') });
              void navigate(`/inventory/${id}`);
            },
          })
        }
      />
    </>
  );
}
