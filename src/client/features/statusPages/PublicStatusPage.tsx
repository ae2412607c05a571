import { Alert, Box, Container, Group, SegmentedControl, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../api/http';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { ThemeToggle } from '../../components/ThemeToggle';
import { StatusPageView } from './StatusPageView';
import { usePublicStatusPage } from './statusPages.api';

/**
 * A published status page at /status/:slug, for anyone: outside the signed-in layout, in the page's
 * language unless the reader switches it.
 */
export function PublicStatusPage() {
  const { i18n } = useTranslation();
  const slug = useParams().slug ?? '';
  const page = usePublicStatusPage(slug);
  const [language, setLanguage] = useState<'en' | 'it' | null>(null);
  const shown = language ?? page.data?.language ?? (i18n.language === 'it' ? 'it' : 'en');
  const t = i18n.getFixedT(shown);
  useEffect(() => {
    if (page.data) document.title = page.data.title;
  }, [page.data]);

  return (
    <Box mih="100vh" p="md" bg="var(--mantine-color-body)" lang={shown}>
      <Container size="md">
        <Group component="header" justify="flex-end" gap="xs" mb="md">
          <SegmentedControl
            size="xs"
            aria-label={t('statusPages.public.language')}
            data-testid="status-language"
            value={shown}
            onChange={(value) => setLanguage(value === 'it' ? 'it' : 'en')}
            data={[
              { value: 'en', label: 'EN' },
              { value: 'it', label: 'IT' },
            ]}
          />
          <ThemeToggle />
        </Group>
        <main>
          {page.isPending ? (
            <PageLoader />
          ) : page.isError ? (
            page.error instanceof ApiError && page.error.status === 404 ? (
              <Alert color="gray" data-testid="status-not-found">
                {t('statusPages.public.notFound')}
              </Alert>
            ) : (
              <ErrorAlert error={page.error} onRetry={() => void page.refetch()} />
            )
          ) : (
            <StatusPageView view={page.data} language={shown} />
          )}
        </main>
        <Text component="footer" size="xs" c="dimmed" ta="center" mt="xl">
          {t('statusPages.public.poweredBy')}
        </Text>
      </Container>
    </Box>
  );
}
