import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RequestStatus } from '../../../shared/contracts/requests';

const statusColors: Record<RequestStatus, string> = {
  triage: 'yellow',
  accepted: 'blue',
  merged: 'gray',
  declined: 'red',
  resolved: 'green',
};

/** A request's status as a coloured badge. */
export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColors[status]} variant="light" data-testid="request-status">
      {t(`requests.statuses.${status}`)}
    </Badge>
  );
}

const priorityKeys = {
  1: 'requests.priorities.1',
  2: 'requests.priorities.2',
  3: 'requests.priorities.3',
  4: 'requests.priorities.4',
} as const;

/** The message key of a priority (1 urgent … 4 low); unknown values read as medium. */
export function priorityKey(priority: number) {
  return priorityKeys[priority as keyof typeof priorityKeys] ?? priorityKeys[3];
}
