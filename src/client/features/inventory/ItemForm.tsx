import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Item, type ItemKind, NewItem } from '../../../shared/contracts/inventory';
import { isCrossTeam } from '../../../shared/domain/roles';
import { FormAlerts } from '../../components/FormAlerts';
import { apiFieldErrors, errorUnder, type FieldErrors, zodFieldErrors } from '../../components/forms';
import { useLabels } from '../../components/labels';
import { useSignedInUser } from '../auth/auth.api';
import { useOwnerTeamOptions } from '../teams/useOwnerTeamOptions';
import { type AttributeRow, AttributesEditor, attributeRowsOf, attributesOf } from './AttributesEditor';

/** The form's own state: inputs hold what the user typed, converted on submit. */
type FormValues = {
  kind: ItemKind | null;
  name: string;
  description: string;
  ownerTeamId: string | null;
  criticality: string | null;
  environment: string;
  location: string;
  vendor: string;
  acquiredOn: string | null;
  warrantyEnd: string | null;
  endOfSupport: string | null;
  purchaseCost: number | string;
  annualCost: number | string;
  currency: string;
  tags: string[];
  attributeRows: AttributeRow[];
};

const emptyValues: FormValues = {
  kind: null,
  name: '',
  description: '',
  ownerTeamId: null,
  criticality: '3',
  environment: '',
  location: '',
  vendor: '',
  acquiredOn: null,
  warrantyEnd: null,
  endOfSupport: null,
  purchaseCost: '',
  annualCost: '',
  currency: 'EUR',
  tags: [],
  attributeRows: [],
};

function valuesOf(item: Item): FormValues {
  return {
    kind: item.kind,
    name: item.name,
    description: item.description,
    ownerTeamId: item.ownerTeamId === null ? null : String(item.ownerTeamId),
    criticality: String(item.criticality),
    environment: item.environment,
    location: item.location,
    vendor: item.vendor,
    acquiredOn: item.acquiredOn,
    warrantyEnd: item.warrantyEnd,
    endOfSupport: item.endOfSupport,
    purchaseCost: item.purchaseCostCents === null ? '' : item.purchaseCostCents / 100,
    annualCost: item.annualCostCents === null ? '' : item.annualCostCents / 100,
    currency: item.currency,
    tags: item.tags,
    attributeRows: attributeRowsOf(item.attributes),
  };
}

function toCents(value: number | string): number | null {
  if (value === '' || value === null) return null;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? Math.round(number * 100) : Number.NaN;
}

type Props = {
  item?: Item;
  isPending: boolean;
  error: unknown;
  onSubmit: (item: NewItem) => void;
  onCancel: () => void;
};

