import {
  Button,
  Group,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChangePasswordRequest, UpdateMeRequest } from '../../../shared/contracts/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { apiFieldErrors, type FieldErrors, zodFieldErrors } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { applyLocale, isLocale } from '../../i18n';
import { NotificationPreferencesPanel } from '../collaboration/NotificationPreferencesPanel';
import { useChangePassword, useSignedInUser, useUpdateMe } from './auth.api';

function DetailsForm() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const updateMe = useUpdateMe();
  const [name, setName] = useState(me.name);
  const [locale, setLocale] = useState<string>(me.locale ?? 'browser');
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const errors = { ...apiFieldErrors(updateMe.error), ...localErrors };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = UpdateMeRequest.safeParse({ name, locale: isLocale(locale) ? locale : null });
    setLocalErrors(parsed.success ? {} : zodFieldErrors(parsed.error, t));
    if (!parsed.success) return;
    updateMe.mutate(parsed.data, {
      onSuccess: (updated) => {
        void applyLocale(isLocale(updated.locale) ? updated.locale : null);
        notifications.show({ color: 'green', message: t('common.saved') });
      },
    });
  };

  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t('profile.details')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack>
          {updateMe.error && Object.keys(apiFieldErrors(updateMe.error)).length === 0 ? (
            <ErrorAlert error={updateMe.error} />
          ) : null}
          <TextInput label={t('profile.email')} value={me.email} readOnly variant="filled" />
          <TextInput label={t('profile.role')} value={t(`roles.${me.role}`)} readOnly variant="filled" />
          <TextInput
            label={t('profile.name')}
            required
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.name}
            data-testid="profile-name"
          />
          <Select
            label={t('profile.language')}
            data={[
              { value: 'browser', label: t('profile.languageBrowser') },
              { value: 'en', label: t('language.en') },
              { value: 'it', label: t('language.it') },
            ]}
            value={locale}
            allowDeselect={false}
            onChange={(value) => setLocale(value ?? 'browser')}
            error={errors.locale}
            data-testid="profile-language"
          />
          <Group justify="flex-end">
            <Button type="submit" loading={updateMe.isPending} data-testid="profile-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const errors = { ...apiFieldErrors(change.error), ...localErrors };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = ChangePasswordRequest.safeParse({ currentPassword, newPassword });
    const found = parsed.success ? {} : zodFieldErrors(parsed.error, t);
    if (newPassword !== confirmation) found.confirmation = t('profile.passwordsDiffer');
    setLocalErrors(found);
    if (!parsed.success || found.confirmation) return;
    change.mutate(parsed.data, {
      onSuccess: () => {
        setCurrentPassword('');
        setNewPassword('');
        setConfirmation('');
        notifications.show({ color: 'green', message: t('profile.passwordChanged') });
      },
    });
  };

  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t('profile.changePassword')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack>
          {change.error && Object.keys(apiFieldErrors(change.error)).length === 0 ? (
            <ErrorAlert error={change.error} />
          ) : null}
          <PasswordInput
            label={t('profile.currentPassword')}
            required
            autoComplete="current-password"
            value={currentPassword}
            onChange={(event) => setCurrentPassword(event.currentTarget.value)}
            error={errors.currentPassword}
            data-testid="password-current"
          />
          <PasswordInput
            label={t('profile.newPassword')}
            description={t('setup.passwordHint')}
            required
            autoComplete="new-password"
            value={newPassword}
            onChange={(event) => setNewPassword(event.currentTarget.value)}
            error={errors.newPassword}
            data-testid="password-new"
          />
          <PasswordInput
            label={t('profile.confirmPassword')}
            required
            autoComplete="new-password"
            value={confirmation}
            onChange={(event) => setConfirmation(event.currentTarget.value)}
            error={errors.confirmation}
            data-testid="password-confirm"
          />
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending} data-testid="password-submit">
              {t('profile.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** The signed-in user's name, language and password. */
export function ProfilePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('profile.title')} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <DetailsForm />
        <PasswordForm />
      </SimpleGrid>
      <NotificationPreferencesPanel />
    </>
  );
}
