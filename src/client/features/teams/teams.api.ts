import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Ok } from '../../../shared/contracts/common';
import type { NewTeam, PutTeamMember, Team, TeamList, UpdateTeam } from '../../../shared/contracts/teams';
import { http } from '../../api/http';
import { queryKeys } from '../../api/queryClient';

type OkAnswer = z.infer<typeof Ok>;

/** Every team the user may see, with members. */
export function useTeams(options: { isEnabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.teams,
    queryFn: ({ signal }) => http.get<z.infer<typeof TeamList>>('/teams', undefined, signal),
    staleTime: 60_000,
    enabled: options.isEnabled ?? true,
  });
}

/** One team. */
export function useTeam(id: number) {
  return useQuery({
    queryKey: queryKeys.team(id),
    queryFn: ({ signal }) => http.get<Team>(`/teams/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

function useTeamChanged() {
  const client = useQueryClient();
  return (team?: Team) => {
    if (team) client.setQueryData(queryKeys.team(team.id), team);
    return client.invalidateQueries({ queryKey: queryKeys.teams });
  };
}

/** Creates a team. */
export function useCreateTeam() {
  const changed = useTeamChanged();
  return useMutation({
    mutationFn: (body: NewTeam) => http.post<Team>('/teams', body),
    onSuccess: (team) => changed(team),
  });
}

/** Renames or redescribes a team. */
export function useUpdateTeam(id: number) {
  const changed = useTeamChanged();
  return useMutation({
    mutationFn: (body: UpdateTeam) => http.patch<Team>(`/teams/${id}`, body),
    onSuccess: (team) => changed(team),
  });
}

/** Deletes a team. */
export function useDeleteTeam() {
  const changed = useTeamChanged();
  return useMutation({
    mutationFn: (id: number) => http.delete<OkAnswer>(`/teams/${id}`),
    onSuccess: () => changed(),
  });
}

/** Adds a member to a team or changes their lead flag. */
export function usePutTeamMember(teamId: number) {
  const changed = useTeamChanged();
  return useMutation({
    mutationFn: ({ userId, ...body }: PutTeamMember & { userId: number }) =>
      http.put<Team>(`/teams/${teamId}/members/${userId}`, body),
    onSuccess: (team) => changed(team),
  });
}

/** Removes a member from a team. */
export function useDeleteTeamMember(teamId: number) {
  const changed = useTeamChanged();
  return useMutation({
    mutationFn: (userId: number) => http.delete<Team>(`/teams/${teamId}/members/${userId}`),
    onSuccess: (team) => changed(team),
  });
}
