import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { UpdateCheck } from '../../../shared/contracts/checks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { useSignedInUser } from '../auth/auth.api';
import { canEditItem } from '../inventory/itemAccess';
import { useItemFromAddress } from '../inventory/useItemFromAddress';
import { CheckForm } from './CheckForm';
import { useCheck, useCreateCheck, useUpdateCheck } from './checks.api';
import { PushUrlModal } from './PushUrlModal';

/** A new check; `?itemId=` starts it on an item (the item page's link). */
export function CheckCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { itemId, isLoading, initialItem } = useItemFromAddress();
  const create = useCreateCheck();
  const [created, setCreated] = useState<{ id: number; pushUrl: string } | null>(null);

  if (isLoading) return <PageLoader />;
  return (
    <>
      <PageHeader title={t('checks.newCheck')} />
      <CheckForm
        initialItem={initialItem}
        isPending={create.isPending}
        error={create.error}
        onCancel={() => void navigate(itemId ? `/inventory/${itemId}` : '/checks')}
        onSubmit={(check) =>
          create.mutate(check, {
            onSuccess: (saved) => {
              notifications.show({ color: 'green', message: t('checks.created') });
              if (saved.pushUrl) setCreated({ id: saved.id, pushUrl: saved.pushUrl });
              else void navigate(`/checks/${saved.id}`);
            },
          })
        }
      />
      {created && (
        <PushUrlModal pushUrl={created.pushUrl} onClose={() => void navigate(`/checks/${created.id}`)} />
      )}
    </>
  );
}

/** Changes to a check; its kind stays. */
export function CheckEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useSignedInUser();
  const id = Number(useParams().id);
  const check = useCheck(id);
  const update = useUpdateCheck(id);

  if (check.isPending) return <PageLoader />;
  if (check.isError) return <ErrorAlert error={check.error} />;
  if (!canEditItem(me, check.data.ownerTeamId)) return <Text>{t('common.notAllowed')}</Text>;
  const initialOwner = check.data.ownerTeamId;
  return (
    <>
      <PageHeader title={`${t('checks.editCheck')}: ${check.data.name}`} />
      <CheckForm
        key={check.data.id}
        check={check.data}
        isPending={update.isPending}
        error={update.error}
        onCancel={() => void navigate(`/checks/${id}`)}
        onSubmit={({ ownerTeamId, ...rest }) => {
          // The owner shown is the check's own or its item's: send it only when the user changed it,
          // so a check that follows its item's team keeps following it.
          const changes: UpdateCheck = ownerTeamId === initialOwner ? rest : { ...rest, ownerTeamId };
          update.mutate(changes, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('checks.updated') });
              void navigate(`/checks/${id}`);
            },
          });
        }}
      />
    </>
  );
}
