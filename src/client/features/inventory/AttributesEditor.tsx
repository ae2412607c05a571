import { ActionIcon, Button, Group, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Item } from '../../../shared/contracts/inventory';

export type AttributeType = 'text' | 'number' | 'boolean';

/** One key/value row of the custom attributes, as typed in the form. */
export type AttributeRow = { rowId: number; key: string; type: AttributeType; value: string };

type AttributeValue = Item['attributes'][string];

let nextRowId = 1;

/** A fresh, empty row. */
export function newAttributeRow(): AttributeRow {
  nextRowId += 1;
  return { rowId: nextRowId, key: '', type: 'text', value: '' };
}

/** Rows for an item's stored attributes, keeping each value's type. */
export function attributeRowsOf(attributes: Record<string, AttributeValue>): AttributeRow[] {
  return Object.entries(attributes).map(([key, value]) => {
    nextRowId += 1;
    const type: AttributeType =
      typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'text';
    return { rowId: nextRowId, key, type, value: value === null ? '' : String(value) };
  });
}

/** The attributes record from the rows, with errors keyed by the row's field (`attributes.<rowId>.key`). */
export function attributesOf(
  rows: AttributeRow[],
  messages: { required: string; duplicate: string; notANumber: string },
): { attributes: Record<string, AttributeValue>; errors: Record<string, string> } {
  const attributes: Record<string, AttributeValue> = {};
  const errors: Record<string, string> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (!key && !row.value.trim() && row.type !== 'boolean') continue;
    if (!key) {
      errors[`attributeRows.${row.rowId}.key`] = messages.required;
      continue;
    }
    if (key in attributes) {
      errors[`attributeRows.${row.rowId}.key`] = messages.duplicate;
      continue;
    }
    if (row.type === 'number') {
      const number = Number(row.value.replace(',', '.'));
      if (row.value.trim() === '' || Number.isNaN(number)) {
        errors[`attributeRows.${row.rowId}.value`] = messages.notANumber;
        continue;
      }
      attributes[key] = number;
    } else if (row.type === 'boolean') {
      attributes[key] = row.value === 'true';
    } else {
      attributes[key] = row.value;
    }
  }
  return { attributes, errors };
}

type Props = {
  rows: AttributeRow[];
  onChange: (rows: AttributeRow[]) => void;
  errors: Record<string, string>;
};

/** Key/value rows for the item's free custom attributes. */
export function AttributesEditor({ rows, onChange, errors }: Props) {
  const { t } = useTranslation();
  const update = (rowId: number, change: Partial<AttributeRow>) =>
    onChange(rows.map((row) => (row.rowId === rowId ? { ...row, ...change } : row)));
  const typeOptions = [
    { value: 'text', label: t('inventory.attributes.text') },
    { value: 'number', label: t('inventory.attributes.number') },
    { value: 'boolean', label: t('inventory.attributes.boolean') },
  ];
  return (
    <Stack gap="xs" data-testid="attributes-editor">
      {rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('inventory.attributes.empty')}
        </Text>
      )}
      {rows.map((row) => {
        // A stored key that the server rejected carries its error under `attributes.<key>`.
        const keyError = errors[`attributeRows.${row.rowId}.key`] ?? errors[`attributes.${row.key.trim()}`];
        return (
          <Group key={row.rowId} gap="xs" align="flex-start" wrap="wrap" data-testid="attribute-row">
            <TextInput
              aria-label={t('inventory.attributes.key')}
              placeholder={t('inventory.attributes.key')}
              value={row.key}
              onChange={(event) => update(row.rowId, { key: event.currentTarget.value })}
              error={keyError}
              style={{ flex: '2 1 140px' }}
              data-testid="attribute-key"
            />
            <Select
              aria-label={t('inventory.attributes.type')}
              data={typeOptions}
              value={row.type}
              allowDeselect={false}
              onChange={(value) =>
                update(row.rowId, {
                  type: (value ?? 'text') as AttributeType,
                  value: value === 'boolean' ? 'false' : row.value,
                })
              }
              w={110}
            />
            {row.type === 'boolean' ? (
              <Switch
                aria-label={t('inventory.attributes.value')}
                checked={row.value === 'true'}
                onChange={(event) => update(row.rowId, { value: String(event.currentTarget.checked) })}
                mt={8}
                style={{ flex: '3 1 160px' }}
              />
            ) : (
              <TextInput
                aria-label={t('inventory.attributes.value')}
                placeholder={t('inventory.attributes.value')}
                value={row.value}
                inputMode={row.type === 'number' ? 'decimal' : undefined}
                onChange={(event) => update(row.rowId, { value: event.currentTarget.value })}
                error={errors[`attributeRows.${row.rowId}.value`]}
                style={{ flex: '3 1 160px' }}
                data-testid="attribute-value"
              />
            )}
            <ActionIcon
              variant="subtle"
              color="red"
              mt={6}
              aria-label={t('common.remove')}
              onClick={() => onChange(rows.filter((other) => other.rowId !== row.rowId))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        );
      })}
      <Button
        variant="light"
        size="xs"
        w="fit-content"
        leftSection={<IconPlus size={14} />}
        onClick={() => onChange([...rows, newAttributeRow()])}
        data-testid="attribute-add"
      >
        {t('inventory.attributes.add')}
      </Button>
    </Stack>
  );
}
