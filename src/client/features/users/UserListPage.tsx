import { Badge, Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User, UserListQuery } from '../../../shared/contracts/users';
import type { Role } from '../../../shared/domain/roles';
import { ActionsHeader } from '../../components/ActionsHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLabels } from '../../components/labels';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { Pager } from '../../components/Pager';
import { SortHeader } from '../../components/SortHeader';
import { useFormat } from '../../i18n/format';
import { UserFormModal } from './UserFormModal';
import { useCreateUser, useUpdateUser, useUsers } from './users.api';

type SortField = UserListQuery['sort'];
const pageSize = 25;

/** Admins list, create and change users here. */
export function UserListPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [role, setRole] = useState<Role | null>(null);
  const [sort, setSort] = useState<SortField>('email');
  const [direction, setDirection] = useState<'asc' | 'desc'>('asc');
  const [page, setPage] = useState(1);
  const users = useUsers({
    q: q.trim() || undefined,
    role: role ?? undefined,
    sort,
    direction,
    page,
    pageSize,
  });
  const create = useCreateUser();
  const update = useUpdateUser();
  const [editing, setEditing] = useState<User | 'new' | null>(null);

  const openEditor = (target: User | 'new') => {
    create.reset();
    update.reset();
    setEditing(target);
  };
  const sortProps = {
    sort,
    direction,
    onSort: (field: SortField, dir: 'asc' | 'desc') => {
      setSort(field);
      setDirection(dir);
      setPage(1);
    },
  };

  return (
    <>
      <PageHeader
        title={t('users.title')}
        actions={
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => openEditor('new')}
            data-testid="new-user"
          >
            {t('users.newUser')}
          </Button>
        }
      />
      <Group mb="md" gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t('common.search')}
          placeholder={t('users.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setPage(1);
          }}
          w={{ base: '100%', sm: 280 }}
          data-testid="user-search"
        />
        <Select
          label={t('users.role')}
          placeholder={t('common.all')}
          data={labels.roleOptions}
          value={role}
          clearable
          onChange={(value) => {
            setRole(value as Role | null);
            setPage(1);
          }}
          w={{ base: '100%', xs: 200 }}
        />
      </Group>
      {users.isPending && <PageLoader />}
      {users.isError && <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />}
      {users.data && (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table striped highlightOnHover data-testid="user-table">
              <Table.Thead>
                <Table.Tr>
                  <SortHeader field="name" {...sortProps}>
                    {t('common.name')}
                  </SortHeader>
                  <SortHeader field="email" {...sortProps}>
                    {t('common.email')}
                  </SortHeader>
                  <SortHeader field="role" {...sortProps}>
                    {t('users.role')}
                  </SortHeader>
                  <Table.Th>{t('users.status')}</Table.Th>
                  <SortHeader field="createdAt" {...sortProps}>
                    {t('common.createdAt')}
                  </SortHeader>
                  <ActionsHeader w={50} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data.rows.map((user) => (
                  <Table.Tr key={user.id} data-testid="user-row">
                    <Table.Td>{user.name}</Table.Td>
                    <Table.Td>{user.email}</Table.Td>
                    <Table.Td>{labels.role(user.role)}</Table.Td>
                    <Table.Td>
                      <Badge color={user.isDisabled ? 'gray' : 'green'} variant="light">
                        {user.isDisabled ? t('users.disabled') : t('users.active')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{format.dateTime(user.createdAt)}</Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="subtle"
                        leftSection={<IconPencil size={14} />}
                        onClick={() => openEditor(user)}
                      >
                        {t('common.edit')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {users.data.rows.length === 0 && (
            <Text c="dimmed" ta="center" py="lg">
              {t('common.noResults')}
            </Text>
          )}
          <Pager
            total={users.data.total}
            page={users.data.page}
            pageSize={users.data.pageSize}
            onPage={setPage}
          />
        </>
      )}
      {editing && (
        <UserFormModal
          key={editing === 'new' ? 'new' : editing.id}
          user={editing === 'new' ? undefined : editing}
          isPending={create.isPending || update.isPending}
          error={editing === 'new' ? create.error : update.error}
          onClose={() => setEditing(null)}
          onCreate={(user) =>
            create.mutate(user, {
              onSuccess: () => {
                notifications.show({ color: 'green', message: t('users.created') });
                setEditing(null);
              },
            })
          }
          onUpdate={(changes) => {
            if (editing === 'new') return;
            update.mutate(
              { id: editing.id, ...changes },
              {
                onSuccess: () => {
                  notifications.show({ color: 'green', message: t('users.updated') });
                  setEditing(null);
                },
              },
            );
          }}
        />
      )}
    </>
  );
}
