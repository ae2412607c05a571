import {
  ActionIcon,
  Anchor,
  Box,
  Button,
  Checkbox,
  Group,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPencil, IconPlus, IconTrash, IconUserMinus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Team } from '../../../shared/contracts/teams';
import { hasPermission } from '../../../shared/domain/roles';
import { ApiError } from '../../api/http';
import { ActionsHeader } from '../../components/ActionsHeader';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { errorMessage } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { useSignedInUser } from '../auth/auth.api';
import { ActivityFeed } from '../collaboration/ActivityFeed';
import { UserPicker } from '../users/UserPicker';
import { TeamFormModal } from './TeamFormModal';
import { useDeleteTeam, useDeleteTeamMember, usePutTeamMember, useTeam, useUpdateTeam } from './teams.api';

function AddMemberForm({ team }: { team: Team }) {
  const { t } = useTranslation();
  const put = usePutTeamMember(team.id);
  const [userId, setUserId] = useState<number | null>(null);
  const [isLead, setIsLead] = useState(false);
  return (
    <Stack gap="xs">
      {put.error && <ErrorAlert error={put.error} />}
      <Group align="flex-end" gap="sm" wrap="wrap">
        <UserPicker
          label={t('teams.addMember')}
          placeholder={t('teams.pickUser')}
          value={userId}
          onChange={setUserId}
          excludeIds={team.members.map((member) => member.userId)}
          miw={260}
          style={{ flex: 1 }}
          data-testid="member-picker"
        />
        <Checkbox
          label={t('teams.isLead')}
          checked={isLead}
          onChange={(event) => setIsLead(event.currentTarget.checked)}
          mb={8}
        />
        <Button
          leftSection={<IconPlus size={16} />}
          disabled={userId === null}
          loading={put.isPending}
          data-testid="member-add"
          onClick={() => {
            if (userId === null) return;
            put.mutate(
              { userId, isLead },
              {
                onSuccess: () => {
                  setUserId(null);
                  setIsLead(false);
                },
              },
            );
          }}
        >
          {t('common.add')}
        </Button>
      </Group>
    </Stack>
  );
}

function MemberTable({ team, canEdit }: { team: Team; canEdit: boolean }) {
  const { t } = useTranslation();
  const put = usePutTeamMember(team.id);
  const remove = useDeleteTeamMember(team.id);
  const onError = (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error, t) });
  if (team.members.length === 0) return <Text c="dimmed">{t('teams.noMembers')}</Text>;
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table verticalSpacing="xs" data-testid="member-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('common.name')}</Table.Th>
            <Table.Th>{t('common.email')}</Table.Th>
            <Table.Th>{t('teams.lead')}</Table.Th>
            {canEdit && <ActionsHeader w={50} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {team.members.map((member) => (
            <Table.Tr key={member.userId} data-testid="member-row">
              <Table.Td>{member.name}</Table.Td>
              <Table.Td>{member.email}</Table.Td>
              <Table.Td>
                <Switch
                  aria-label={t('teams.isLead')}
                  checked={member.isLead}
                  disabled={!canEdit || put.isPending}
                  onChange={(event) =>
                    put.mutate({ userId: member.userId, isLead: event.currentTarget.checked }, { onError })
                  }
                />
              </Table.Td>
              {canEdit && (
                <Table.Td>
                  <Tooltip label={t('common.remove')}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('common.remove')}
                      onClick={() => remove.mutate(member.userId, { onError })}
                    >
                      <IconUserMinus size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** One team: description, members with the lead flag; managers and admins change it here. */
export function TeamDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useSignedInUser();
  const id = Number(useParams().id);
  const team = useTeam(id);
  const update = useUpdateTeam(id);
  const remove = useDeleteTeam();
  const [isEditing, { open, close }] = useDisclosure(false);
  const canEdit = hasPermission(me.role, 'teams.write');

  if (team.isPending) return <PageLoader />;
  if (team.isError) {
    const isMissing = team.error instanceof ApiError && team.error.status === 404;
    return isMissing ? <Text>{t('teams.notFound')}</Text> : <ErrorAlert error={team.error} />;
  }

  return (
    <>
      <Anchor component={Link} to="/teams" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('teams.title')}
        </Group>
      </Anchor>
      <PageHeader
        title={team.data.name}
        actions={
          canEdit && (
            <>
              <Button
                leftSection={<IconPencil size={16} />}
                onClick={() => {
                  update.reset();
                  open();
                }}
                data-testid="edit-team"
              >
                {t('common.edit')}
              </Button>
              <ConfirmButton
                leftSection={<IconTrash size={16} />}
                question={t('common.confirmDelete', { name: team.data.name })}
                confirmLabel={t('common.delete')}
                loading={remove.isPending}
                onConfirm={() =>
                  remove.mutate(id, {
                    onSuccess: () => {
                      notifications.show({ message: t('teams.deleted') });
                      void navigate('/teams');
                    },
                    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
                  })
                }
              >
                {t('common.delete')}
              </ConfirmButton>
            </>
          )
        }
      />
      {team.data.description && (
        <Text mb="md" style={{ whiteSpace: 'pre-wrap' }}>
          {team.data.description}
        </Text>
      )}
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          {t('teams.members')}
        </Title>
        <Stack>
          <MemberTable team={team.data} canEdit={canEdit} />
          {canEdit && <AddMemberForm team={team.data} />}
        </Stack>
      </Paper>
      <Box mt="md">
        <ActivityFeed teamId={team.data.id} />
      </Box>
      {isEditing && (
        <TeamFormModal
          team={team.data}
          isOpen
          isPending={update.isPending}
          error={update.error}
          onClose={close}
          onSubmit={(changes) =>
            update.mutate(changes, {
              onSuccess: () => {
                notifications.show({ color: 'green', message: t('teams.updated') });
                close();
              },
            })
          }
        />
      )}
    </>
  );
}
