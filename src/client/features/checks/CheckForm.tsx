import {
  Alert,
  Button,
  Group,
  Input,
  NumberInput,
  Paper,
  ScrollArea,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CheckKind, checkKinds } from '../../../shared/contracts/check-kinds';
import { type Check, NewCheck, TestCheckRequest } from '../../../shared/contracts/checks';
import { isCrossTeam } from '../../../shared/domain/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormAlerts } from '../../components/FormAlerts';
import { apiFieldErrors, errorUnder, type FieldErrors, zodFieldErrors } from '../../components/forms';
import { useSignedInUser } from '../auth/auth.api';
import { ItemPicker } from '../inventory/ItemPicker';
import { useOwnerTeamOptions } from '../teams/useOwnerTeamOptions';
import { RunResultView } from './CheckBits';
import { CheckSettingsFields } from './CheckSettingsFields';
import {
  type CheckFormValues,
  checkCandidate,
  checkFormValuesOf,
  emptyCheckValues,
  optionalNumber,
  settingsCandidate,
} from './checkFormValues';
import { useCheckLabels } from './checkLabels';
import { useTestCheck } from './checks.api';

const maskedSecret = '********';

type Props = {
  check?: Check;
  /** a new check for this item (from the item page) */
  initialItem?: { id: number; name: string } | null;
  isPending: boolean;
  error: unknown;
  onSubmit: (check: NewCheck) => void;
  onCancel: () => void;
};

