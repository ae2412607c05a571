import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './http';

/** Client errors (4xx) are answers, not glitches: retry only network failures and 5xx, twice. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

/** The one query client of the app. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: shouldRetry, staleTime: 15_000, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

/** Query keys, in one place so invalidations match what pages read. */
export const queryKeys = {
  me: ['me'] as const,
  setup: ['setup'] as const,
  items: ['items'] as const,
  item: (id: number) => ['items', 'one', id] as const,
  graph: ['graph'] as const,
  teams: ['teams'] as const,
  team: (id: number) => ['teams', 'one', id] as const,
  users: ['users'] as const,
  audit: ['audit'] as const,
  tokens: ['tokens'] as const,
};
