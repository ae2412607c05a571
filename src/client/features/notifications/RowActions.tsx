import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../components/ConfirmButton';

type Props = {
  /** Named in the delete question. */
  name: string;
  onEdit: () => void;
  onDelete: () => void;
  /** Gives the buttons `<prefix>-edit` and `<prefix>-delete` test ids. */
  testIdPrefix?: string;
  /** Buttons of this kind of row, shown before Edit. */
  children?: ReactNode;
};

/** Edit, and delete after a confirmation, at the end of a settings row. */
export function RowActions({ name, onEdit, onDelete, testIdPrefix, children }: Props) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      {children}
      <Button
        size="xs"
        variant="default"
        onClick={onEdit}
        data-testid={testIdPrefix && `${testIdPrefix}-edit`}
      >
        {t('common.edit')}
      </Button>
      <ConfirmButton
        size="xs"
        question={t('common.confirmDelete', { name })}
        confirmLabel={t('common.delete')}
        onConfirm={onDelete}
        data-testid={testIdPrefix && `${testIdPrefix}-delete`}
      >
        {t('common.delete')}
      </ConfirmButton>
    </Group>
  );
}
