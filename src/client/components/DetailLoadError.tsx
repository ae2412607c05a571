import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/http';
import { ErrorAlert } from './ErrorAlert';

type Props = {
  error: unknown;
  /** Said when the record does not exist (any more). */
  notFoundText: string;
  /** The list to go back to. */
  backTo: string;
};

/** What a detail page shows when its record did not load: "not found" or the error, and a way back. */
export function DetailLoadError({ error, notFoundText, backTo }: Props) {
  const { t } = useTranslation();
  const isMissing = error instanceof ApiError && error.status === 404;
  return (
    <Stack>
      {isMissing ? <Text>{notFoundText}</Text> : <ErrorAlert error={error} />}
      <Button component={Link} to={backTo} variant="default" w="fit-content">
        {t('common.back')}
      </Button>
    </Stack>
  );
}
