import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MergeTarget, RequestSummary } from '../../../shared/contracts/requests';
import { ErrorAlert } from '../../components/ErrorAlert';
import { MergeTargetSelect } from './MergeTargetSelect';
import { useTriageActions } from './requests.api';

/** Accept, merge (into a request or work item) and decline (with a reason) for one request. */
export function TriageButtons({ request }: { request: Pick<RequestSummary, 'id' | 'title'> }) {
  const { t } = useTranslation();
  const actions = useTriageActions();
  const [dialog, setDialog] = useState<'merge' | 'decline' | null>(null);
  const [reason, setReason] = useState('');
  const [target, setTarget] = useState<MergeTarget | null>(null);
  const close = () => setDialog(null);
  const error = actions.accept.error ?? actions.merge.error ?? actions.decline.error;
  return (
    <>
      <Group gap="xs">
        <Button
          size="xs"
          onClick={() => actions.accept.mutate(request.id)}
          loading={actions.accept.isPending}
          data-testid={`accept-${request.id}`}
        >
          {t('requests.actions.accept')}
        </Button>
        <Button
          size="xs"
          variant="default"
          onClick={() => setDialog('merge')}
          data-testid={`merge-${request.id}`}
        >
          {t('requests.actions.merge')}
        </Button>
        <Button
          size="xs"
          variant="light"
          color="red"
          onClick={() => setDialog('decline')}
          data-testid={`decline-${request.id}`}
        >
          {t('requests.actions.decline')}
        </Button>
      </Group>
      {error && !dialog && <ErrorAlert error={error} />}
      <Modal opened={dialog === 'decline'} onClose={close} title={t('requests.declineTitle')}>
        <Stack>
          <Textarea
            label={t('requests.reason')}
            required
            autosize
            minRows={3}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            data-testid="decline-reason-input"
          />
          {actions.decline.error && <ErrorAlert error={actions.decline.error} />}
          <Button
            color="red"
            disabled={reason.trim() === ''}
            loading={actions.decline.isPending}
            onClick={() => actions.decline.mutate({ id: request.id, reason }, { onSuccess: close })}
            data-testid="decline-confirm"
          >
            {t('requests.actions.confirm')}
          </Button>
        </Stack>
      </Modal>
      <Modal opened={dialog === 'merge'} onClose={close} title={t('requests.mergeTitle')} size="lg">
        <Stack>
          {dialog === 'merge' && (
            <MergeTargetSelect requestId={request.id} value={target} onChange={setTarget} />
          )}
          {actions.merge.error && <ErrorAlert error={actions.merge.error} />}
          <Button
            disabled={target === null}
            loading={actions.merge.isPending}
            onClick={() =>
              target &&
              actions.merge.mutate(
                { id: request.id, targetType: target.targetType, targetId: target.targetId },
                { onSuccess: close },
              )
            }
            data-testid="merge-confirm"
          >
            {t('requests.actions.confirm')}
          </Button>
        </Stack>
      </Modal>
    </>
  );
}
