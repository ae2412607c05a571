import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { LoginRequest } from '../../../shared/contracts/auth';
import { ApiError, didSessionEnd } from '../../api/http';
import { ErrorAlert } from '../../components/ErrorAlert';
import { type FieldErrors, zodFieldErrors } from '../../components/forms';
import { PageLoader } from '../../components/PageLoader';
import { PublicLayout } from '../../components/PublicLayout';
import { applyLocale, isLocale } from '../../i18n';
import { useSetupStatus } from '../setup/setup.api';
import { useLogin, useMe } from './auth.api';

/** Where to go after signing in: the page that sent us here, or home. */
function nextPath(state: unknown): string {
  const from = (state as { from?: string } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

/** Sign in with email and password. */
export function LoginPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const me = useMe();
  const setup = useSetupStatus();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  if (setup.data?.isOpen) return <Navigate to="/setup" replace />;
  if (me.data) return <Navigate to={nextPath(location.state)} replace />;
  if (me.isPending || setup.isPending) return <PageLoader />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = LoginRequest.safeParse({ email, password });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t));
      return;
    }
    setErrors({});
    login.mutate(parsed.data, {
      onSuccess: (signedIn) => {
        if (isLocale(signedIn.locale)) void applyLocale(signedIn.locale);
        void navigate(nextPath(location.state), { replace: true });
      },
    });
  };

  const failure = login.error;
  const isWrongCredentials = failure instanceof ApiError && failure.code === 'unauthenticated';
  const wasSignedOut = didSessionEnd();

  return (
    <PublicLayout title={t('auth.signInTitle')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {wasSignedOut && !failure && <Alert color="yellow">{t('auth.sessionExpired')}</Alert>}
          {isWrongCredentials ? (
            <Alert color="red" data-testid="login-error">
              {t('auth.wrongCredentials')}
            </Alert>
          ) : (
            failure && <ErrorAlert error={failure} />
          )}
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={errors.email}
            data-testid="login-email"
          />
          <PasswordInput
            label={t('auth.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={errors.password}
            data-testid="login-password"
          />
          <Button type="submit" loading={login.isPending} data-testid="login-submit">
            {t('auth.signIn')}
          </Button>
        </Stack>
      </form>
    </PublicLayout>
  );
}
