import {
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconAffiliate, IconArrowLeft, IconPencil } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Item } from '../../../shared/contracts/inventory';
import { CriticalityBadge, KindBadge } from '../../components/Badges';
import { DeleteRecordButton } from '../../components/DeleteRecordButton';
import { DetailLoadError } from '../../components/DetailLoadError';
import { useLabels } from '../../components/labels';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { SafeLink } from '../../components/SafeLink';
import { useFormat } from '../../i18n/format';
import { useSignedInUser } from '../auth/auth.api';
import { ItemChecksCard } from '../checks/ItemChecksCard';
import { ActivityFeed } from '../collaboration/ActivityFeed';
import { CommentThread } from '../collaboration/CommentThread';
import { ImpactPanel } from './ImpactPanel';
import { ItemHealthCard } from './ItemHealthCard';
import { useDeleteItem, useItem } from './inventory.api';
import { canEditItem } from './itemAccess';
import { RelationsPanel } from './RelationsPanel';

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="div" size="sm" data-testid={testId} style={{ wordBreak: 'break-word' }}>
        {children}
      </Text>
    </div>
  );
}

/** A lifecycle date, in red once it has passed. */
function LifecycleDate({ value }: { value: string | null }) {
  const format = useFormat();
  const isPast = value !== null && value < new Date().toISOString().slice(0, 10);
  return (
    <Text span c={isPast ? 'red' : undefined} fw={isPast ? 600 : undefined} inherit>
      {format.date(value)}
    </Text>
  );
}

function AttributeValueText({ value }: { value: Item['attributes'][string] }) {
  const { t } = useTranslation();
  if (value === null) return <>{t('common.none')}</>;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (typeof value === 'number') return <>{value}</>;
  return <SafeLink value={value} />;
}

function ItemDetails({ item }: { item: Item }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const attributes = Object.entries(item.attributes);
  return (
    <Stack>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          {t('inventory.sections.general')}
        </Title>
        {item.description && (
          <Text size="sm" mb="md" style={{ whiteSpace: 'pre-wrap' }} data-testid="item-description">
            {item.description}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
          <Field label={t('inventory.fields.kind')}>
            <KindBadge value={item.kind} />
          </Field>
          <Field label={t('inventory.fields.criticality')}>
            <CriticalityBadge value={item.criticality} />
          </Field>
          <Field label={t('inventory.fields.environment')}>{labels.environment(item.environment)}</Field>
          <Field label={t('inventory.fields.ownerTeam')}>
            {item.ownerTeamId !== null ? (
              <Anchor component={Link} to={`/teams/${item.ownerTeamId}`} inherit>
                {item.ownerTeamName ?? item.ownerTeamId}
              </Anchor>
            ) : (
              t('inventory.noTeam')
            )}
          </Field>
          <Field label={t('inventory.fields.location')}>{item.location || t('common.none')}</Field>
          <Field label={t('inventory.fields.vendor')}>{item.vendor || t('common.none')}</Field>
        </SimpleGrid>
        {item.tags.length > 0 && (
          <Group gap={6} mt="md" data-testid="item-tags">
            {item.tags.map((tag) => (
              <Badge key={tag} variant="outline" style={{ textTransform: 'none' }}>
                {tag}
              </Badge>
            ))}
          </Group>
        )}
      </Paper>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t('inventory.sections.lifecycle')}
          </Title>
          <Stack gap="xs">
            <Field label={t('inventory.fields.acquiredOn')}>{format.date(item.acquiredOn)}</Field>
            <Field label={t('inventory.fields.warrantyEnd')}>
              <LifecycleDate value={item.warrantyEnd} />
            </Field>
            <Field label={t('inventory.fields.endOfSupport')} testId="item-end-of-support">
              <LifecycleDate value={item.endOfSupport} />
            </Field>
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t('inventory.sections.costs')}
          </Title>
          <Stack gap="xs">
            <Field label={t('inventory.fields.purchaseCost')} testId="item-purchase-cost">
              {format.money(item.purchaseCostCents, item.currency)}
            </Field>
            <Field label={t('inventory.fields.annualCost')} testId="item-annual-cost">
              {format.money(item.annualCostCents, item.currency)}
            </Field>
          </Stack>
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          {t('inventory.sections.attributes')}
        </Title>
        {attributes.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('inventory.attributes.empty')}
          </Text>
        ) : (
          <Table verticalSpacing={4} data-testid="item-attributes">
            <Table.Tbody>
              {attributes.map(([key, value]) => (
                <Table.Tr key={key}>
                  <Table.Td fw={500} w="40%">
                    {key}
                  </Table.Td>
                  <Table.Td style={{ wordBreak: 'break-word' }}>
                    <AttributeValueText value={value} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <Text size="xs" c="dimmed">
        {t('inventory.fields.createdAt')}: {format.dateTime(item.createdAt)} ·{' '}
        {t('inventory.fields.updatedAt')}: {format.dateTime(item.updatedAt)}
      </Text>
    </Stack>
  );
}

/** One item: every field, its relations and what depends on it. */
export function ItemDetailPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const id = Number(useParams().id);
  const item = useItem(id);
  const remove = useDeleteItem();

  if (item.isPending) return <PageLoader />;
  if (item.isError) {
    return <DetailLoadError error={item.error} notFoundText={t('inventory.notFound')} backTo="/inventory" />;
  }

  const canEdit = canEditItem(me, item.data.ownerTeamId);
  return (
    <>
      <Anchor component={Link} to="/inventory" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('inventory.title')}
        </Group>
      </Anchor>
      <PageHeader
        title={item.data.name}
        actions={
          <>
            <Button
              component={Link}
              to={`/map?itemId=${item.data.id}`}
              variant="default"
              leftSection={<IconAffiliate size={16} />}
              data-testid="open-map"
            >
              {t('inventory.openMap')}
            </Button>
            {canEdit && (
              <Button
                component={Link}
                to={`/inventory/${item.data.id}/edit`}
                leftSection={<IconPencil size={16} />}
                data-testid="edit-item"
              >
                {t('common.edit')}
              </Button>
            )}
            {canEdit && (
              <DeleteRecordButton
                id={item.data.id}
                remove={remove}
                question={t('common.confirmDelete', { name: item.data.name })}
                deletedMessage={t('inventory.deleted')}
                listPath="/inventory"
                data-testid="delete-item"
              />
            )}
          </>
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack>
            <ItemDetails item={item.data} />
            <CommentThread entityType="item" entityId={item.data.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            <ItemHealthCard itemId={item.data.id} />
            <ItemChecksCard itemId={item.data.id} canEdit={canEdit} />
            <RelationsPanel itemId={item.data.id} canEdit={canEdit} />
            <ImpactPanel itemId={item.data.id} />
            <ActivityFeed entityType="item" entityId={item.data.id} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
