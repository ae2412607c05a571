import {
  ActionIcon,
  Button,
  Group,
  Input,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  NewProcedureTest,
  type ProcedureTest,
  type ProcedureTestKind,
} from '../../../shared/contracts/procedures';
import { FormAlerts } from '../../components/FormAlerts';
import { apiFieldErrors, type FieldErrors, zodFieldErrors } from '../../components/forms';
import { useSignedInUser } from '../auth/auth.api';
import { ItemPicker } from '../inventory/ItemPicker';
import { useOwnerTeamOptions } from '../teams/useOwnerTeamOptions';
import { useProcedureLabels } from './procedureLabels';

type StepRow = { rowId: number; text: string };

type FormValues = {
  name: string;
  kind: ProcedureTestKind | null;
  description: string;
  itemId: number | null;
  itemName: string | null;
  ownerTeamId: string | null;
  schedule: string;
  graceDays: number | string;
  steps: StepRow[];
};

let nextRowId = 1;
function stepRow(text = ''): StepRow {
  nextRowId += 1;
  return { rowId: nextRowId, text };
}

/** Common cadences, so nobody has to write cron by hand. */
const schedulePresets = [
  { key: 'monthly', cron: '0 9 1 * *' },
  { key: 'quarterly', cron: '0 9 1 1,4,7,10 *' },
  { key: 'halfYearly', cron: '0 9 1 1,7 *' },
  { key: 'yearly', cron: '0 9 15 1 *' },
] as const;

type Props = {
  test?: ProcedureTest;
  initialItem?: { id: number; name: string } | null;
  isPending: boolean;
  error: unknown;
  onSubmit: (test: NewProcedureTest) => void;
  onCancel: () => void;
};

