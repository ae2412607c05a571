import { Alert, Button, Group, SimpleGrid, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChevronDown, IconChevronRight, IconShieldCheck } from '@tabler/icons-react';
import { type ChangeEvent, Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/contracts/audit';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JsonBlock } from '../../components/JsonBlock';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { Pager } from '../../components/Pager';
import { useFormat } from '../../i18n/format';
import { useAuditLog, useVerifyAudit } from './audit.api';

const pageSize = 50;

function EntryRow({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [isOpen, setIsOpen] = useState(false);
  return (
    <Fragment>
      <Table.Tr data-testid="audit-row">
        <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(entry.at)}</Table.Td>
        <Table.Td>{entry.actorLabel}</Table.Td>
        <Table.Td>
          <Text ff="monospace" size="sm">
            {entry.action}
          </Text>
        </Table.Td>
        <Table.Td>
          {entry.entityType} #{entry.entityId}
        </Table.Td>
        <Table.Td>
          <Button
            size="xs"
            variant="subtle"
            leftSection={isOpen ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
            onClick={() => setIsOpen(!isOpen)}
            aria-expanded={isOpen}
          >
            {t('audit.show')}
          </Button>
        </Table.Td>
      </Table.Tr>
      {isOpen && (
        <Table.Tr>
          <Table.Td colSpan={5}>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <div>
                <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                  {t('audit.before')}
                </Text>
                <JsonBlock value={entry.before} />
              </div>
              <div>
                <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                  {t('audit.after')}
                </Text>
                <JsonBlock value={entry.after} />
              </div>
            </SimpleGrid>
            <Text size="xs" c="dimmed" mt={4} ff="monospace" style={{ wordBreak: 'break-all' }}>
              {entry.hash}
            </Text>
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

/** The append-only audit log with before/after of each change, and the chain check. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState({ entityType: '', entityId: '', action: '' });
  const [debounced] = useDebouncedValue(filters, 300);
  const [page, setPage] = useState(1);
  const log = useAuditLog({
    entityType: debounced.entityType.trim() || undefined,
    entityId: debounced.entityId.trim() || undefined,
    action: debounced.action.trim() || undefined,
    page,
    pageSize,
  });
  const verify = useVerifyAudit();
  const setFilter = (field: keyof typeof filters) => (event: ChangeEvent<HTMLInputElement>) => {
    setFilters({ ...filters, [field]: event.currentTarget.value });
    setPage(1);
  };

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        actions={
          <Button
            leftSection={<IconShieldCheck size={16} />}
            variant="default"
            loading={verify.isPending}
            onClick={() => verify.mutate()}
            data-testid="audit-verify"
          >
            {t('audit.verify')}
          </Button>
        }
      />
      {verify.data && (
        <Alert
          color={verify.data.isIntact ? 'green' : 'red'}
          mb="md"
          withCloseButton
          onClose={() => verify.reset()}
          data-testid="audit-verification"
        >
          {verify.data.isIntact
            ? t('audit.intact', { checked: verify.data.checked })
            : t('audit.broken', { id: verify.data.firstBrokenId ?? '?', checked: verify.data.checked })}
        </Alert>
      )}
      {verify.error && <ErrorAlert error={verify.error} />}
      <Group mb="md" gap="sm" wrap="wrap">
        <TextInput
          label={t('audit.entityType')}
          value={filters.entityType}
          onChange={setFilter('entityType')}
          w={180}
        />
        <TextInput
          label={t('audit.entityId')}
          value={filters.entityId}
          onChange={setFilter('entityId')}
          w={120}
        />
        <TextInput label={t('audit.action')} value={filters.action} onChange={setFilter('action')} w={180} />
      </Group>
      {log.isPending && <PageLoader />}
      {log.isError && <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />}
      {log.data && (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="xs" data-testid="audit-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audit.at')}</Table.Th>
                  <Table.Th>{t('audit.actor')}</Table.Th>
                  <Table.Th>{t('audit.action')}</Table.Th>
                  <Table.Th>{t('audit.entity')}</Table.Th>
                  <Table.Th>{t('audit.changes')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {log.data.rows.map((entry) => (
                  <EntryRow key={entry.id} entry={entry} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {log.data.rows.length === 0 && (
            <Text c="dimmed" ta="center" py="lg">
              {t('common.noResults')}
            </Text>
          )}
          <Pager total={log.data.total} page={log.data.page} pageSize={log.data.pageSize} onPage={setPage} />
        </>
      )}
    </>
  );
}
