import { Anchor, Button, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { hasPermission } from '../../../shared/domain/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { useSignedInUser } from '../auth/auth.api';
import { TeamFormModal } from './TeamFormModal';
import { useCreateTeam, useTeams } from './teams.api';

/** Every team, with members and leads; managers and admins create teams here. */
export function TeamListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useSignedInUser();
  const teams = useTeams();
  const create = useCreateTeam();
  const [isCreating, { open, close }] = useDisclosure(false);
  const canWrite = hasPermission(me.role, 'teams.write');

  return (
    <>
      <PageHeader
        title={t('teams.title')}
        actions={
          canWrite && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => {
                create.reset();
                open();
              }}
              data-testid="new-team"
            >
              {t('teams.newTeam')}
            </Button>
          )
        }
      />
      {teams.isPending && <PageLoader />}
      {teams.isError && <ErrorAlert error={teams.error} onRetry={() => void teams.refetch()} />}
      {teams.data && (
        <Table.ScrollContainer minWidth={560}>
          <Table striped highlightOnHover data-testid="team-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common.name')}</Table.Th>
                <Table.Th>{t('common.description')}</Table.Th>
                <Table.Th>{t('teams.lead')}</Table.Th>
                <Table.Th ta="right">{t('teams.memberCount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {teams.data.rows.map((team) => (
                <Table.Tr key={team.id} data-testid="team-row">
                  <Table.Td>
                    <Anchor component={Link} to={`/teams/${team.id}`} fw={500}>
                      {team.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {team.description}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {team.members
                      .filter((member) => member.isLead)
                      .map((member) => member.name)
                      .join(', ') || t('common.none')}
                  </Table.Td>
                  <Table.Td ta="right">{team.members.length}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {teams.data.rows.length === 0 && (
            <Text c="dimmed" ta="center" py="lg">
              {t('common.noResults')}
            </Text>
          )}
        </Table.ScrollContainer>
      )}
      {isCreating && (
        <TeamFormModal
          isOpen
          isPending={create.isPending}
          error={create.error}
          onClose={close}
          onSubmit={(team) =>
            create.mutate(team, {
              onSuccess: (created) => {
                notifications.show({ color: 'green', message: t('teams.created') });
                close();
                void navigate(`/teams/${created.id}`);
              },
            })
          }
        />
      )}
    </>
  );
}
