import { Badge, type ComboboxItem } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  type IncidentEventKind,
  type IncidentOrigin,
  type IncidentState,
  incidentStates,
} from '../../../shared/contracts/incidents';

/** Mantine colours per state: open red, acknowledged orange, restored teal, resolved green. */
export const incidentStateColor: Record<IncidentState, string> = {
  open: 'red',
  acknowledged: 'orange',
  restored: 'teal',
  resolved: 'green',
};

/** Severity 1 (most severe) to 4, coloured like criticality. */
export const severityColor: Record<number, string> = { 1: 'red', 2: 'orange', 3: 'yellow', 4: 'gray' };

type SeverityKey = '1' | '2' | '3' | '4';

/** Translated labels and select options of incident states, severities and origins. */
export function useIncidentLabels() {
  const { t } = useTranslation();
  const state = (value: IncidentState) => t(`incidents.states.${value}`);
  const severity = (value: number) =>
    value >= 1 && value <= 4 ? t(`incidents.severities.${String(value) as SeverityKey}`) : String(value);
  const origin = (value: IncidentOrigin) => t(`incidents.origins.${value}`);
  const eventKind = (value: IncidentEventKind) => t(`incidents.timeline.kinds.${value}`);
  return {
    state,
    severity,
    origin,
    eventKind,
    stateOptions: incidentStates.map((value): ComboboxItem => ({ value, label: state(value) })),
    severityOptions: [1, 2, 3, 4].map(
      (value): ComboboxItem => ({ value: String(value), label: severity(value) }),
    ),
  };
}

/** An incident state as a coloured badge. */
export function IncidentStateBadge({ state }: { state: IncidentState }) {
  const labels = useIncidentLabels();
  return (
    <Badge
      color={incidentStateColor[state]}
      variant={state === 'resolved' ? 'light' : 'filled'}
      miw="max-content"
      style={{ textTransform: 'none', flexShrink: 0 }}
      data-testid="incident-state"
      data-state={state}
    >
      {labels.state(state)}
    </Badge>
  );
}

/** A severity as a coloured badge. */
export function SeverityBadge({ severity }: { severity: number }) {
  const labels = useIncidentLabels();
  return (
    <Badge
      color={severityColor[severity] ?? 'gray'}
      variant="light"
      miw="max-content"
      style={{ textTransform: 'none', flexShrink: 0 }}
      data-testid="incident-severity"
    >
      {labels.severity(severity)}
    </Badge>
  );
}

/** A duration in milliseconds in short words: 45 s, 12 min, 3 h 5 min, 2 d 4 h. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
