import {
  Alert,
  Button,
  Checkbox,
  Group,
  List,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { DatePickerInput, DateTimePicker } from '@mantine/dates';
import dayjs from 'dayjs';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type MaintenanceWindow, NewMaintenanceWindow } from '../../../shared/contracts/maintenance';
import {
  isValidRecurrence,
  isValidTimezone,
  type Occurrence,
  WindowOccurrences,
} from '../../../shared/domain/maintenance-occurrences';
import { ErrorAlert } from '../../components/ErrorAlert';
import { apiFieldErrors, type FieldErrors, zodFieldErrors } from '../../components/forms';
import { useFormat } from '../../i18n/format';
import { useSignedInUser } from '../auth/auth.api';
import { type NamedTarget, TargetPicker } from './TargetPicker';

const pickerFormat = 'YYYY-MM-DD HH:mm:ss';

/** Cadences offered so nobody has to write cron by hand. */
const presets = [
  { key: 'weeklySunday', cron: '0 2 * * 0' },
  { key: 'nightly', cron: '0 1 * * *' },
  { key: 'monthlyFirst', cron: '0 22 1 * *' },
] as const;

type FormValues = {
  title: string;
  description: string;
  isRecurring: boolean;
  startsAt: string | null;
  durationMinutes: number | string;
  recurrence: string;
  timezone: string;
  repeatUntil: string | null;
  notifyOwners: boolean;
  items: NamedTarget[];
  checks: NamedTarget[];
};

/** A new window is read in the organisation's timezone unless someone types another. */
function initialValues(
  window: MaintenanceWindow | undefined,
  date: string | null,
  organisationTimezone: string,
): FormValues {
  if (window) {
    return {
      title: window.title,
      description: window.description,
      isRecurring: window.recurrence !== null,
      startsAt: dayjs(window.startsAt).format(pickerFormat),
      durationMinutes: window.durationMinutes,
      recurrence: window.recurrence ?? presets[0].cron,
      timezone: window.timezone,
      repeatUntil: window.repeatUntil === null ? null : dayjs(window.repeatUntil).format('YYYY-MM-DD'),
      notifyOwners: window.notifyOwners,
      items: window.items,
      checks: window.checks,
    };
  }
  const day = date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? dayjs(date) : dayjs().add(1, 'day');
  return {
    title: '',
    description: '',
    isRecurring: false,
    startsAt: day.hour(22).minute(0).second(0).format(pickerFormat),
    durationMinutes: 60,
    recurrence: presets[0].cron,
    timezone: organisationTimezone,
    repeatUntil: null,
    notifyOwners: true,
    items: [],
    checks: [],
  };
}

/** The input the form would send, before validation. */
function toInput(values: FormValues) {
  return {
    title: values.title,
    description: values.description,
    startsAt: values.startsAt ? dayjs(values.startsAt).valueOf() : undefined,
    durationMinutes: values.durationMinutes === '' ? undefined : Number(values.durationMinutes),
    recurrence: values.isRecurring ? values.recurrence : null,
    timezone: values.timezone.trim() || undefined,
    // The end of the chosen day: occurrences may start during it.
    repeatUntil:
      values.isRecurring && values.repeatUntil ? dayjs(values.repeatUntil).endOf('day').valueOf() : null,
    notifyOwners: values.notifyOwners,
    itemIds: values.items.map((item) => item.id),
    checkIds: values.checks.map((check) => check.id),
  };
}

/** The next occurrences of what the form describes, or null when the schedule is not valid yet. */
function previewOf(values: FormValues, organisationTimezone: string, count = 5): Occurrence[] | null {
  const input = toInput(values);
  if (input.startsAt === undefined || input.durationMinutes === undefined || input.durationMinutes < 1)
    return null;
  // A blank timezone is the organisation's, as the server reads it.
  const timezone = input.timezone ?? organisationTimezone;
  if (!isValidTimezone(timezone)) return null;
  if (input.recurrence !== null && !isValidRecurrence(input.recurrence)) return null;
  const occurrences = new WindowOccurrences({
    startsAt: input.startsAt,
    durationMinutes: input.durationMinutes,
    recurrence: input.recurrence,
    timezone,
    repeatUntil: input.repeatUntil,
  });
  const now = Date.now();
  return occurrences.between(now, now + 400 * 86_400_000, count);
}

type Props = {
  window?: MaintenanceWindow;
  initialDate?: string | null;
  isPending: boolean;
  error: unknown;
  onSubmit: (window: NewMaintenanceWindow) => void;
  onCancel: () => void;
};

