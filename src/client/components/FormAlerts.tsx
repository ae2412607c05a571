import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';
import { apiFieldErrors } from './forms';

type Props = {
  /** The last failed save. */
  error: unknown;
  /** Whether the form's own check found mistakes. */
  hasLocalErrors: boolean;
};

/**
 * The alerts above a long form: "fix the marked fields" while any field shows a message (it may be
 * scrolled out of sight), else the save error itself.
 */
export function FormAlerts({ error, hasLocalErrors }: Props) {
  const { t } = useTranslation();
  const hasServerFieldErrors = Object.keys(apiFieldErrors(error)).length > 0;
  return (
    <>
      {(hasLocalErrors || hasServerFieldErrors) && <Alert color="red">{t('common.fixFields')}</Alert>}
      {!hasServerFieldErrors && error ? <ErrorAlert error={error} /> : null}
    </>
  );
}
