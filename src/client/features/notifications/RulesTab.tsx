import { Badge, Button, Group, Switch, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { NewRule, Rule, UpdateRule } from '../../../shared/contracts/notifications';
import { ActionsHeader } from '../../components/ActionsHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { useTeams } from '../teams/teams.api';
import { useChannels, useCreateRule, useDeleteRule, useRules, useUpdateRule } from './notifications.api';
import { RowActions } from './RowActions';
import { RuleFormModal } from './RuleFormModal';
import { useEditDialog } from './useEditDialog';

/** Rules: which events of which teams, at which severity, go to which channels. */
export function RulesTab() {
  const { t } = useTranslation();
  const rules = useRules();
  const channels = useChannels();
  const teams = useTeams();
  const create = useCreateRule();
  const update = useUpdateRule();
  const remove = useDeleteRule();
  const dialog = useEditDialog<Rule, NewRule, UpdateRule>(create, update);

  if (rules.isPending || channels.isPending) return <PageLoader />;
  if (rules.isError) return <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />;
  if (channels.isError) return <ErrorAlert error={channels.error} />;
  const channelNames = new Map(channels.data.rows.map((channel) => [channel.id, channel.name]));
  const teamNames = new Map((teams.data?.rows ?? []).map((team) => [team.id, team.name]));

  return (
    <>
      <Group justify="flex-end" mb="sm">
        <Button leftSection={<IconPlus size={16} />} onClick={dialog.openNew} data-testid="new-rule">
          {t('notifications.rules.new')}
        </Button>
      </Group>
      {remove.isError && <ErrorAlert error={remove.error} />}
      {rules.data.rows.length === 0 ? (
        <Text c="dimmed">{t('notifications.rules.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" data-testid="rule-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common.name')}</Table.Th>
                <Table.Th>{t('notifications.rules.events')}</Table.Th>
                <Table.Th>{t('notifications.rules.teams')}</Table.Th>
                <Table.Th>{t('notifications.rules.maxSeverity')}</Table.Th>
                <Table.Th>{t('notifications.rules.channels')}</Table.Th>
                <Table.Th>{t('notifications.rules.enabled')}</Table.Th>
                <ActionsHeader />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.data.rows.map((rule) => (
                <Table.Tr key={rule.id} data-testid="rule-row">
                  <Table.Td fw={500}>{rule.name}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {rule.events.map((kind) => (
                        <Badge key={kind} variant="light" size="sm" style={{ textTransform: 'none' }}>
                          {t(`notifications.rules.eventKinds.${kind}`)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {rule.teamIds.length === 0
                      ? t('notifications.rules.allTeams')
                      : rule.teamIds.map((id) => teamNames.get(id) ?? `#${id}`).join(', ')}
                  </Table.Td>
                  <Table.Td>
                    {rule.maxSeverity === 4
                      ? t('notifications.rules.everySeverity')
                      : t('notifications.rules.severityOption', { level: rule.maxSeverity })}
                  </Table.Td>
                  <Table.Td>
                    {rule.channelIds.map((id) => channelNames.get(id) ?? `#${id}`).join(', ')}
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      checked={rule.isEnabled}
                      aria-label={t('notifications.rules.enabled')}
                      onChange={(event) =>
                        update.mutate({ id: rule.id, change: { isEnabled: event.currentTarget.checked } })
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    <RowActions
                      name={rule.name}
                      onEdit={() => dialog.openEdit(rule)}
                      onDelete={() => remove.mutate(rule.id)}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {dialog.isOpen && (
        <RuleFormModal
          rule={dialog.row}
          channels={channels.data.rows}
          isPending={dialog.isPending}
          error={dialog.error}
          onClose={dialog.close}
          onSubmit={(rule) => dialog.save(rule, rule)}
        />
      )}
    </>
  );
}
