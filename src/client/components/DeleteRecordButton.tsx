import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ConfirmButton } from './ConfirmButton';
import { errorMessage } from './forms';

type Props = {
  id: number;
  /** The feature's delete mutation. */
  remove: {
    mutate: (id: number, options: { onSuccess: () => void; onError: (error: Error) => void }) => void;
    isPending: boolean;
  };
  question: string;
  deletedMessage: string;
  /** Where to go once the record is gone. */
  listPath: string;
  'data-testid': string;
};

/** Deletes the record a detail page shows, after a confirmation, then goes back to its list. */
export function DeleteRecordButton({
  id,
  remove,
  question,
  deletedMessage,
  listPath,
  'data-testid': testId,
}: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <ConfirmButton
      leftSection={<IconTrash size={16} />}
      question={question}
      confirmLabel={t('common.delete')}
      loading={remove.isPending}
      data-testid={testId}
      onConfirm={() =>
        remove.mutate(id, {
          onSuccess: () => {
            notifications.show({ message: deletedMessage });
            void navigate(listPath);
          },
          onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
        })
      }
    >
      {t('common.delete')}
    </ConfirmButton>
  );
}
