import { Badge } from '@mantine/core';
import type { ItemKind } from '../../shared/contracts/inventory';
import { criticalityColor, kindColor, useLabels } from './labels';

/** Criticality 1–4 as a coloured badge. */
export function CriticalityBadge({ value }: { value: number }) {
  const labels = useLabels();
  return (
    <Badge color={criticalityColor[value] ?? 'gray'} variant="light" style={{ textTransform: 'none' }}>
      {labels.criticality(value)}
    </Badge>
  );
}

/** An item kind with its map colour. */
export function KindBadge({ value }: { value: ItemKind }) {
  const labels = useLabels();
  return (
    <Badge color={kindColor[value]} variant="dot" style={{ textTransform: 'none' }}>
      {labels.kind(value)}
    </Badge>
  );
}
