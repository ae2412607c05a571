import type { ApiClient } from '../server/features/configuration/configuration.section';
import { AppError, ErrorBody } from '../shared/errors';
import { CliError } from './support';

/** Which server to talk to and how to prove who we are. */
export interface RemoteOptions {
  server: string;
  token: string;
  /** per-request timeout */
  timeoutMs?: number;
}

/** The server URL, checked: http or https only, nothing after the host but an optional path. */
export function parseServerUrl(server: string): URL {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new CliError(`--server ${server} is not a URL (e.g. https://regia.example.com)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CliError('--server must be an http or https URL');
  if (url.username || url.password) throw new CliError('--server must not carry credentials; use --token');
  return url;
}

/** A client of a Regia server's REST API (`/api/v1`) authenticated by an API token. */
export function createApiClient(options: RemoteOptions): ApiClient {
  const base = parseServerUrl(options.server);
  const root = `${base.origin}${base.pathname.replace(/\/+$/, '')}/api/v1`;
  const request = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(`${root}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'error',
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new CliError(
        `Cannot reach ${base.origin}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const text = await response.text();
    if (!response.ok) {
      const parsed = ErrorBody.safeParse(safeJson(text));
      if (parsed.success) {
        const { code, message, details } = parsed.data.error;
        throw new AppError(code, `${method} ${path}: ${message} (HTTP ${response.status})`, details);
      }
      throw new CliError(`${method} ${path}: HTTP ${response.status}`);
    }
    return safeJson(text) as T;
  };
  return {
    get: (path, query) => {
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(query ?? {}))
        if (value !== undefined) search.set(key, String(value));
      const suffix = search.size > 0 ? `?${search}` : '';
      return request('GET', `${path}${suffix}`);
    },
    send: (method, path, body) => request(method, path, body),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
