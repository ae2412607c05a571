import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Ok } from '../../../shared/contracts/common';
import type {
  NewProcedureAttachment,
  NewProcedureRun,
  NewProcedureTest,
  ProcedureAttachment,
  ProcedureRun,
  ProcedureRunList,
  ProcedureTest,
  ProcedureTestListQuery,
  ProcedureTestPage,
  UpdateProcedureTest,
} from '../../../shared/contracts/procedures';
import { apiBase, http } from '../../api/http';

type OkAnswer = z.infer<typeof Ok>;

/** Query keys of the procedure test pages. */
export const procedureKeys = {
  all: ['procedureTests'] as const,
  lists: ['procedureTests', 'list'] as const,
  one: (id: number) => ['procedureTests', 'one', id] as const,
  runs: (id: number) => ['procedureTests', 'one', id, 'runs'] as const,
};

/** The list query as the page keeps it. */
export type ProcedureFilter = Partial<Omit<ProcedureTestListQuery, 'overdue'>> & { overdue?: boolean };

/** One page of procedure tests with due date and state. */
export function useProcedureTests(filter: ProcedureFilter) {
  return useQuery({
    queryKey: [...procedureKeys.lists, filter],
    queryFn: ({ signal }) => http.get<ProcedureTestPage>('/procedure-tests', filter, signal),
    placeholderData: keepPreviousData,
  });
}

/** One procedure test. */
export function useProcedureTest(id: number) {
  return useQuery({
    queryKey: procedureKeys.one(id),
    queryFn: ({ signal }) => http.get<ProcedureTest>(`/procedure-tests/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** The recorded outcomes of one test, newest first. */
export function useProcedureRuns(id: number) {
  return useQuery({
    queryKey: procedureKeys.runs(id),
    queryFn: ({ signal }) =>
      http.get<z.infer<typeof ProcedureRunList>>(`/procedure-tests/${id}/runs`, undefined, signal),
  });
}

function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: procedureKeys.all });
}

/** Creates a procedure test. */
export function useCreateProcedureTest() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: NewProcedureTest) => http.post<ProcedureTest>('/procedure-tests', body),
    onSuccess: () => invalidate(),
  });
}

/** Changes a procedure test. */
export function useUpdateProcedureTest(id: number) {
  const client = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: UpdateProcedureTest) => http.patch<ProcedureTest>(`/procedure-tests/${id}`, body),
    onSuccess: (test) => {
      client.setQueryData(procedureKeys.one(id), test);
      return invalidate();
    },
  });
}

/** Deletes a procedure test with its history. */
export function useDeleteProcedureTest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => http.delete<OkAnswer>(`/procedure-tests/${id}`),
    onSuccess: (_answer, id) => {
      client.removeQueries({ queryKey: procedureKeys.one(id) });
      return client.invalidateQueries({ queryKey: procedureKeys.lists });
    },
  });
}

/** Reads a file into base64 (standard alphabet, padded). */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('cannot read the file'));
    reader.readAsDataURL(file);
  });
}

/** Records an outcome, then uploads its evidence files one by one. */
export function useRecordOutcome(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ run, files }: { run: NewProcedureRun; files: File[] }) => {
      const saved = await http.post<ProcedureRun>(`/procedure-tests/${id}/runs`, run);
      const attachments: ProcedureAttachment[] = [];
      const failed: { filename: string; error: unknown }[] = [];
      for (const file of files) {
        try {
          const body: NewProcedureAttachment = {
            filename: file.name,
            contentBase64: await fileToBase64(file),
          };
          attachments.push(
            await http.post<ProcedureAttachment>(`/procedure-tests/${id}/runs/${saved.id}/attachments`, body),
          );
        } catch (error) {
          failed.push({ filename: file.name, error });
        }
      }
      return { run: { ...saved, attachments: [...saved.attachments, ...attachments] }, failed };
    },
    onSettled: () => invalidate(),
  });
}

/** Adds one evidence file to a recorded outcome. */
export function useAddAttachment(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ runId, file }: { runId: number; file: File }) =>
      http.post<ProcedureAttachment>(`/procedure-tests/${id}/runs/${runId}/attachments`, {
        filename: file.name,
        contentBase64: await fileToBase64(file),
      } satisfies NewProcedureAttachment),
    onSuccess: () => client.invalidateQueries({ queryKey: procedureKeys.runs(id) }),
  });
}

/** Where an evidence file downloads from (the browser sends the session cookie). */
export function attachmentUrl(testId: number, runId: number, attachmentId: number): string {
  return `${apiBase}/procedure-tests/${testId}/runs/${runId}/attachments/${attachmentId}`;
}
