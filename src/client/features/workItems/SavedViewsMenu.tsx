import { Badge, Button, Checkbox, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconBookmark, IconChevronDown, IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkView, WorkViewFilters, WorkViewGrouping } from '../../../shared/contracts/work-items';
import { hasPermission, isCrossTeam } from '../../../shared/domain/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSignedInUser } from '../auth/auth.api';
import { useWorkViewActions, useWorkViews } from './workItems.api';

/** What the list shows now, as a view keeps it. */
export interface ListViewState {
  filters: WorkViewFilters;
  sort: WorkView['sort'];
  direction: WorkView['direction'];
  groupBy: WorkViewGrouping;
}

/** Drops the filters left empty, so a saved view keeps only what was chosen. */
function cleanFilters(filters: WorkViewFilters): WorkViewFilters {
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined && value !== ''),
  ) as WorkViewFilters;
}

/** The "Views" menu of a team's list (apply, update, delete) and its "Save view" button. */
export function SavedViewsMenu({
  teamId,
  current,
  activeViewId,
  onApply,
}: {
  teamId: number;
  current: ListViewState;
  /** the view the list shows unchanged, named on the menu's button */
  activeViewId: number | null;
  onApply: (view: WorkView) => void;
}) {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const views = useWorkViews(teamId);
  const actions = useWorkViewActions(teamId);
  const [isSaving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [isShared, setShared] = useState(false);
  const [deleting, setDeleting] = useState<WorkView | null>(null);
  const canSave = hasPermission(me.role, 'work.write');
  const canShare = isCrossTeam(me.role) || me.teamIds.includes(teamId);
  const rows = views.data?.rows ?? [];
  const snapshot = { ...current, filters: cleanFilters(current.filters) };
  const activeView = rows.find((view) => view.id === activeViewId);

  const save = () =>
    actions.create.mutate(
      { teamId, name, isShared: canShare && isShared, ...snapshot },
      {
        onSuccess: () => {
          setSaving(false);
          setName('');
          setShared(false);
        },
      },
    );

  return (
    <>
      <Menu shadow="md" width={320} position="bottom-start">
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<IconBookmark size={16} />}
            rightSection={<IconChevronDown size={14} />}
            data-testid="saved-views-menu"
          >
            {activeView
              ? t('workItems.listControls.activeView', { name: activeView.name })
              : t('workItems.savedViews.menu')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {rows.length === 0 && <Menu.Label>{t('workItems.savedViews.none')}</Menu.Label>}
          {rows.map((view) => (
            <Menu.Item
              key={view.id}
              onClick={() => onApply(view)}
              data-testid={`saved-view-${view.name}`}
              rightSection={
                <Badge size="xs" variant="light" color={view.isShared ? 'teal' : 'gray'}>
                  {view.isShared ? t('workItems.savedViews.shared') : t('workItems.savedViews.personal')}
                </Badge>
              }
            >
              <Text size="sm">{view.name}</Text>
              {!view.canChange && view.ownerName && (
                <Text size="xs" c="dimmed">
                  {t('workItems.savedViews.by', { name: view.ownerName })}
                </Text>
              )}
            </Menu.Item>
          ))}
          {rows.some((view) => view.canChange) && <Menu.Divider />}
          {rows
            .filter((view) => view.canChange)
            .map((view) => (
              <Menu.Item
                key={`update-${view.id}`}
                leftSection={<IconDeviceFloppy size={14} />}
                onClick={() => actions.update.mutate({ id: view.id, ...snapshot })}
              >
                {t('workItems.savedViews.update', { name: view.name })}
              </Menu.Item>
            ))}
          {rows
            .filter((view) => view.canChange)
            .map((view) => (
              <Menu.Item
                key={`delete-${view.id}`}
                color="red"
                leftSection={<IconTrash size={14} />}
                onClick={() => setDeleting(view)}
                data-testid={`delete-view-${view.name}`}
              >
                {t('workItems.savedViews.delete', { name: view.name })}
              </Menu.Item>
            ))}
        </Menu.Dropdown>
      </Menu>
      {canSave && (
        <Button variant="default" onClick={() => setSaving(true)} data-testid="save-view">
          {t('workItems.savedViews.save')}
        </Button>
      )}
      <Modal opened={isSaving} onClose={() => setSaving(false)} title={t('workItems.savedViews.saveTitle')}>
        <Stack>
          {actions.create.isError && <ErrorAlert error={actions.create.error} />}
          <TextInput
            label={t('workItems.savedViews.name')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            required
            data-autofocus
            data-testid="save-view-name"
          />
          {canShare && (
            <Checkbox
              label={t('workItems.savedViews.share')}
              checked={isShared}
              onChange={(event) => setShared(event.currentTarget.checked)}
              data-testid="save-view-shared"
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setSaving(false)}>
              {t('workItems.cancel')}
            </Button>
            <Button
              onClick={save}
              disabled={!name.trim()}
              loading={actions.create.isPending}
              data-testid="save-view-submit"
            >
              {t('workItems.save')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('workItems.savedViews.delete', { name: deleting?.name ?? '' })}
        centered
      >
        <Stack>
          {actions.remove.isError && <ErrorAlert error={actions.remove.error} />}
          <Text>{t('workItems.listControls.deleteView', { name: deleting?.name ?? '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              {t('workItems.cancel')}
            </Button>
            <Button
              color="red"
              loading={actions.remove.isPending}
              onClick={() =>
                deleting && actions.remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })
              }
              data-testid="delete-view-confirm"
            >
              {t('workItems.remove')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
