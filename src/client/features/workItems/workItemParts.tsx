import { Badge, Group } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import type { WorkItemSummary } from '../../../shared/contracts/work-items';
import { useFormat } from '../../i18n/format';

const priorityColors: Record<number, string> = { 1: 'red', 2: 'orange', 3: 'blue', 4: 'gray' };

/** Priority, deadline and due date of an item as small badges. */
export function WorkItemBadges({ item }: { item: WorkItemSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Group gap={4} wrap="wrap">
      <Badge size="xs" variant="light" color={priorityColors[item.priority] ?? 'gray'}>
        {t(`workItems.priorities.${String(item.priority) as '1'}`)}
      </Badge>
      <Badge size="xs" variant="outline" color="gray">
        {t(`workItems.types.${item.type}`)}
      </Badge>
      {item.deadline && (
        <Badge size="xs" color={item.deadline === 'overdue' ? 'red' : 'yellow'} data-testid="deadline-badge">
          {t(`workItems.${item.deadline}`)}
        </Badge>
      )}
      {item.dueDate && (
        <Badge size="xs" variant="default">
          {format.date(item.dueDate)}
        </Badge>
      )}
    </Group>
  );
}

type DayInputProps = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  'data-testid'?: string;
};

/**
 * A calendar day picked from a calendar and shown in the UI language's format (25/11/2026 in
 * Italian): the browser's own date field follows the browser's language instead of Regia's.
 */
export function DayInput({ label, value, onChange, ...rest }: DayInputProps) {
  const { i18n } = useTranslation();
  return (
    <DatePickerInput
      label={label}
      value={value || null}
      onChange={(day) => onChange(day ?? '')}
      valueFormat={i18n.language === 'it' ? 'DD/MM/YYYY' : 'D MMM YYYY'}
      clearable
      popoverProps={{ withinPortal: true }}
      data-testid={rest['data-testid']}
    />
  );
}
