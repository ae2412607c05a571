import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import {
  NewStatusPage,
  type PublicServiceState,
  type PublicStatusPage,
  type StatusPage,
  type StatusPageLanguage,
} from '../../../shared/contracts/status-pages';
import { hasPermission } from '../../../shared/domain/roles';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { apiFieldErrors, type FieldErrors, zodFieldErrors } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { useSignedInUser } from '../auth/auth.api';
import { ItemPicker } from '../inventory/ItemPicker';
import { StatusPageView } from './StatusPageView';
import {
  useCreateStatusPage,
  useDeleteStatusPage,
  useServiceHealths,
  useStatusPage,
  useStatusPagePreview,
  useUpdateStatusPage,
} from './statusPages.api';

type ServiceRow = { rowId: number; itemId: number | null; itemName: string | null; displayName: string };
type FormValues = {
  slug: string;
  title: string;
  description: string;
  language: StatusPageLanguage;
  isPublished: boolean;
  services: ServiceRow[];
};

let nextRowId = 1;
function serviceRow(service?: Omit<ServiceRow, 'rowId'>): ServiceRow {
  nextRowId += 1;
  return { rowId: nextRowId, itemId: null, itemName: null, displayName: '', ...service };
}

function initialValues(page: StatusPage | undefined): FormValues {
  if (!page)
    return { slug: '', title: '', description: '', language: 'en', isPublished: false, services: [] };
  return {
    slug: page.slug,
    title: page.title,
    description: page.description,
    language: page.language,
    isPublished: page.isPublished,
    services: page.services.map((service) =>
      serviceRow({ itemId: service.itemId, itemName: service.itemName, displayName: service.displayName }),
    ),
  };
}

const rank: Record<PublicServiceState, number> = { down: 4, degraded: 3, maintenance: 2, up: 1, unknown: 0 };

/**
 * The page as the public would see it with the form's unsaved values: states and 90 days of each
 * service from the service health, incidents and maintenance from the saved page's preview.
 */
function useLivePreview(values: FormValues, pageId: number | null): PublicStatusPage {
  const chosen = values.services.filter((service) => service.itemId !== null);
  const healths = useServiceHealths(chosen.map((service) => service.itemId as number));
  const saved = useStatusPagePreview(pageId);
  const services = chosen.map((service, index) => {
    const health = healths[index]?.data;
    return {
      name: service.displayName.trim() || '…',
      state: health?.state ?? ('unknown' as const),
      days: health?.days ?? [],
    };
  });
  return {
    title: values.title || '…',
    description: values.description,
    language: values.language,
    overall: services.reduce<PublicServiceState>(
      (worst, service) => (rank[service.state] > rank[worst] ? service.state : worst),
      'unknown',
    ),
    services,
    incidents: saved.data?.incidents ?? [],
    maintenance: saved.data?.maintenance ?? [],
    ruleText: saved.data?.ruleText ?? '',
    generatedAt: Date.now(),
  };
}

type FormProps = {
  page?: StatusPage;
  isPending: boolean;
  error: unknown;
  onSubmit: (page: NewStatusPage) => void;
};

