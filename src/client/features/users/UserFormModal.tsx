import { Button, Group, Modal, PasswordInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NewUser, UpdateUser, type User } from '../../../shared/contracts/users';
import type { Role } from '../../../shared/domain/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { apiFieldErrors, type FieldErrors, zodFieldErrors } from '../../components/forms';
import { useLabels } from '../../components/labels';

type Props = {
  /** The user to edit; absent for a new one. */
  user?: User;
  isPending: boolean;
  error: unknown;
  onClose: () => void;
  onCreate: (user: NewUser) => void;
  onUpdate: (changes: UpdateUser) => void;
};

/** Create a user, or change one's name, role, status and password. */
export function UserFormModal({ user, isPending, error, onClose, onCreate, onUpdate }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [email, setEmail] = useState(user?.email ?? '');
  const [name, setName] = useState(user?.name ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'member');
  const [isDisabled, setIsDisabled] = useState(user?.isDisabled ?? false);
  const [password, setPassword] = useState('');
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const serverErrors = apiFieldErrors(error);
  const errors = { ...serverErrors, ...localErrors };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (user) {
      const changes: UpdateUser = { name, role, isDisabled, ...(password ? { password } : {}) };
      const parsed = UpdateUser.safeParse(changes);
      setLocalErrors(parsed.success ? {} : zodFieldErrors(parsed.error, t));
      if (parsed.success) onUpdate(parsed.data);
    } else {
      const parsed = NewUser.safeParse({ email, name, role, password });
      setLocalErrors(parsed.success ? {} : zodFieldErrors(parsed.error, t));
      if (parsed.success) onCreate(parsed.data);
    }
  };

  return (
    <Modal opened onClose={onClose} title={user ? t('users.editUser') : t('users.newUser')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && Object.keys(serverErrors).length === 0 ? <ErrorAlert error={error} /> : null}
          <TextInput
            label={t('common.email')}
            type="email"
            required={!user}
            disabled={Boolean(user)}
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={errors.email}
            data-testid="user-email"
          />
          <TextInput
            label={t('common.name')}
            required
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.name}
            data-testid="user-name"
          />
          <Select
            label={t('users.role')}
            required
            data={labels.roleOptions}
            value={role}
            allowDeselect={false}
            onChange={(value) => value && setRole(value as Role)}
            error={errors.role}
            data-testid="user-role"
          />
          <PasswordInput
            label={user ? t('users.resetPassword') : t('users.password')}
            description={user ? t('users.resetPasswordHint') : t('setup.passwordHint')}
            required={!user}
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={errors.password}
            data-testid="user-password"
          />
          {user && (
            <Switch
              label={t('users.isDisabled')}
              description={t('users.disabledHint')}
              checked={isDisabled}
              onChange={(event) => setIsDisabled(event.currentTarget.checked)}
              data-testid="user-disabled"
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={isPending} data-testid="user-submit">
              {user ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
