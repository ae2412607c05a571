import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { useSignedInUser } from '../auth/auth.api';
import { canEditItem } from '../inventory/itemAccess';
import { useItemFromAddress } from '../inventory/useItemFromAddress';
import { ProcedureForm } from './ProcedureForm';
import { useCreateProcedureTest, useProcedureTest, useUpdateProcedureTest } from './procedures.api';

/** A new procedure test; `?itemId=` starts it on an item. */
export function ProcedureCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { isLoading, initialItem } = useItemFromAddress();
  const create = useCreateProcedureTest();
  if (isLoading) return <PageLoader />;
  return (
    <>
      <PageHeader title={t('procedures.newTest')} />
      <ProcedureForm
        initialItem={initialItem}
        isPending={create.isPending}
        error={create.error}
        onCancel={() => void navigate('/procedures')}
        onSubmit={(test) =>
          create.mutate(test, {
            onSuccess: (saved) => {
              notifications.show({ color: 'green', message: t('procedures.created') });
              void navigate(`/procedures/${saved.id}`);
            },
          })
        }
      />
    </>
  );
}

/** Changes to a procedure test. */
export function ProcedureEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useSignedInUser();
  const id = Number(useParams().id);
  const test = useProcedureTest(id);
  const update = useUpdateProcedureTest(id);
  if (test.isPending) return <PageLoader />;
  if (test.isError) return <ErrorAlert error={test.error} />;
  if (!canEditItem(me, test.data.ownerTeamId)) return <Text>{t('common.notAllowed')}</Text>;
  return (
    <>
      <PageHeader title={`${t('procedures.editTest')}: ${test.data.name}`} />
      <ProcedureForm
        key={test.data.id}
        test={test.data}
        isPending={update.isPending}
        error={update.error}
        onCancel={() => void navigate(`/procedures/${id}`)}
        onSubmit={(changes) =>
          update.mutate(changes, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('procedures.updated') });
              void navigate(`/procedures/${id}`);
            },
          })
        }
      />
    </>
  );
}