/** Create and edit form of a procedure test, validated with the shared NewProcedureTest schema. */
export function ProcedureForm({ test, initialItem, isPending, error, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const labels = useProcedureLabels();
  const me = useSignedInUser();
  const [values, setValues] = useState<FormValues>(() =>
    test
      ? {
          name: test.name,
          kind: test.kind,
          description: test.description,
          itemId: test.itemId,
          itemName: test.itemName,
          ownerTeamId: test.ownerTeamId === null ? null : String(test.ownerTeamId),
          schedule: test.schedule,
          graceDays: test.graceDays,
          steps: test.checklist.map((text) => stepRow(text)),
        }
      : {
          name: '',
          kind: null,
          description: '',
          itemId: initialItem?.id ?? null,
          itemName: initialItem?.name ?? null,
          ownerTeamId: me.teamIds[0] ? String(me.teamIds[0]) : null,
          schedule: schedulePresets[1].cron,
          graceDays: 7,
          steps: [stepRow()],
        },
  );
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const errors: FieldErrors = { ...apiFieldErrors(error), ...localErrors };
  const set = <K extends keyof FormValues>(field: K, value: FormValues[K]) =>
    setValues((current) => ({ ...current, [field]: value }));

  const teamOptions = useOwnerTeamOptions(values.ownerTeamId);
  const preset = schedulePresets.find((one) => one.cron === values.schedule.trim())?.key ?? null;

  const moveStep = (index: number, by: -1 | 1) => {
    const steps = [...values.steps];
    const [step] = steps.splice(index, 1);
    if (step) steps.splice(index + by, 0, step);
    set('steps', steps);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = NewProcedureTest.safeParse({
      name: values.name,
      kind: values.kind,
      description: values.description,
      itemId: values.itemId,
      ownerTeamId: values.ownerTeamId === null ? undefined : Number(values.ownerTeamId),
      schedule: values.schedule,
      graceDays: values.graceDays === '' ? undefined : Number(values.graceDays),
      checklist: values.steps.map((step) => step.text).filter((text) => text.trim() !== ''),
    });
    setLocalErrors(parsed.success ? {} : zodFieldErrors(parsed.error, t));
    if (parsed.success) onSubmit(parsed.data);
  };

  return (
    <form onSubmit={submit} noValidate data-testid="procedure-form">
      <Stack>
        <FormAlerts error={error} hasLocalErrors={Object.keys(localErrors).length > 0} />
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t('checks.sections.general')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('procedures.fields.name')}
              required
              value={values.name}
              onChange={(event) => set('name', event.currentTarget.value)}
              error={errors.name}
              data-testid="procedure-name"
            />
            <Select
              label={t('procedures.fields.kind')}
              required
              data={labels.kindOptions}
              value={values.kind}
              onChange={(value) => set('kind', value as ProcedureTestKind | null)}
              error={errors.kind}
              data-testid="procedure-kind"
            />
            <Select
              label={t('procedures.fields.team')}
              required
              data={teamOptions}
              value={values.ownerTeamId}
              onChange={(value) => set('ownerTeamId', value)}
              error={errors.ownerTeamId}
              searchable
              data-testid="procedure-team"
            />
            <ItemPicker
              label={t('procedures.fields.item')}
              placeholder={t('checks.fields.itemPlaceholder')}
              value={values.itemId}
              selectedName={values.itemName}
              onChange={(id, name) => setValues((current) => ({ ...current, itemId: id, itemName: name }))}
              error={errors.itemId}
              data-testid="procedure-item"
            />
          </SimpleGrid>
          <Textarea
            mt="sm"
            label={t('procedures.fields.description')}
            description={t('procedures.descriptionHint')}
            autosize
            minRows={3}
            value={values.description}
            onChange={(event) => set('description', event.currentTarget.value)}
            error={errors.description}
            data-testid="procedure-description"
          />
        </Paper>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t('checks.sections.schedule')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('procedures.schedulePreset')}
              placeholder={t('procedures.presets.custom')}
              data={schedulePresets.map((one) => ({
                value: one.key,
                label: t(`procedures.presets.${one.key}`),
              }))}
              value={preset}
              onChange={(value) => {
                const chosen = schedulePresets.find((one) => one.key === value);
                if (chosen) set('schedule', chosen.cron);
              }}
              data-testid="procedure-preset"
            />
            <TextInput
              label={t('procedures.fields.schedule')}
              description={t('procedures.scheduleHint')}
              required
              value={values.schedule}
              onChange={(event) => set('schedule', event.currentTarget.value)}
              error={errors.schedule}
              styles={{ input: { fontFamily: 'monospace' } }}
              data-testid="procedure-schedule"
            />
            <NumberInput
              label={t('procedures.fields.graceDays')}
              description={t('procedures.graceHint')}
              value={values.graceDays}
              onChange={(value) => set('graceDays', value)}
              error={errors.graceDays}
              min={0}
              max={365}
              allowDecimal={false}
              data-testid="procedure-grace"
            />
          </SimpleGrid>
        </Paper>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t('procedures.checklist')}
          </Title>
          <Input.Wrapper error={errors.checklist}>
            <Stack gap="xs" data-testid="procedure-steps">
              {values.steps.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('procedures.noSteps')}
                </Text>
              )}
              {values.steps.map((step, index) => (
                <Group key={step.rowId} gap="xs" wrap="nowrap" align="flex-start">
                  <Text size="sm" c="dimmed" w={24} mt={8} ta="right">
                    {index + 1}.
                  </Text>
                  <TextInput
                    aria-label={t('procedures.step', { number: index + 1 })}
                    placeholder={t('procedures.stepPlaceholder')}
                    value={step.text}
                    onChange={(event) => {
                      const text = event.currentTarget.value;
                      set(
                        'steps',
                        values.steps.map((row) => (row.rowId === step.rowId ? { ...row, text } : row)),
                      );
                    }}
                    error={errors[`checklist.${index}`]}
                    style={{ flex: 1 }}
                    data-testid="procedure-step"
                  />
                  <ActionIcon
                    variant="subtle"
                    mt={6}
                    aria-label={t('procedures.moveUp')}
                    disabled={index === 0}
                    onClick={() => moveStep(index, -1)}
                  >
                    <IconArrowUp size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    mt={6}
                    aria-label={t('procedures.moveDown')}
                    disabled={index === values.steps.length - 1}
                    onClick={() => moveStep(index, 1)}
                  >
                    <IconArrowDown size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mt={6}
                    aria-label={t('common.remove')}
                    onClick={() =>
                      set(
                        'steps',
                        values.steps.filter((row) => row.rowId !== step.rowId),
                      )
                    }
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
              <Button
                variant="light"
                size="xs"
                w="fit-content"
                leftSection={<IconPlus size={14} />}
                onClick={() => set('steps', [...values.steps, stepRow()])}
                data-testid="procedure-step-add"
              >
                {t('procedures.addStep')}
              </Button>
            </Stack>
          </Input.Wrapper>
        </Paper>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={isPending} data-testid="procedure-submit">
            {test ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
