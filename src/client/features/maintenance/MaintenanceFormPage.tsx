import { Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { MaintenanceForm } from './MaintenanceForm';
import { MaintenanceStatusBadge } from './MaintenanceList';
import {
  useCreateMaintenanceWindow,
  useDeleteMaintenanceWindow,
  useMaintenanceWindow,
  useUpdateMaintenanceWindow,
} from './maintenance.api';

/** A new maintenance window; `?date=YYYY-MM-DD` starts it on a day of the calendar. */
export function MaintenanceCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const create = useCreateMaintenanceWindow();
  const date = params.get('date');
  return (
    <>
      <PageHeader title={t('maintenance.newWindow')} />
      <MaintenanceForm
        initialDate={date}
        isPending={create.isPending}
        error={create.error}
        onCancel={() => void navigate('/maintenance')}
        onSubmit={(window) =>
          create.mutate(window, {
            onSuccess: (saved) => {
              notifications.show({ color: 'green', message: t('maintenance.created') });
              // Show the month of the occurrence in progress or next, where the new window is.
              const month = dayjs(saved.current?.startsAt ?? saved.startsAt).format('YYYY-MM');
              void navigate(`/maintenance?month=${month}`);
            },
          })
        }
      />
    </>
  );
}

/** Changes to a maintenance window, and its deletion. */
export function MaintenanceEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const window = useMaintenanceWindow(id);
  const update = useUpdateMaintenanceWindow(id);
  const remove = useDeleteMaintenanceWindow();
  if (window.isPending) return <PageLoader />;
  if (window.isError) return <ErrorAlert error={window.error} />;
  return (
    <>
      <PageHeader
        title={`${t('maintenance.editWindow')}: ${window.data.title}`}
        actions={
          <Group gap="xs">
            <MaintenanceStatusBadge status={window.data.status} />
            <ConfirmButton
              question={t('maintenance.confirmDelete', { name: window.data.title })}
              confirmLabel={t('common.delete')}
              leftSection={<IconTrash size={16} />}
              loading={remove.isPending}
              onConfirm={() =>
                remove.mutate(id, {
                  onSuccess: () => {
                    notifications.show({ color: 'green', message: t('maintenance.deleted') });
                    void navigate('/maintenance');
                  },
                })
              }
              data-testid="maintenance-delete"
            >
              {t('common.delete')}
            </ConfirmButton>
          </Group>
        }
      />
      {remove.isError && <ErrorAlert error={remove.error} />}
      <MaintenanceForm
        key={window.data.id}
        window={window.data}
        isPending={update.isPending}
        error={update.error}
        onCancel={() => void navigate('/maintenance')}
        onSubmit={(changes) =>
          update.mutate(changes, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('maintenance.updated') });
              void navigate('/maintenance');
            },
          })
        }
      />
    </>
  );
}
