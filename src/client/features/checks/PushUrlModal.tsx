import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** A heartbeat's push URL, shown once: copy button, warning, and how a job calls it. */
export function PushUrlModal({ pushUrl, onClose }: { pushUrl: string; onClose: () => void }) {
  const { t } = useTranslation();
  const curl = `curl -fsS -m 10 --retry 3 -X POST '${pushUrl}'`;
  const cron = `0 2 * * * /usr/local/bin/backup.sh && ${curl} > /dev/null`;
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('checks.push.title')}
      closeOnClickOutside={false}
      size="xl"
      data-testid="push-url-modal"
    >
      <Stack>
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />} data-testid="push-url-warning">
          {t('checks.push.warning')}
        </Alert>
        <Code block data-testid="push-url" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {pushUrl}
        </Code>
        <CopyButton value={pushUrl}>
          {({ copied, copy }) => (
            <Button
              w="fit-content"
              color={copied ? 'teal' : 'blue'}
              leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              onClick={copy}
              data-testid="push-url-copy"
            >
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
        <Text size="sm">{t('checks.push.curlIntro')}</Text>
        <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="push-url-curl">
          {curl}
        </Code>
        <Text size="sm">{t('checks.push.cronIntro')}</Text>
        <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {cron}
        </Code>
        <Text size="sm" c="dimmed">
          {t('checks.push.messageHint')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-testid="push-url-close">
            {t('checks.push.done')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
