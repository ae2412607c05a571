import { Box, Center, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { applyLocale, isLocale } from '../i18n';
import { Logo } from './Logo';
import { ThemeToggle } from './ThemeToggle';

/** The frame of the pages seen before signing in: a card in the middle, language and theme on top. */
export function PublicLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <Box mih="100vh" p="md" bg="var(--mantine-color-body)">
      <Group component="header" justify="flex-end" gap="xs">
        <SegmentedControl
          size="xs"
          aria-label={t('language.label')}
          data-testid="public-language"
          value={i18n.language}
          onChange={(value) => {
            if (isLocale(value)) void applyLocale(value);
          }}
          data={[
            { value: 'en', label: 'EN' },
            { value: 'it', label: 'IT' },
          ]}
        />
        <ThemeToggle />
      </Group>
      <Center component="main" mt={{ base: 'md', sm: 60 }}>
        <Stack w="100%" maw={440} gap="lg">
          <Group gap="sm" justify="center">
            <Logo size={36} />
            <Stack gap={0}>
              <Text fw={700} size="xl">
                {t('app.name')}
              </Text>
              <Text size="sm" c="dimmed">
                {t('app.tagline')}
              </Text>
            </Stack>
          </Group>
          <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} radius="md">
            <Title order={1} size="h3" mb="md">
              {title}
            </Title>
            {children}
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}
