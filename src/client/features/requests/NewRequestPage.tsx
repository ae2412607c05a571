import { Button, Group, SegmentedControl, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { RequestKind } from '../../../shared/contracts/requests';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { priorityKey } from './requestParts';
import { useRequestChoices, useSubmitRequest } from './requests.api';

/** `/requests/new`: the short form: what, why, how urgent, which system, which team. */
export function NewRequestPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [kind, setKind] = useState<RequestKind>('request');
  const [title, setTitle] = useState('');
  const [details, setDetails] = useState('');
  const [priority, setPriority] = useState('3');
  const [itemId, setItemId] = useState<string | null>(null);
  const [teamId, setTeamId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search, 250);
  const choices = useRequestChoices(query);
  const submit = useSubmitRequest();
  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    submit.mutate(
      {
        kind,
        title,
        details,
        priority: Number(priority),
        itemId: itemId ? Number(itemId) : null,
        teamId: teamId ? Number(teamId) : null,
      },
      { onSuccess: (request) => navigate(`/requests/${request.id}`) },
    );
  };
  return (
    <form onSubmit={onSubmit}>
      <Stack maw={720}>
        <PageHeader title={t('requests.newRequest')} />
        {submit.error && <ErrorAlert error={submit.error} />}
        <SegmentedControl
          value={kind}
          onChange={(value) => setKind(value as RequestKind)}
          data={[
            { value: 'request', label: t('requests.kinds.request') },
            { value: 'problem', label: t('requests.kinds.problem') },
          ]}
          data-testid="request-kind"
        />
        <TextInput
          label={t('requests.fields.title')}
          required
          maxLength={300}
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          data-testid="request-title"
        />
        <Textarea
          label={t('requests.fields.details')}
          autosize
          minRows={4}
          value={details}
          onChange={(event) => setDetails(event.currentTarget.value)}
          data-testid="request-details"
        />
        <Select
          label={t('requests.fields.priority')}
          value={priority}
          onChange={(value) => setPriority(value ?? '3')}
          data={['1', '2', '3', '4'].map((value) => ({ value, label: t(priorityKey(Number(value))) }))}
          allowDeselect={false}
          data-testid="request-priority"
        />
        <Select
          label={t('requests.fields.system')}
          searchable
          clearable
          searchValue={search}
          onSearchChange={setSearch}
          value={itemId}
          onChange={setItemId}
          data={(choices.data?.systems ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
          data-testid="request-system"
        />
        <Select
          label={t('requests.fields.team')}
          description={t('requests.fields.teamHint')}
          clearable
          value={teamId}
          onChange={setTeamId}
          data={(choices.data?.teams ?? []).map((team) => ({ value: String(team.id), label: team.name }))}
          data-testid="request-team"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => navigate('/requests')}>
            {t('requests.cancel')}
          </Button>
          <Button type="submit" loading={submit.isPending} data-testid="request-submit">
            {t('requests.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
