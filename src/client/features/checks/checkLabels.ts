import type { ComboboxItem } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type CheckKind, checkKinds } from '../../../shared/contracts/check-kinds';
import { type CheckState, checkStates } from '../../../shared/domain/check-state';

/** Mantine colours per check state: up green, degraded yellow, down red, paused and unknown grey. */
export const checkStateColor: Record<CheckState, string> = {
  up: 'green',
  degraded: 'yellow',
  down: 'red',
  paused: 'gray',
  unknown: 'gray',
};

/** Raw colours for charts and the sparkline (Mantine's green 6, yellow 6, red 6, gray 4). */
export const statusHex = { up: '#40c057', degraded: '#fab005', down: '#fa5252', none: '#dee2e6' } as const;

function isCheckKind(value: string): value is CheckKind {
  return (checkKinds as readonly string[]).includes(value);
}

function isCheckState(value: string): value is CheckState {
  return (checkStates as readonly string[]).includes(value);
}

/** Translated labels and select options for check kinds and states. */
export function useCheckLabels() {
  const { t } = useTranslation();
  const kind = (value: string) => (isCheckKind(value) ? t(`checks.kinds.${value}`) : value);
  const state = (value: string) => (isCheckState(value) ? t(`checks.states.${value}`) : value);
  return {
    kind,
    state,
    kindOptions: checkKinds.map((value): ComboboxItem => ({ value, label: kind(value) })),
    stateOptions: checkStates.map((value): ComboboxItem => ({ value, label: state(value) })),
  };
}

/** Milliseconds as people read them: 87 ms, 1.2 s. */
export function formatMs(value: number | null | undefined, number: (value: number) => string): string {
  if (value === null || value === undefined) return '—';
  if (value < 1000) return `${number(Math.round(value))} ms`;
  return `${number(Math.round(value / 100) / 10)} s`;
}

/** A fraction 0..1 as a percentage with up to three decimals (99.95 %), or a dash. */
export function formatPercent(value: number | null, locale: string): string {
  if (value === null) return '—';
  return new Intl.NumberFormat(locale === 'it' ? 'it-IT' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: value >= 0.99 && value < 1 ? 3 : 1,
  }).format(value);
}
