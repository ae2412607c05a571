import { Avatar, Button, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Comment, CommentEntityType } from '../../../shared/contracts/collaboration';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { errorMessage } from '../../components/forms';
import { Pager } from '../../components/Pager';
import { useFormat } from '../../i18n/format';
import { useMe } from '../auth/auth.api';
import { useCommentActions, useComments, useWatch } from './collaboration.api';
import { Markdown } from './Markdown';
import { MentionTextarea } from './MentionTextarea';

/** A Markdown editor with a preview tab and "@" suggestions; used to write and to edit. */
function CommentEditor({
  entity,
  initial,
  submitLabel,
  isSaving,
  onSubmit,
  onCancel,
}: {
  entity: { entityType: CommentEntityType; entityId: number };
  initial: string;
  submitLabel: string;
  isSaving: boolean;
  onSubmit: (body: string) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState(initial);
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const submit = () =>
    onSubmit(body).then(
      () => {
        setBody('');
        setMode('write');
      },
      (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
    );
  return (
    <Stack gap="xs">
      <SegmentedControl
        size="xs"
        w="fit-content"
        value={mode}
        onChange={(value) => setMode(value as 'write' | 'preview')}
        data={[
          { value: 'write', label: t('collaboration.comments.write') },
          { value: 'preview', label: t('collaboration.comments.preview') },
        ]}
        data-testid="comment-mode"
      />
      {mode === 'write' ? (
        <MentionTextarea
          value={body}
          onChange={setBody}
          entity={entity}
          placeholder={t('collaboration.comments.placeholder')}
          data-testid="comment-input"
        />
      ) : (
        <Paper withBorder p="sm" mih={80} data-testid="comment-preview">
          {body.trim() === '' ? (
            <Text size="sm" c="dimmed">
              {t('collaboration.comments.nothingToPreview')}
            </Text>
          ) : (
            <Markdown source={body} />
          )}
        </Paper>
      )}
      <Group justify="flex-end" gap="xs">
        {onCancel && (
          <Button variant="default" size="xs" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        )}
        <Button
          size="xs"
          loading={isSaving}
          disabled={body.trim() === ''}
          onClick={submit}
          data-testid="comment-submit"
        >
          {submitLabel}
        </Button>
      </Group>
    </Stack>
  );
}

function CommentView({
  comment,
  actions,
}: {
  comment: Comment;
  actions: ReturnType<typeof useCommentActions>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [isEditing, setEditing] = useState(false);
  const author = comment.author?.name ?? t('collaboration.comments.formerUser');
  return (
    <Paper withBorder p="sm" data-testid="comment" data-comment-id={comment.id}>
      <Group justify="space-between" mb={6} wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <Avatar size="sm" name={author} color="initials" />
          <Text size="sm" fw={600}>
            {author}
          </Text>
          <Text size="xs" c="dimmed">
            {format.dateTime(comment.createdAt)}
            {comment.editedAt !== null && ` · ${t('collaboration.comments.edited')}`}
          </Text>
        </Group>
        {!isEditing && (
          <Group gap={4} wrap="nowrap">
            {comment.canEdit && (
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => setEditing(true)}
                data-testid="comment-edit"
              >
                {t('common.edit')}
              </Button>
            )}
            {comment.canDelete && (
              <ConfirmButton
                size="compact-xs"
                variant="subtle"
                question={t('collaboration.comments.confirmDelete')}
                confirmLabel={t('common.delete')}
                onConfirm={() =>
                  actions.remove.mutate(comment.id, {
                    onSuccess: () => notifications.show({ message: t('collaboration.comments.deleted') }),
                    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
                  })
                }
                data-testid="comment-delete"
              >
                {t('common.delete')}
              </ConfirmButton>
            )}
          </Group>
        )}
      </Group>
      {isEditing ? (
        <CommentEditor
          entity={{ entityType: comment.entityType, entityId: comment.entityId }}
          initial={comment.body}
          submitLabel={t('collaboration.comments.saveEdit')}
          isSaving={actions.update.isPending}
          onSubmit={(body) =>
            actions.update.mutateAsync({ id: comment.id, body }).then(() => setEditing(false))
          }
          onCancel={() => setEditing(false)}
        />
      ) : (
        <Markdown source={comment.body} />
      )}
    </Paper>
  );
}

/** Watch or stop watching the entity. */
function WatchButton({ entityType, entityId }: { entityType: CommentEntityType; entityId: number }) {
  const { t } = useTranslation();
  const { state, toggle } = useWatch(entityType, entityId);
  if (!state.data) return null;
  const isWatching = state.data.isWatching;
  return (
    <Button
      size="xs"
      variant={isWatching ? 'light' : 'default'}
      leftSection={isWatching ? <IconEyeOff size={14} /> : <IconEye size={14} />}
      loading={toggle.isPending}
      onClick={() => toggle.mutate(!isWatching)}
      title={t('collaboration.watch.hint')}
      data-testid="watch-toggle"
      data-watching={isWatching}
    >
      {isWatching ? t('collaboration.watch.unwatch') : t('collaboration.watch.watch')}
      {state.data.watcherCount > 0 &&
        ` · ${t('collaboration.watch.watchers', { count: state.data.watcherCount })}`}
    </Button>
  );
}

/** The comments of an entity: Markdown, @mentions, edit and delete one's own, watch. */
export function CommentThread({ entityType, entityId }: { entityType: CommentEntityType; entityId: number }) {
  const { t } = useTranslation();
  const me = useMe();
  const [page, setPage] = useState(1);
  const comments = useComments(entityType, entityId, page);
  const actions = useCommentActions(entityType, entityId);
  const canWrite = me.data?.role !== 'auditor';
  return (
    <Paper withBorder p="md" data-testid="comment-thread">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4">
          {t('collaboration.comments.title')}
        </Title>
        {canWrite && <WatchButton entityType={entityType} entityId={entityId} />}
      </Group>
      {comments.isError && <ErrorAlert error={comments.error} />}
      <Stack gap="sm">
        {comments.data?.rows.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('collaboration.comments.empty')}
          </Text>
        )}
        {comments.data?.rows.map((comment) => (
          <CommentView key={comment.id} comment={comment} actions={actions} />
        ))}
        {comments.data && comments.data.total > comments.data.pageSize && (
          <Pager total={comments.data.total} page={page} pageSize={comments.data.pageSize} onPage={setPage} />
        )}
        {canWrite ? (
          <CommentEditor
            entity={{ entityType, entityId }}
            initial=""
            submitLabel={t('collaboration.comments.send')}
            isSaving={actions.create.isPending}
            onSubmit={(body) => actions.create.mutateAsync(body)}
          />
        ) : (
          <Text size="sm" c="dimmed">
            {t('collaboration.comments.readOnly')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
