import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the receiver answers one request: a status (with headers and body), or no answer at all. */
export type ReceiverReply =
  | { status: number; headers?: Record<string, string>; body?: string }
  | { hang: true };

/** A request the receiver got, with when it arrived (Date.now()). */
export interface ReceivedWebhook {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  receivedAt: number;
}

/** A running receiver on 127.0.0.1. */
export interface WebhookReceiver {
  port: number;
  url(path?: string): string;
  requests: ReceivedWebhook[];
  /** replies to use, in order, before falling back to the default (200) */
  script(replies: ReceiverReply[]): void;
  /** the reply once the script is used up */
  setDefault(reply: ReceiverReply): void;
  /** resolves when `count` requests have arrived; rejects after `timeoutMs` */
  waitForRequests(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

/**
 * Starts an HTTP receiver for notification tests: it records every request and answers from a
 * script (500, 429 with Retry-After, a hang that never answers, ...), then 200 by default.
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: ReceivedWebhook[] = [];
  let replies: ReceiverReply[] = [];
  let fallback: ReceiverReply = { status: 200, body: 'ok' };
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        path: request.url ?? '/',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: Date.now(),
      });
      for (const waiter of waiters.filter((w) => requests.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      const reply = replies.shift() ?? fallback;
      // A hang keeps the connection open with no answer, until the client gives up.
      if ('hang' in reply) return;
      response.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers });
      response.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    requests,
    script(list) {
      replies = [...list];
    },
    setDefault(reply) {
      fallback = reply;
    },
    waitForRequests(count, timeoutMs = 10_000) {
      if (requests.length >= count) return Promise.resolve(requests.slice());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`the receiver got ${requests.length} of ${count} requests`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(requests.slice());
          },
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
