import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconTerminal2 } from '@tabler/icons-react';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { SetupRequest } from '../../../shared/contracts/auth';
import { ApiError } from '../../api/http';
import { ErrorAlert } from '../../components/ErrorAlert';
import { apiFieldErrors, type FieldErrors, zodFieldErrors } from '../../components/forms';
import { PageLoader } from '../../components/PageLoader';
import { PublicLayout } from '../../components/PublicLayout';
import { useSetup, useSetupStatus } from './setup.api';

/** First run: create the first administrator with the one-time code from the server's terminal. */
export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const status = useSetupStatus();
  const setup = useSetup();
  const [values, setValues] = useState({ code: '', name: '', email: '', password: '' });
  const [errors, setErrors] = useState<FieldErrors>({});

  if (status.isPending) return <PageLoader />;
  if (status.isError) {
    return (
      <PublicLayout title={t('setup.title')}>
        <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />
      </PublicLayout>
    );
  }
  if (!status.data.isOpen && !setup.isSuccess) return <Navigate to="/login" replace />;

  const set = (field: keyof typeof values) => (event: ChangeEvent<HTMLInputElement>) =>
    setValues({ ...values, [field]: event.currentTarget.value });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = SetupRequest.safeParse(values);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    setup.mutate(parsed.data, {
      onSuccess: () => void navigate('/', { replace: true }),
      onError: (error) => setErrors(apiFieldErrors(error)),
    });
  };

  const isClosed = setup.error instanceof ApiError && setup.error.code === 'setup_closed';

  return (
    <PublicLayout title={t('setup.title')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Alert icon={<IconTerminal2 size={18} />} color="blue" data-testid="setup-intro">
            {t('setup.intro')}
          </Alert>
          {isClosed ? (
            <Alert color="yellow">
              {t('setup.closed')}{' '}
              <Text component={Link} to="/login" c="blue" inherit>
                {t('auth.signIn')}
              </Text>
            </Alert>
          ) : (
            setup.error && <ErrorAlert error={setup.error} />
          )}
          <TextInput
            label={t('setup.code')}
            description={t('setup.codeHint')}
            required
            autoComplete="one-time-code"
            value={values.code}
            onChange={set('code')}
            error={errors.code}
            data-testid="setup-code"
          />
          <TextInput
            label={t('setup.name')}
            required
            autoComplete="name"
            value={values.name}
            onChange={set('name')}
            error={errors.name}
            data-testid="setup-name"
          />
          <TextInput
            label={t('setup.email')}
            type="email"
            required
            autoComplete="username"
            value={values.email}
            onChange={set('email')}
            error={errors.email}
            data-testid="setup-email"
          />
          <PasswordInput
            label={t('setup.password')}
            description={t('setup.passwordHint')}
            required
            autoComplete="new-password"
            value={values.password}
            onChange={set('password')}
            error={errors.password}
            data-testid="setup-password"
          />
          <Button type="submit" loading={setup.isPending} data-testid="setup-submit">
            {t('setup.submit')}
          </Button>
        </Stack>
      </form>
    </PublicLayout>
  );
}
