import { Badge, Button, Code, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken } from '../../../shared/contracts/auth';
import { ActionsHeader } from '../../components/ActionsHeader';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { errorMessage } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { useFormat } from '../../i18n/format';
import { TokenFormModal } from './TokenFormModal';
import { useRevokeToken, useTokens } from './tokens.api';

type Status = 'active' | 'revoked' | 'expired';

function statusOf(token: ApiToken, now: number): Status {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && token.expiresAt <= now) return 'expired';
  return 'active';
}

const statusColor: Record<Status, string> = { active: 'green', revoked: 'gray', expired: 'orange' };

/** The user's API tokens: list, create (secret shown once), revoke. */
export function TokenListPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [isCreating, setIsCreating] = useState(false);
  const now = Date.now();

  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        actions={
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setIsCreating(true)}
            data-testid="new-token"
          >
            {t('tokens.newToken')}
          </Button>
        }
      />
      <Text c="dimmed" mb="md">
        {t('tokens.intro')}
      </Text>
      {tokens.isPending && <PageLoader />}
      {tokens.isError && <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} />}
      {tokens.data && (
        <Table.ScrollContainer minWidth={680}>
          <Table striped data-testid="token-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tokens.name')}</Table.Th>
                <Table.Th>{t('tokens.prefix')}</Table.Th>
                <Table.Th>{t('common.createdAt')}</Table.Th>
                <Table.Th>{t('tokens.expiresAt')}</Table.Th>
                <Table.Th>{t('tokens.lastUsedAt')}</Table.Th>
                <Table.Th>{t('tokens.status')}</Table.Th>
                <ActionsHeader />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.rows.map((token) => {
                const status = statusOf(token, now);
                return (
                  <Table.Tr key={token.id} data-testid="token-row">
                    <Table.Td>{token.name}</Table.Td>
                    <Table.Td>
                      <Code>{token.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>{format.dateTime(token.createdAt)}</Table.Td>
                    <Table.Td>
                      {token.expiresAt === null ? t('tokens.never') : format.dateTime(token.expiresAt)}
                    </Table.Td>
                    <Table.Td>{format.dateTime(token.lastUsedAt)}</Table.Td>
                    <Table.Td>
                      <Badge color={statusColor[status]} variant="light">
                        {t(`tokens.${status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {status === 'active' && (
                        <ConfirmButton
                          size="xs"
                          question={t('tokens.confirmRevoke', { name: token.name })}
                          confirmLabel={t('tokens.revoke')}
                          data-testid="token-revoke"
                          onConfirm={() =>
                            revoke.mutate(token.id, {
                              onSuccess: () => notifications.show({ message: t('tokens.revokedDone') }),
                              onError: (error) =>
                                notifications.show({ color: 'red', message: errorMessage(error, t) }),
                            })
                          }
                        >
                          {t('tokens.revoke')}
                        </ConfirmButton>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          {tokens.data.rows.length === 0 && (
            <Text c="dimmed" ta="center" py="lg">
              {t('common.noResults')}
            </Text>
          )}
        </Table.ScrollContainer>
      )}
      {isCreating && <TokenFormModal onClose={() => setIsCreating(false)} />}
    </>
  );
}
