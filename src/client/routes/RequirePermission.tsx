import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { hasPermission, type Permission } from '../../shared/domain/roles';
import { useMe } from '../features/auth/auth.api';

/** Shows the page only to roles with the permission; others read why not. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  if (!me.data) return null;
  if (!hasPermission(me.data.role, permission)) {
    return (
      <Alert color="yellow" data-testid="not-allowed">
        {t('common.notAllowed')}
      </Alert>
    );
  }
  return children;
}
