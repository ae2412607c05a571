import i18next from 'i18next';
import { type ErrorCode, errorCodes, type FieldIssue } from '../../shared/errors';

/** A failed API call, carrying the server's error code, message and details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The field-level problems in `details` (validation, conflicts such as a used email), else empty. */
  get fieldIssues(): FieldIssue[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (issue): issue is FieldIssue =>
        typeof issue === 'object' &&
        issue !== null &&
        typeof (issue as FieldIssue).path === 'string' &&
        typeof (issue as FieldIssue).message === 'string',
    );
  }
}

export const apiBase = '/api/v1';

type QueryValue = string | number | boolean | null | undefined;

/** Builds `?a=1&b=2`, leaving out empty values so the server's defaults apply. */
export function toQueryString(query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

let onUnauthenticated: () => void = () => {};
let hasSessionEnded = false;

/** True after a signed-in call was refused with 401 (the login page says why); reset at sign-in. */
export function didSessionEnd(): boolean {
  return hasSessionEnded;
}

/** Forgets that a session ended, once the user has signed in again. */
export function clearSessionEnded(): void {
  hasSessionEnded = false;
}

/** Registers what happens when a signed-in call answers 401 (the app goes to the login page). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  /** When false, a 401 is only thrown (login form, "who am I" probe), not treated as a lost session. */
  isSessionRequired?: boolean;
  signal?: AbortSignal;
};

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's error page): fall through to a generic error.
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (error && isErrorCode(error.code) && typeof error.message === 'string') {
    return new ApiError(response.status, error.code, error.message, error.details);
  }
  const code: ErrorCode =
    response.status === 401 ? 'unauthenticated' : response.status >= 500 ? 'internal' : 'bad_request';
  return new ApiError(response.status, code, response.statusText || `HTTP ${response.status}`);
}

/** Calls the Regia API under /api/v1 with the session cookie; returns the parsed JSON answer. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, query, isSessionRequired = true, signal } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  // The server says its errors in this language when the account has no locale of its own.
  if (i18next.language) headers['Accept-Language'] = i18next.language;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${apiBase}${path}${query ? toQueryString(query) : ''}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'service_unavailable', 'The server cannot be reached');
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && isSessionRequired) {
      hasSessionEnded = true;
      onUnauthenticated();
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Shorthands for the verbs. */
export const http = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    request<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>(path, { method: 'POST', body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
  put: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PUT', body: body ?? {} }),
  delete: <T>(path: string) => request<T>(path, { method: 'DELETE' }),
};