/** Create and edit form of a check, for every kind, validated with the shared NewCheck schema. */
export function CheckForm({ check, initialItem, isPending, error, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const labels = useCheckLabels();
  const me = useSignedInUser();
  const test = useTestCheck();
  const isAnyTeam = isCrossTeam(me.role);
  const [values, setValues] = useState<CheckFormValues>(() => {
    if (check) return checkFormValuesOf(check);
    return {
      ...emptyCheckValues,
      itemId: initialItem?.id ?? null,
      itemName: initialItem?.name ?? null,
      // Leads and members answer for their own teams' checks: start with the first of them.
      ownerTeamId: isAnyTeam || initialItem || !me.teamIds[0] ? null : String(me.teamIds[0]),
    };
  });
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const serverErrors = { ...apiFieldErrors(test.error), ...apiFieldErrors(error) };
  const errors: FieldErrors = { ...serverErrors, ...localErrors };

  const set = <K extends keyof CheckFormValues>(field: K, value: CheckFormValues[K]) =>
    setValues((current) => ({ ...current, [field]: value }));

  const teamOptions = useOwnerTeamOptions(values.ownerTeamId);

  // The refine "interval or cron" speaks English; an empty interval is simply a required field.
  const withScheduleMessage = (found: FieldErrors): FieldErrors =>
    found.intervalSeconds && values.scheduleMode === 'interval' && values.intervalSeconds === ''
      ? { ...found, intervalSeconds: t('validation.required') }
      : found;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = NewCheck.safeParse(checkCandidate(values));
    setLocalErrors(parsed.success ? {} : withScheduleMessage(zodFieldErrors(parsed.error, t)));
    if (parsed.success) onSubmit(parsed.data);
  };

  const runNow = () => {
    const parsed = TestCheckRequest.safeParse({
      settings: settingsCandidate(values.kind, values.settings),
      timeoutMs: optionalNumber(values.timeoutMs),
      degradedAboveMs: optionalNumber(values.degradedAboveMs) ?? null,
    });
    setLocalErrors(parsed.success ? {} : zodFieldErrors(parsed.error, t));
    if (parsed.success) test.mutate(parsed.data);
    else test.reset();
  };

  const hasMaskedHeaders =
    values.kind === 'http' && values.settings.http.headers.some((row) => row.value === maskedSecret);
  const hasLocalErrors = Object.keys(localErrors).length > 0;
  const canRun = values.kind !== 'heartbeat';

  return (
    <form onSubmit={submit} noValidate data-testid="check-form">
      <Stack>
        <FormAlerts error={error} hasLocalErrors={hasLocalErrors} />
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t('checks.sections.general')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('checks.fields.name')}
              required
              value={values.name}
              onChange={(event) => set('name', event.currentTarget.value)}
              error={errors.name}
              data-testid="check-name"
            />
            <ItemPicker
              label={t('checks.fields.item')}
              description={t('checks.fields.itemHint')}
              placeholder={t('checks.fields.itemPlaceholder')}
              value={values.itemId}
              selectedName={values.itemName}
              onChange={(id, name) => setValues((current) => ({ ...current, itemId: id, itemName: name }))}
              error={errors.itemId}
              comboboxProps={{ withinPortal: true }}
              data-testid="check-item"
            />
            <Select
              label={t('checks.fields.team')}
              description={t('checks.fields.teamHint')}
              placeholder={t('checks.fields.teamFromItem')}
              data={teamOptions}
              value={values.ownerTeamId}
              onChange={(value) => set('ownerTeamId', value)}
              error={errors.ownerTeamId}
              clearable
              searchable
              data-testid="check-team"
            />
          </SimpleGrid>
        </Paper>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t('checks.sections.target')}
          </Title>
          <Input.Wrapper label={t('checks.fields.kind')} mb="md" error={errors['settings.kind']}>
            <ScrollArea type="auto" offsetScrollbars>
              <SegmentedControl
                mt={4}
                data={checkKinds.map((kind) => ({ value: kind, label: labels.kind(kind) }))}
                value={values.kind}
                onChange={(value) => {
                  set('kind', value as CheckKind);
                  test.reset();
                }}
                disabled={Boolean(check)}
                data-testid="check-kind"
              />
            </ScrollArea>
          </Input.Wrapper>
          {check && (
            <Input.Description mb="sm" mt={-8}>
              {t('checks.form.kindFixed')}
            </Input.Description>
          )}
          <CheckSettingsFields
            kind={values.kind}
            values={values.settings}
            onChange={(settings) => set('settings', settings)}
            errors={errors}
          />
        </Paper>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t('checks.sections.schedule')}
          </Title>
          <Stack gap="sm">
            <Group gap="sm" align="flex-end" wrap="wrap">
              <Input.Wrapper label={t('checks.fields.schedule')}>
                <div>
                  <SegmentedControl
                    mt={4}
                    data={[
                      { value: 'interval', label: t('checks.form.everyInterval') },
                      { value: 'cron', label: t('checks.form.cron') },
                    ]}
                    value={values.scheduleMode}
                    onChange={(value) => set('scheduleMode', value as 'interval' | 'cron')}
                    data-testid="check-schedule-mode"
                  />
                </div>
              </Input.Wrapper>
              {values.scheduleMode === 'interval' ? (
                <NumberInput
                  label={t('checks.fields.interval')}
                  value={values.intervalSeconds}
                  onChange={(value) => set('intervalSeconds', value)}
                  error={errors.intervalSeconds}
                  min={10}
                  max={86_400}
                  allowDecimal={false}
                  suffix=" s"
                  w={160}
                  data-testid="check-interval"
                />
              ) : (
                <TextInput
                  label={t('checks.fields.cron')}
                  description={t('checks.form.cronHint')}
                  placeholder="*/5 * * * *"
                  value={values.cron}
                  onChange={(event) => set('cron', event.currentTarget.value)}
                  error={errors.cron ?? errors.intervalSeconds}
                  styles={{ input: { fontFamily: 'monospace' } }}
                  w={260}
                  data-testid="check-cron"
                />
              )}
            </Group>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} style={{ alignItems: 'end' }}>
              <NumberInput
                label={t('checks.fields.timeout')}
                value={values.timeoutMs}
                onChange={(value) => set('timeoutMs', value)}
                error={errors.timeoutMs}
                min={100}
                max={120_000}
                step={1000}
                allowDecimal={false}
                suffix=" ms"
                data-testid="check-timeout"
              />
              <NumberInput
                label={t('checks.fields.retries')}
                description={t('checks.fields.retriesHint')}
                value={values.retries}
                onChange={(value) => set('retries', value)}
                error={errors.retries}
                min={0}
                max={10}
                allowDecimal={false}
                data-testid="check-retries"
              />
              <NumberInput
                label={t('checks.fields.degradedAbove')}
                description={t('checks.fields.degradedAboveHint')}
                value={values.degradedAboveMs}
                onChange={(value) => set('degradedAboveMs', value)}
                error={errors.degradedAboveMs}
                min={1}
                max={120_000}
                allowDecimal={false}
                suffix=" ms"
                data-testid="check-degraded-above"
              />
              <NumberInput
                label={t('checks.fields.downQuorum')}
                description={t('checks.fields.downQuorumHint')}
                value={values.downQuorum}
                onChange={(value) => set('downQuorum', value)}
                error={errors.downQuorum}
                min={1}
                max={20}
                allowDecimal={false}
                data-testid="check-down-quorum"
              />
            </SimpleGrid>
            <TagsInput
              label={t('checks.fields.locations')}
              description={t('checks.fields.locationsHint')}
              value={values.locations}
              onChange={(locations) => set('locations', locations)}
              error={errorUnder(errors, 'locations')}
              data-testid="check-locations"
            />
            <Switch
              label={t('checks.fields.paused')}
              description={t('checks.fields.pausedHint')}
              checked={values.isPaused}
              onChange={(event) => set('isPaused', event.currentTarget.checked)}
              data-testid="check-paused"
            />
          </Stack>
        </Paper>
        {test.error && Object.keys(apiFieldErrors(test.error)).length === 0 ? (
          <ErrorAlert error={test.error} />
        ) : null}
        {hasMaskedHeaders && canRun && (
          <Alert color="yellow" p="xs">
            {t('checks.form.maskedNotTested')}
          </Alert>
        )}
        {test.data && <RunResultView result={test.data} />}
        <Group justify="space-between" wrap="wrap">
          <Button
            variant="light"
            leftSection={<IconPlayerPlay size={16} />}
            onClick={runNow}
            loading={test.isPending}
            disabled={!canRun}
            title={canRun ? undefined : t('checks.heartbeat.noRunNow')}
            data-testid="check-form-run"
          >
            {t('checks.runNow')}
          </Button>
          <Group gap="sm">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={isPending} data-testid="check-submit">
              {check ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
