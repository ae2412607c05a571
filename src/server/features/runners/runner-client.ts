import {
  RunnerChecks,
  type RunnerReportAck,
  RunnerReportAck as RunnerReportAckSchema,
  type RunnerResult,
} from '../../../shared/contracts/runners';
import { ErrorBody } from '../../../shared/errors';

/** The server answered with an error status. */
export class RunnerRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'RunnerRequestError';
  }

  /** The token is unknown, revoked, or not a runner's. */
  get isRefusal(): boolean {
    return this.status === 401 || this.status === 403;
  }

  /** Worth sending again later: the server is busy, failing or restarting. */
  get isRetryable(): boolean {
    return this.status >= 500 || this.status === 429 || this.status === 408;
  }
}

/** The server could not be reached (refused, reset, timed out, DNS). */
export class RunnerUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunnerUnreachableError';
  }
}

export interface RunnerClientOptions {
  /** the server's base URL, e.g. https://regia.example.com */
  server: string;
  /** the runner's token, `rr_…` */
  token: string;
  /** per-request timeout (default 30 s) */
  timeoutMs?: number;
}

export interface RunnerClient {
  /** The runner's checks, or `null` when they have not changed since `version`. */
  fetchChecks(version: string | null): Promise<RunnerChecks | null>;
  /** Sends results; resolves once the server has stored them. */
  sendReport(results: RunnerResult[]): Promise<RunnerReportAck>;
}

function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'timed out';
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}

/** A client of the runner API (`/api/v1/runner/…`), authenticated by the runner token. */
export function createRunnerClient(options: RunnerClientOptions): RunnerClient {
  const base = new URL(options.server);
  const root = `${base.origin}${base.pathname.replace(/\/+$/, '')}/api/v1`;
  const timeoutMs = options.timeoutMs ?? 30_000;

  const call = async (method: string, path: string, init: { body?: unknown; etag?: string | null }) => {
    let response: Response;
    try {
      response = await fetch(`${root}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.token}`,
          accept: 'application/json',
          ...(init.etag ? { 'if-none-match': `"${init.etag}"` } : {}),
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new RunnerUnreachableError(`cannot reach ${base.origin}: ${describeCause(error)}`);
    }
    if (response.status === 304) return { status: 304, body: undefined };
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new RunnerUnreachableError(`the answer of ${base.origin} was cut: ${describeCause(error)}`);
    }
    const body = parseJson(text);
    if (!response.ok) {
      const parsed = ErrorBody.safeParse(body);
      const message = parsed.success ? parsed.data.error.message : text.slice(0, 200) || response.statusText;
      throw new RunnerRequestError(response.status, `${method} ${path}: HTTP ${response.status}: ${message}`);
    }
    return { status: response.status, body };
  };

  return {
    async fetchChecks(version) {
      const answer = await call('GET', '/runner/checks', { etag: version });
      if (answer.status === 304) return null;
      const parsed = RunnerChecks.safeParse(answer.body);
      if (!parsed.success) {
        throw new RunnerRequestError(
          answer.status,
          'the server answered a check list this runner cannot read (versions differ?)',
        );
      }
      return parsed.data;
    },
    async sendReport(results) {
      const answer = await call('POST', '/runner/results', { body: { results } });
      const parsed = RunnerReportAckSchema.safeParse(answer.body);
      // The results are stored once the server answered 2xx, whatever the body says.
      return parsed.success ? parsed.data : { accepted: results.length, refused: [] };
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
