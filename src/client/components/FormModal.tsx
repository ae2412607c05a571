import { Button, Group, Modal, type ModalProps, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';
import { apiFieldErrors } from './forms';

type Props = {
  title: string;
  size?: ModalProps['size'];
  /** The last failed save; errors about fields show under the fields, the rest above the form. */
  error: unknown;
  isPending: boolean;
  submitLabel: string;
  submitTestId: string;
  onClose: () => void;
  onSubmit: () => void;
  children: ReactNode;
};

/** A form in a dialog: the save error on top, the fields, then Cancel and the submit button. */
export function FormModal({
  title,
  size,
  error,
  isPending,
  submitLabel,
  submitTestId,
  onClose,
  onSubmit,
  children,
}: Props) {
  const { t } = useTranslation();
  const hasFieldErrors = Object.keys(apiFieldErrors(error)).length > 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <Modal opened onClose={onClose} size={size} title={title}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && !hasFieldErrors ? <ErrorAlert error={error} /> : null}
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={isPending} data-testid={submitTestId}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
