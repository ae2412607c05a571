import { useComputedColorScheme } from '@mantine/core';
import { GraphChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import type { DependencyGraph, ItemKind } from '../../../shared/contracts/inventory';
import { itemKinds } from '../../../shared/contracts/inventory';
import { kindColor, useLabels } from '../../components/labels';

echarts.use([GraphChart, TooltipComponent, LegendComponent, CanvasRenderer]);

const nodeSize: Record<number, number> = { 1: 46, 2: 36, 3: 28, 4: 20 };

type Props = {
  graph: DependencyGraph;
  centreId: number | null;
  onOpenItem: (id: number) => void;
};

/** The force-directed map: colour by kind, size by criticality, arrows from dependant to dependency. */
export function DependencyGraphChart({ graph, centreId, onOpenItem }: Props) {
  const labels = useLabels();
  const scheme = useComputedColorScheme('light');
  const textColor = scheme === 'dark' ? '#c9c9c9' : '#212529';

  const option = useMemo(() => {
    const kindsPresent = itemKinds.filter((kind) => graph.nodes.some((node) => node.kind === kind));
    const categoryIndex = new Map<ItemKind, number>(kindsPresent.map((kind, index) => [kind, index]));
    return {
      backgroundColor: 'transparent',
      textStyle: { color: textColor },
      // Rich text tooltips are drawn on the canvas: item names never become HTML.
      tooltip: { renderMode: 'richText', confine: true },
      legend: {
        data: kindsPresent.map((kind) => labels.kind(kind)),
        textStyle: { color: textColor },
        type: 'scroll',
        top: 0,
      },
      animationDurationUpdate: 600,
      series: [
        {
          type: 'graph',
          layout: 'force',
          top: 40,
          roam: true,
          draggable: true,
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 8,
          label: { show: true, position: 'right', color: textColor, fontSize: 13 },
          emphasis: { focus: 'adjacency', lineStyle: { width: 3 } },
          lineStyle: { color: 'source', curveness: 0.1, opacity: 0.8 },
          force: { repulsion: 500, edgeLength: [110, 190], gravity: 0.06 },
          categories: kindsPresent.map((kind) => ({
            name: labels.kind(kind),
            itemStyle: { color: kindColor[kind] },
          })),
          data: graph.nodes.map((node) => ({
            id: String(node.id),
            name: node.name,
            value: labels.criticality(node.criticality),
            category: categoryIndex.get(node.kind),
            symbolSize: nodeSize[node.criticality] ?? 24,
            itemStyle:
              node.id === centreId ? { borderColor: textColor, borderWidth: 3, shadowBlur: 8 } : undefined,
            label: node.id === centreId ? { fontWeight: 'bold' } : undefined,
          })),
          links: graph.edges.map((edge) => ({
            source: String(edge.source),
            target: String(edge.target),
            value: labels.relation(edge.kind),
            lineStyle: edge.kind === 'connectsTo' ? { type: 'dashed' } : undefined,
          })),
        },
      ],
    };
  }, [graph, centreId, labels, textColor]);

  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height: 'max(420px, calc(100vh - 260px))', width: '100%' }}
      opts={{ renderer: 'canvas' }}
      onEvents={{
        click: (params: { dataType?: string; data?: { id?: string } }) => {
          if (params.dataType === 'node' && params.data?.id) onOpenItem(Number(params.data.id));
        },
      }}
    />
  );
}
