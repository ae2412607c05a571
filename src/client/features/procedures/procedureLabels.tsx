import { Badge, type ComboboxItem } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  type ProcedureOutcome,
  type ProcedureState,
  type ProcedureTestKind,
  procedureOutcomes,
  procedureStates,
  procedureTestKinds,
} from '../../../shared/contracts/procedures';

export const outcomeColor: Record<ProcedureOutcome, string> = {
  pass: 'green',
  partial: 'yellow',
  fail: 'red',
};
const stateColor: Record<ProcedureState, string> = {
  up: 'green',
  degraded: 'yellow',
  down: 'red',
  unknown: 'gray',
};

/** Translated labels and options for procedure test kinds, outcomes and states. */
export function useProcedureLabels() {
  const { t } = useTranslation();
  const kind = (value: ProcedureTestKind) => t(`procedures.kinds.${value}`);
  const outcome = (value: ProcedureOutcome) => t(`procedures.outcomes.${value}`);
  const state = (value: ProcedureState) => t(`checks.states.${value}`);
  return {
    kind,
    outcome,
    state,
    kindOptions: procedureTestKinds.map((value): ComboboxItem => ({ value, label: kind(value) })),
    outcomeOptions: procedureOutcomes.map((value): ComboboxItem => ({ value, label: outcome(value) })),
    stateOptions: procedureStates.map((value): ComboboxItem => ({ value, label: state(value) })),
  };
}

/** A procedure test's state (the last outcome's, or down when missed) as a badge. */
export function ProcedureStateBadge({ state }: { state: ProcedureState }) {
  const labels = useProcedureLabels();
  return (
    <Badge
      color={stateColor[state]}
      variant={state === 'unknown' ? 'outline' : 'filled'}
      style={{ textTransform: 'none' }}
      data-testid="procedure-state"
      data-state={state}
    >
      {labels.state(state)}
    </Badge>
  );
}

/** A recorded outcome as a light badge. */
export function OutcomeBadge({ outcome }: { outcome: ProcedureOutcome }) {
  const labels = useProcedureLabels();
  return (
    <Badge color={outcomeColor[outcome]} variant="light" style={{ textTransform: 'none' }}>
      {labels.outcome(outcome)}
    </Badge>
  );
}
