import { Alert, Group, Input, Paper, SegmentedControl, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { RequirePermission } from '../../routes/RequirePermission';
import { DependencyGraphChart } from './DependencyGraphChart';
import { ItemPicker } from './ItemPicker';
import { useGraph } from './inventory.api';

const depths = ['1', '2', '3', '4', '5', '6'];

/** The dependency map, centred on a chosen item (or the whole inventory), with a depth control. */
export function DependencyMapPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const itemIdParam = Number(params.get('itemId'));
  const centreId = Number.isInteger(itemIdParam) && itemIdParam > 0 ? itemIdParam : null;
  const depthParam = params.get('depth') ?? '2';
  const depth = depths.includes(depthParam) ? Number(depthParam) : 2;
  const graph = useGraph(centreId, depth);
  const centreName = graph.data?.nodes.find((node) => node.id === centreId)?.name ?? null;

  const update = (change: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(change)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader title={t('map.title')} />
      <Group align="flex-end" gap="md" mb="sm" wrap="wrap">
        <ItemPicker
          label={t('map.centre')}
          placeholder={t('map.whole')}
          value={centreId}
          selectedName={centreName}
          onChange={(id) => update({ itemId: id === null ? null : String(id) })}
          w={{ base: '100%', sm: 320 }}
          data-testid="map-centre"
        />
        <Input.Wrapper label={t('map.depth')}>
          <div>
            <SegmentedControl
              data={depths}
              value={String(depth)}
              onChange={(value) => update({ depth: value })}
              data-testid="map-depth"
            />
          </div>
        </Input.Wrapper>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('map.hint')}
        {graph.data &&
          ` ${t('map.nodes', { count: graph.data.nodes.length })} · ${t('map.edges', { count: graph.data.edges.length })}`}
      </Text>
      {graph.data?.isTruncated && (
        <Alert color="yellow" mb="sm" data-testid="map-truncated">
          {t('map.truncated')}
        </Alert>
      )}
      {graph.isError && <ErrorAlert error={graph.error} onRetry={() => void graph.refetch()} />}
      {graph.isPending && <PageLoader />}
      {graph.data && (
        <Paper withBorder p="xs" data-testid="dependency-map">
          {graph.data.nodes.length === 0 ? (
            <Text c="dimmed" ta="center" py="xl">
              {t('map.empty')}
            </Text>
          ) : (
            <DependencyGraphChart
              graph={graph.data}
              centreId={centreId}
              onOpenItem={(id) => void navigate(`/inventory/${id}`)}
            />
          )}
        </Paper>
      )}
    </>
  );
}

/** The lazily loaded route element. */
export function DependencyMapRoute() {
  return (
    <RequirePermission permission="read">
      <DependencyMapPage />
    </RequirePermission>
  );
}