/** Create and edit form of a maintenance window, validated with the shared contract. */
export function MaintenanceForm({ window, initialDate = null, isPending, error, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const organisationTimezone = useSignedInUser().timezone;
  const [values, setValues] = useState<FormValues>(() =>
    initialValues(window, initialDate, organisationTimezone),
  );
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const errors: FieldErrors = { ...apiFieldErrors(error), ...localErrors };
  const hasServerFieldErrors = Object.keys(apiFieldErrors(error)).length > 0;
  const set = <K extends keyof FormValues>(field: K, value: FormValues[K]) =>
    setValues((current) => ({ ...current, [field]: value }));
  const preview = useMemo(() => previewOf(values, organisationTimezone), [values, organisationTimezone]);
  const preset = presets.find((one) => one.cron === values.recurrence.trim())?.key ?? null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = NewMaintenanceWindow.safeParse(toInput(values));
    setLocalErrors(parsed.success ? {} : zodFieldErrors(parsed.error, t));
    if (parsed.success) onSubmit(parsed.data);
  };

  return (
    <form onSubmit={submit} noValidate data-testid="maintenance-form">
      <Stack>
        {(Object.keys(localErrors).length > 0 || hasServerFieldErrors) && (
          <Alert color="red">{t('common.fixFields')}</Alert>
        )}
        {!hasServerFieldErrors && error ? <ErrorAlert error={error} /> : null}
        <Paper withBorder p="md">
          <Stack gap="sm">
            <TextInput
              label={t('maintenance.fields.title')}
              required
              value={values.title}
              onChange={(event) => set('title', event.currentTarget.value)}
              error={errors.title}
              data-testid="maintenance-title"
            />
            <Textarea
              label={t('maintenance.fields.description')}
              autosize
              minRows={2}
              value={values.description}
              onChange={(event) => set('description', event.currentTarget.value)}
              error={errors.description}
            />
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t('maintenance.fields.when')}
          </Title>
          <SegmentedControl
            mb="sm"
            value={values.isRecurring ? 'recurring' : 'oneOff'}
            onChange={(value) => set('isRecurring', value === 'recurring')}
            data={[
              { value: 'oneOff', label: t('maintenance.kinds.oneOff') },
              { value: 'recurring', label: t('maintenance.kinds.recurring') },
            ]}
            data-testid="maintenance-kind"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DateTimePicker
              label={
                values.isRecurring
                  ? t('maintenance.fields.startsAtRecurring')
                  : t('maintenance.fields.startsAt')
              }
              description={t('maintenance.hints.startsAt')}
              required
              value={values.startsAt}
              onChange={(value) => set('startsAt', value)}
              valueFormat="DD/MM/YYYY HH:mm"
              error={errors.startsAt}
              data-testid="maintenance-starts-at"
            />
            <NumberInput
              label={t('maintenance.fields.durationMinutes')}
              required
              min={1}
              max={10_080}
              value={values.durationMinutes}
              onChange={(value) => set('durationMinutes', value)}
              error={errors.durationMinutes}
              data-testid="maintenance-duration"
            />
            {values.isRecurring && (
              <>
                <Select
                  label={t('maintenance.presets.label')}
                  data={presets.map((one) => ({
                    value: one.key,
                    label: t(`maintenance.presets.${one.key}`),
                  }))}
                  value={preset}
                  onChange={(key) => {
                    const chosen = presets.find((one) => one.key === key);
                    if (chosen) set('recurrence', chosen.cron);
                  }}
                />
                <TextInput
                  label={t('maintenance.fields.recurrence')}
                  description={t('maintenance.hints.recurrence')}
                  ff="monospace"
                  value={values.recurrence}
                  onChange={(event) => set('recurrence', event.currentTarget.value)}
                  error={errors.recurrence}
                  data-testid="maintenance-recurrence"
                />
                <TextInput
                  label={t('maintenance.fields.timezone')}
                  value={values.timezone}
                  onChange={(event) => set('timezone', event.currentTarget.value)}
                  error={errors.timezone}
                />
                <DatePickerInput
                  label={t('maintenance.fields.repeatUntil')}
                  description={t('maintenance.hints.repeatUntil')}
                  clearable
                  value={values.repeatUntil}
                  onChange={(value) => set('repeatUntil', value)}
                  valueFormat="DD/MM/YYYY"
                  error={errors.repeatUntil}
                />
              </>
            )}
          </SimpleGrid>
          <Stack gap={4} mt="md" data-testid="maintenance-preview">
            <Text size="sm" fw={600}>
              {t('maintenance.preview.title')}
            </Text>
            {preview === null ? (
              <Text size="sm" c="dimmed">
                {t('maintenance.preview.invalid')}
              </Text>
            ) : preview.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('maintenance.preview.none')}
              </Text>
            ) : (
              <List size="sm">
                {preview.map((occurrence) => (
                  <List.Item key={occurrence.startsAt}>
                    {t('maintenance.preview.range', {
                      start: format.dateTime(occurrence.startsAt),
                      end: format.dateTime(occurrence.endsAt),
                    })}
                  </List.Item>
                ))}
              </List>
            )}
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">
            {t('maintenance.fields.targets')}
          </Title>
          <Text size="sm" c={errors.itemIds ? 'red' : 'dimmed'} mb="sm">
            {errors.itemIds ?? t('maintenance.hints.targets')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TargetPicker
              kind="items"
              label={t('maintenance.fields.items')}
              description={t('maintenance.hints.items')}
              placeholder={t('maintenance.searchItems')}
              value={values.items}
              onChange={(items) => set('items', items)}
              data-testid="maintenance-items"
            />
            <TargetPicker
              kind="checks"
              label={t('maintenance.fields.checks')}
              description={t('maintenance.hints.checks')}
              placeholder={t('maintenance.searchChecks')}
              value={values.checks}
              onChange={(checks) => set('checks', checks)}
              error={errors.checkIds}
              data-testid="maintenance-checks"
            />
          </SimpleGrid>
          <Checkbox
            mt="md"
            label={t('maintenance.fields.notifyOwners')}
            checked={values.notifyOwners}
            onChange={(event) => set('notifyOwners', event.currentTarget.checked)}
          />
        </Paper>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={isPending} data-testid="maintenance-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
