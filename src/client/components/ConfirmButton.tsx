import { Button, type ButtonProps, Group, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Props = ButtonProps & {
  /** The question asked before acting. */
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  children: ReactNode;
  'data-testid'?: string;
};

/** A button that asks for confirmation in a dialog before a destructive action. */
export function ConfirmButton({ question, confirmLabel, onConfirm, children, ...buttonProps }: Props) {
  const { t } = useTranslation();
  const [isOpen, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button color="red" variant="light" {...buttonProps} onClick={open}>
        {children}
      </Button>
      <Modal opened={isOpen} onClose={close} title={confirmLabel} centered>
        <Text mb="lg">{question}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            data-testid="confirm-action"
            onClick={() => {
              close();
              onConfirm();
            }}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
