import { Alert, Button, Code, CopyButton, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NewApiToken } from '../../../shared/contracts/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { apiFieldErrors, type FieldErrors, zodFieldErrors } from '../../components/forms';
import { useCreateToken } from './tokens.api';

const expiryChoices = ['30', '90', '365', 'never'] as const;

/** Create a token, then show its secret once with a copy button. */
export function TokenFormModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState<string>('90');
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const errors = { ...apiFieldErrors(create.error), ...localErrors };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = NewApiToken.safeParse({ name, expiresInDays: expiry === 'never' ? null : Number(expiry) });
    setLocalErrors(parsed.success ? {} : zodFieldErrors(parsed.error, t));
    if (parsed.success) create.mutate(parsed.data);
  };

  if (create.data) {
    return (
      <Modal opened onClose={onClose} title={t('tokens.createdTitle')} closeOnClickOutside={false} size="lg">
        <Stack>
          <Alert color="yellow" icon={<IconAlertTriangle size={18} />} data-testid="token-warning">
            {t('tokens.createdWarning')}
          </Alert>
          <Code block data-testid="token-secret" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {create.data.token}
          </Code>
          <Group justify="space-between">
            <CopyButton value={create.data.token}>
              {({ copied, copy }) => (
                <Button
                  color={copied ? 'teal' : 'blue'}
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  onClick={copy}
                  data-testid="token-copy"
                >
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={onClose} data-testid="token-close">
              {t('common.close')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  return (
    <Modal opened onClose={onClose} title={t('tokens.newToken')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {create.error && Object.keys(apiFieldErrors(create.error)).length === 0 ? (
            <ErrorAlert error={create.error} />
          ) : null}
          <TextInput
            label={t('tokens.name')}
            required
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.name}
            data-testid="token-name"
            data-autofocus
          />
          <Select
            label={t('tokens.expiresIn')}
            data={expiryChoices.map((choice) => ({
              value: choice,
              label: choice === 'never' ? t('tokens.never') : t('tokens.days', { count: Number(choice) }),
            }))}
            value={expiry}
            allowDeselect={false}
            onChange={(value) => setExpiry(value ?? '90')}
            error={errors.expiresInDays}
            data-testid="token-expiry"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="token-submit">
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