/** The editor: page fields and services on the left, the live preview on the right. */
function StatusPageEditor({ page, isPending, error, onSubmit }: FormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [values, setValues] = useState<FormValues>(() => initialValues(page));
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const errors: FieldErrors = { ...apiFieldErrors(error), ...localErrors };
  const hasServerFieldErrors = Object.keys(apiFieldErrors(error)).length > 0;
  const set = <K extends keyof FormValues>(field: K, value: FormValues[K]) =>
    setValues((current) => ({ ...current, [field]: value }));
  const setService = (rowId: number, change: Partial<ServiceRow>) =>
    set(
      'services',
      values.services.map((service) => (service.rowId === rowId ? { ...service, ...change } : service)),
    );
  const moveService = (index: number, by: -1 | 1) => {
    const services = [...values.services];
    const [service] = services.splice(index, 1);
    if (service) services.splice(index + by, 0, service);
    set('services', services);
  };
  const preview = useLivePreview(values, page?.id ?? null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = NewStatusPage.safeParse({
      slug: values.slug,
      title: values.title,
      description: values.description,
      language: values.language,
      isPublished: values.isPublished,
      services: values.services.map((service) => ({
        itemId: service.itemId,
        displayName: service.displayName,
      })),
    });
    setLocalErrors(parsed.success ? {} : zodFieldErrors(parsed.error, t));
    if (parsed.success) onSubmit(parsed.data);
  };

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <form onSubmit={submit} noValidate data-testid="status-page-form">
          <Stack>
            {(Object.keys(localErrors).length > 0 || hasServerFieldErrors) && (
              <Alert color="red">{t('common.fixFields')}</Alert>
            )}
            {!hasServerFieldErrors && error ? <ErrorAlert error={error} /> : null}
            <Paper withBorder p="md">
              <Stack gap="sm">
                <TextInput
                  label={t('statusPages.fields.title')}
                  required
                  value={values.title}
                  onChange={(event) => set('title', event.currentTarget.value)}
                  error={errors.title}
                  data-testid="status-page-title-input"
                />
                <TextInput
                  label={t('statusPages.fields.slug')}
                  description={t('statusPages.hints.slug', { slug: values.slug || '…' })}
                  required
                  value={values.slug}
                  onChange={(event) => set('slug', event.currentTarget.value.toLowerCase())}
                  error={errors.slug}
                  data-testid="status-page-slug"
                />
                <Textarea
                  label={t('statusPages.fields.description')}
                  autosize
                  minRows={2}
                  value={values.description}
                  onChange={(event) => set('description', event.currentTarget.value)}
                  error={errors.description}
                />
                <div>
                  <Text size="sm" fw={500} mb={4}>
                    {t('statusPages.fields.language')}
                  </Text>
                  <SegmentedControl
                    value={values.language}
                    onChange={(value) => set('language', value === 'it' ? 'it' : 'en')}
                    data={[
                      { value: 'en', label: t('statusPages.languages.en') },
                      { value: 'it', label: t('statusPages.languages.it') },
                    ]}
                    data-testid="status-page-language"
                  />
                </div>
                <Checkbox
                  label={t('statusPages.fields.isPublished')}
                  checked={values.isPublished}
                  onChange={(event) => set('isPublished', event.currentTarget.checked)}
                  data-testid="status-page-published"
                />
              </Stack>
            </Paper>
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="sm">
                {t('statusPages.fields.services')}
              </Title>
              <Stack gap="xs">
                {values.services.length === 0 && (
                  <Text size="sm" c="dimmed">
                    {t('statusPages.hints.noServices')}
                  </Text>
                )}
                {values.services.map((service, index) => (
                  <Group
                    key={service.rowId}
                    align="flex-start"
                    wrap="nowrap"
                    gap="xs"
                    data-testid="status-page-service"
                  >
                    <ItemPicker
                      flex={1}
                      label={index === 0 ? t('statusPages.fields.item') : undefined}
                      value={service.itemId}
                      selectedName={service.itemName}
                      onChange={(itemId, itemName) =>
                        setService(service.rowId, {
                          itemId,
                          itemName,
                          displayName: service.displayName || (itemName ?? ''),
                        })
                      }
                      error={errors[`services.${index}.itemId`]}
                    />
                    <TextInput
                      flex={1}
                      label={index === 0 ? t('statusPages.fields.displayName') : undefined}
                      description={index === 0 ? t('statusPages.hints.displayName') : undefined}
                      value={service.displayName}
                      onChange={(event) =>
                        setService(service.rowId, { displayName: event.currentTarget.value })
                      }
                      error={errors[`services.${index}.displayName`]}
                      data-testid="status-page-display-name"
                    />
                    <Group gap={2} mt={index === 0 ? 46 : 4} wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('statusPages.moveUp')}
                        disabled={index === 0}
                        onClick={() => moveService(index, -1)}
                      >
                        <IconArrowUp size={14} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('statusPages.moveDown')}
                        disabled={index === values.services.length - 1}
                        onClick={() => moveService(index, 1)}
                      >
                        <IconArrowDown size={14} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('common.remove')}
                        onClick={() =>
                          set(
                            'services',
                            values.services.filter((other) => other.rowId !== service.rowId),
                          )
                        }
                      >
                        <IconTrash size={14} />
                      </ActionIcon>
                    </Group>
                  </Group>
                ))}
                <Button
                  variant="light"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => set('services', [...values.services, serviceRow()])}
                  data-testid="status-page-add-service"
                  w="fit-content"
                >
                  {t('statusPages.addService')}
                </Button>
              </Stack>
            </Paper>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => void navigate('/status-pages')}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={isPending} data-testid="status-page-save">
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Paper withBorder p="md" data-testid="status-page-preview">
          <Title order={2} size="h4">
            {t('statusPages.preview')}
          </Title>
          <Text size="xs" c="dimmed" mb="md">
            {t('statusPages.previewHint')}
          </Text>
          <StatusPageView view={preview} language={values.language} titleOrder={3} />
        </Paper>
      </Grid.Col>
    </Grid>
  );
}

/** A new status page. */
export function StatusPageCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateStatusPage();
  return (
    <>
      <PageHeader title={t('statusPages.newPage')} />
      <StatusPageEditor
        isPending={create.isPending}
        error={create.error}
        onSubmit={(page) =>
          create.mutate(page, {
            onSuccess: (saved) => {
              notifications.show({ color: 'green', message: t('statusPages.created') });
              void navigate(`/status-pages/${saved.id}`);
            },
          })
        }
      />
    </>
  );
}

/** A status page's editor with its live preview; read-only roles see the preview of the saved page. */
export function StatusPageEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useSignedInUser();
  const id = Number(useParams().id);
  const page = useStatusPage(id);
  const update = useUpdateStatusPage(id);
  const remove = useDeleteStatusPage();
  const preview = useStatusPagePreview(id);
  const canManage = hasPermission(me.role, 'statusPages.manage');
  if (page.isPending) return <PageLoader />;
  if (page.isError) return <ErrorAlert error={page.error} />;
  return (
    <>
      <PageHeader
        title={`${canManage ? t('statusPages.editPage') : t('statusPages.title')}: ${page.data.title}`}
        actions={
          canManage && (
            <ConfirmButton
              question={t('statusPages.confirmDelete', { name: page.data.title })}
              confirmLabel={t('common.delete')}
              leftSection={<IconTrash size={16} />}
              loading={remove.isPending}
              onConfirm={() =>
                remove.mutate(id, {
                  onSuccess: () => {
                    notifications.show({ color: 'green', message: t('statusPages.deleted') });
                    void navigate('/status-pages');
                  },
                })
              }
            >
              {t('common.delete')}
            </ConfirmButton>
          )
        }
      />
      {canManage ? (
        <StatusPageEditor
          key={page.data.updatedAt}
          page={page.data}
          isPending={update.isPending}
          error={update.error}
          onSubmit={(changes) =>
            update.mutate(changes, {
              onSuccess: () => notifications.show({ color: 'green', message: t('statusPages.updated') }),
            })
          }
        />
      ) : preview.data ? (
        <Paper withBorder p="md">
          <StatusPageView view={preview.data} language={page.data.language} titleOrder={2} />
        </Paper>
      ) : (
        <PageLoader />
      )}
    </>
  );
}
