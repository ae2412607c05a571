import { Anchor, Badge, Button, Group, Table, Text } from '@mantine/core';
import { IconExternalLink, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasPermission } from '../../../shared/domain/roles';
import { ActionsHeader } from '../../components/ActionsHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { Pager } from '../../components/Pager';
import { useSignedInUser } from '../auth/auth.api';
import { useStatusPages } from './statusPages.api';

const pageSize = 50;

/** The status pages, published or not, with a link to each public page. */
export function StatusPageListPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const [page, setPage] = useState(1);
  const pages = useStatusPages(page, pageSize);
  const canManage = hasPermission(me.role, 'statusPages.manage');
  return (
    <>
      <PageHeader
        title={t('statusPages.title')}
        actions={
          canManage && (
            <Button
              component={Link}
              to="/status-pages/new"
              leftSection={<IconPlus size={16} />}
              data-testid="new-status-page"
            >
              {t('statusPages.newPage')}
            </Button>
          )
        }
      />
      <Text size="sm" c="dimmed" mb="md">
        {t('statusPages.intro')}
      </Text>
      {pages.isPending ? (
        <PageLoader />
      ) : pages.isError ? (
        <ErrorAlert error={pages.error} onRetry={() => void pages.refetch()} />
      ) : pages.data.rows.length === 0 ? (
        <Text c="dimmed">{t('statusPages.empty')}</Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={600}>
            <Table striped highlightOnHover data-testid="status-pages-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('statusPages.fields.title')}</Table.Th>
                  <Table.Th>{t('statusPages.fields.slug')}</Table.Th>
                  <Table.Th>{t('statusPages.fields.language')}</Table.Th>
                  <Table.Th>{t('statusPages.fields.services')}</Table.Th>
                  <ActionsHeader />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {pages.data.rows.map((row) => (
                  <Table.Tr key={row.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/status-pages/${row.id}`}>
                        {row.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        /status/{row.slug}
                      </Text>
                    </Table.Td>
                    <Table.Td>{t(`statusPages.languages.${row.language}`)}</Table.Td>
                    <Table.Td>{row.services.length}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end">
                        <Badge color={row.isPublished ? 'green' : 'gray'} variant="light">
                          {row.isPublished ? t('statusPages.published') : t('statusPages.draft')}
                        </Badge>
                        {row.isPublished && (
                          <Anchor
                            href={`/status/${row.slug}`}
                            target="_blank"
                            rel="noopener noreferrer"
                            size="sm"
                          >
                            <IconExternalLink size={14} /> {t('statusPages.open')}
                          </Anchor>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager total={pages.data.total} page={page} pageSize={pageSize} onPage={setPage} />
        </>
      )}
    </>
  );
}