/** Create and edit form of an item, validated with the same NewItem schema the server uses. */
export function ItemForm({ item, isPending, error, onSubmit, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const me = useSignedInUser();
  const isAnyTeam = isCrossTeam(me.role);
  // Leads and members may only create items for their own teams: start with the first of them.
  const [values, setValues] = useState<FormValues>(() =>
    item
      ? valuesOf(item)
      : { ...emptyValues, ownerTeamId: isAnyTeam || !me.teamIds[0] ? null : String(me.teamIds[0]) },
  );
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const errors: FieldErrors = { ...apiFieldErrors(error), ...localErrors };

  const set = <K extends keyof FormValues>(field: K, value: FormValues[K]) =>
    setValues((current) => ({ ...current, [field]: value }));

  const teamOptions = useOwnerTeamOptions(values.ownerTeamId);
  const dateFormat = i18n.language === 'it' ? 'DD/MM/YYYY' : 'D MMM YYYY';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { attributes, errors: attributeErrors } = attributesOf(values.attributeRows, {
      required: t('validation.required'),
      duplicate: t('inventory.attributes.duplicate'),
      notANumber: t('inventory.attributes.notANumber'),
    });
    const candidate = {
      kind: values.kind,
      name: values.name,
      description: values.description,
      ownerTeamId: values.ownerTeamId === null ? null : Number(values.ownerTeamId),
      criticality: values.criticality === null ? null : Number(values.criticality),
      environment: values.environment,
      location: values.location,
      vendor: values.vendor,
      acquiredOn: values.acquiredOn,
      warrantyEnd: values.warrantyEnd,
      endOfSupport: values.endOfSupport,
      purchaseCostCents: toCents(values.purchaseCost),
      annualCostCents: toCents(values.annualCost),
      currency: values.currency.trim().toUpperCase(),
      tags: values.tags,
      attributes,
    };
    const parsed = NewItem.safeParse(candidate);
    const schemaErrors = parsed.success ? {} : zodFieldErrors(parsed.error, t);
    const allErrors = { ...schemaErrors, ...attributeErrors };
    setLocalErrors(allErrors);
    if (parsed.success && Object.keys(attributeErrors).length === 0) onSubmit(parsed.data);
  };

  const hasLocalErrors = Object.keys(localErrors).length > 0;
  const dateProps = { clearable: true, valueFormat: dateFormat, popoverProps: { withinPortal: true } };

  return (
    <form onSubmit={submit} noValidate data-testid="item-form">
      <Stack>
        <FormAlerts error={error} hasLocalErrors={hasLocalErrors} />
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t('inventory.sections.general')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('inventory.fields.name')}
              required
              value={values.name}
              onChange={(event) => set('name', event.currentTarget.value)}
              error={errors.name}
              data-testid="item-name"
            />
            <Select
              label={t('inventory.fields.kind')}
              required
              data={labels.kindOptions}
              value={values.kind}
              onChange={(value) => set('kind', value as ItemKind | null)}
              error={errors.kind}
              searchable
              data-testid="item-kind"
            />
            <Select
              label={t('inventory.fields.criticality')}
              required
              data={labels.criticalityOptions}
              value={values.criticality}
              onChange={(value) => set('criticality', value)}
              error={errors.criticality}
              data-testid="item-criticality"
            />
            <Select
              label={t('inventory.fields.environment')}
              data={labels.environmentOptions}
              value={values.environment}
              onChange={(value) => set('environment', value ?? '')}
              error={errors.environment}
              data-testid="item-environment"
            />
            <Select
              label={t('inventory.fields.ownerTeam')}
              placeholder={t('inventory.noTeam')}
              data={teamOptions}
              value={values.ownerTeamId}
              onChange={(value) => set('ownerTeamId', value)}
              error={errors.ownerTeamId}
              clearable={isAnyTeam}
              required={!isAnyTeam}
              searchable
              data-testid="item-owner-team"
            />
            <TextInput
              label={t('inventory.fields.location')}
              value={values.location}
              onChange={(event) => set('location', event.currentTarget.value)}
              error={errors.location}
              data-testid="item-location"
            />
            <TextInput
              label={t('inventory.fields.vendor')}
              value={values.vendor}
              onChange={(event) => set('vendor', event.currentTarget.value)}
              error={errors.vendor}
              data-testid="item-vendor"
            />
            <TagsInput
              label={t('inventory.fields.tags')}
              description={t('inventory.tagsHint')}
              value={values.tags}
              onChange={(tags) => set('tags', tags)}
              error={errorUnder(errors, 'tags')}
              clearable
              data-testid="item-tags-input"
            />
          </SimpleGrid>
          <Textarea
            mt="sm"
            label={t('inventory.fields.description')}
            autosize
            minRows={3}
            value={values.description}
            onChange={(event) => set('description', event.currentTarget.value)}
            error={errors.description}
            data-testid="item-description-input"
          />
        </Paper>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              {t('inventory.sections.lifecycle')}
            </Title>
            <Stack gap="sm">
              <DatePickerInput
                label={t('inventory.fields.acquiredOn')}
                value={values.acquiredOn}
                onChange={(value) => set('acquiredOn', value)}
                error={errors.acquiredOn}
                data-testid="item-acquired-on"
                {...dateProps}
              />
              <DatePickerInput
                label={t('inventory.fields.warrantyEnd')}
                value={values.warrantyEnd}
                onChange={(value) => set('warrantyEnd', value)}
                error={errors.warrantyEnd}
                data-testid="item-warranty-end"
                {...dateProps}
              />
              <DatePickerInput
                label={t('inventory.fields.endOfSupport')}
                value={values.endOfSupport}
                onChange={(value) => set('endOfSupport', value)}
                error={errors.endOfSupport}
                data-testid="item-end-of-support-input"
                {...dateProps}
              />
            </Stack>
          </Paper>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              {t('inventory.sections.costs')}
            </Title>
            <Stack gap="sm">
              <NumberInput
                label={t('inventory.fields.purchaseCost')}
                value={values.purchaseCost}
                onChange={(value) => set('purchaseCost', value)}
                error={errors.purchaseCostCents}
                min={0}
                decimalScale={2}
                decimalSeparator={i18n.language === 'it' ? ',' : '.'}
                thousandSeparator={i18n.language === 'it' ? '.' : ','}
                rightSection={values.currency}
                rightSectionWidth={48}
                data-testid="item-purchase-cost-input"
              />
              <NumberInput
                label={t('inventory.fields.annualCost')}
                value={values.annualCost}
                onChange={(value) => set('annualCost', value)}
                error={errors.annualCostCents}
                min={0}
                decimalScale={2}
                decimalSeparator={i18n.language === 'it' ? ',' : '.'}
                thousandSeparator={i18n.language === 'it' ? '.' : ','}
                rightSection={values.currency}
                rightSectionWidth={48}
                data-testid="item-annual-cost-input"
              />
              <TextInput
                label={t('inventory.fields.currency')}
                value={values.currency}
                maxLength={3}
                onChange={(event) => set('currency', event.currentTarget.value.toUpperCase())}
                error={errors.currency}
                w={120}
                data-testid="item-currency"
              />
            </Stack>
          </Paper>
        </SimpleGrid>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t('inventory.sections.attributes')}
          </Title>
          <AttributesEditor
            rows={values.attributeRows}
            onChange={(rows) => set('attributeRows', rows)}
            errors={errors}
          />
          {errors.attributes && (
            <Alert color="red" mt="xs" p="xs">
              {errors.attributes}
            </Alert>
          )}
        </Paper>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={isPending} data-testid="item-submit">
            {item ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
