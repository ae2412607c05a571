import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NewTeam, type Team } from '../../../shared/contracts/teams';
import { ErrorAlert } from '../../components/ErrorAlert';
import { apiFieldErrors, type FieldErrors, zodFieldErrors } from '../../components/forms';

type Props = {
  team?: Team;
  isOpen: boolean;
  isPending: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: (team: NewTeam) => void;
};

/** Name and description of a new or existing team. */
export function TeamFormModal({ team, isOpen, isPending, error, onClose, onSubmit }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState(team?.name ?? '');
  const [description, setDescription] = useState(team?.description ?? '');
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const errors = { ...apiFieldErrors(error), ...localErrors };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = NewTeam.safeParse({ name, description });
    setLocalErrors(parsed.success ? {} : zodFieldErrors(parsed.error, t));
    if (parsed.success) onSubmit(parsed.data);
  };

  return (
    <Modal opened={isOpen} onClose={onClose} title={team ? t('teams.editTeam') : t('teams.newTeam')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && Object.keys(apiFieldErrors(error)).length === 0 ? <ErrorAlert error={error} /> : null}
          <TextInput
            label={t('common.name')}
            required
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.name}
            data-testid="team-name"
            data-autofocus
          />
          <Textarea
            label={t('common.description')}
            autosize
            minRows={2}
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            error={errors.description}
            data-testid="team-description"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={isPending} data-testid="team-submit">
              {team ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
