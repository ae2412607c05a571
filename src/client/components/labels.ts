import type { ComboboxItem } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  environments,
  type ItemKind,
  itemKinds,
  type RelationKind,
  relationKinds,
} from '../../shared/contracts/inventory';
import { type Role, roles } from '../../shared/domain/roles';

export const criticalities = [1, 2, 3, 4] as const;

/** Translated labels and select options for the closed lists of the domain. */
export function useLabels() {
  const { t } = useTranslation();
  const kind = (value: ItemKind) => t(`kinds.${value}`);
  const environment = (value: string) =>
    value === ''
      ? t('environments.none')
      : (environments as readonly string[]).includes(value)
        ? t(`environments.${value as Exclude<(typeof environments)[number], ''>}`)
        : value;
  const relation = (value: RelationKind) => t(`relationKinds.${value}`);
  const relationIncoming = (value: RelationKind) => t(`relationKindsIncoming.${value}`);
  const role = (value: Role) => t(`roles.${value}`);
  const criticality = (value: number) =>
    value >= 1 && value <= 4 ? t(`criticality.${String(value) as '1' | '2' | '3' | '4'}`) : String(value);
  return {
    kind,
    environment,
    relation,
    relationIncoming,
    role,
    criticality,
    kindOptions: itemKinds.map((value): ComboboxItem => ({ value, label: kind(value) })),
    environmentOptions: environments.map((value): ComboboxItem => ({ value, label: environment(value) })),
    relationOptions: relationKinds.map((value): ComboboxItem => ({ value, label: relation(value) })),
    roleOptions: roles.map((value): ComboboxItem => ({ value, label: role(value) })),
    criticalityOptions: criticalities.map(
      (value): ComboboxItem => ({ value: String(value), label: criticality(value) }),
    ),
  };
}

/** Mantine colours per criticality (1 is the most critical). */
export const criticalityColor: Record<number, string> = { 1: 'red', 2: 'orange', 3: 'yellow', 4: 'gray' };

/** One colour per item kind, shared by badges and the dependency map. */
export const kindColor: Record<ItemKind, string> = {
  businessService: '#7048e8',
  application: '#1c7ed6',
  server: '#2f9e44',
  virtualMachine: '#66a80f',
  networkDevice: '#f08c00',
  database: '#c2255c',
  storage: '#0c8599',
  cloudService: '#4263eb',
  saas: '#ae3ec9',
  endpoint: '#868e96',
  licence: '#e8590c',
  other: '#495057',
};
