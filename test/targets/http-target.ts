import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

/** How one path of a test HTTP target answers. */
export interface HttpRoute {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Wait this long before sending the headers. */
  delayMs?: number;
  /** Send the body one byte at a time, every `intervalMs` (default 1000), `bytes` bytes in all. */
  trickle?: { bytes?: number; intervalMs?: number };
  /** Answer with this status (default 302) and a Location header. */
  redirectTo?: string;
  /** Full control, for anything the fields above cannot say. */
  handle?: (request: http.IncomingMessage, response: http.ServerResponse) => void;
}

/** A request the target received, for assertions on what a probe sent. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  remotePort: number | undefined;
}

/** A running test HTTP(S) server on 127.0.0.1. */
export interface HttpTarget {
  port: number;
  origin: string;
  url(path: string): string;
  requests: ReceivedRequest[];
  /** How many TCP (or TLS) connections the server accepted. */
  connectionCount(): number;
  close(): Promise<void>;
}

function answer(route: HttpRoute, request: http.IncomingMessage, response: http.ServerResponse): void {
  if (route.handle) {
    route.handle(request, response);
    return;
  }
  const timers: NodeJS.Timeout[] = [];
  response.on('close', () => {
    for (const timer of timers) clearTimeout(timer);
  });
  const respond = () => {
    if (route.redirectTo !== undefined) {
      response.writeHead(route.status ?? 302, { location: route.redirectTo, ...route.headers });
      response.end();
      return;
    }
    if (route.trickle) {
      const total = route.trickle.bytes ?? 60;
      const interval = route.trickle.intervalMs ?? 1000;
      response.writeHead(route.status ?? 200, {
        'content-type': 'text/plain',
        'content-length': String(total),
        ...route.headers,
      });
      let sent = 0;
      const tick = () => {
        if (response.destroyed) return;
        response.write('x');
        sent += 1;
        if (sent >= total) response.end();
        else timers.push(setTimeout(tick, interval));
      };
      tick();
      return;
    }
    response.writeHead(route.status ?? 200, {
      'content-type': 'text/plain; charset=utf-8',
      ...route.headers,
    });
    response.end(route.body ?? 'OK');
  };
  if (route.delayMs) timers.push(setTimeout(respond, route.delayMs));
  else respond();
}

/**
 * Starts an HTTP server on 127.0.0.1 (a free port) that answers `routes` by path; unknown paths
 * get 404. Pass `tls` (key and certificate PEM) for HTTPS, and `maxVersion` to cap its protocol.
 */
export async function startHttpTarget(
  routes: Record<string, HttpRoute>,
  tls?: { key: string; cert: string; maxVersion?: 'TLSv1.2' | 'TLSv1.3' },
): Promise<HttpTarget> {
  const requests: ReceivedRequest[] = [];
  let connections = 0;
  const listener = (request: http.IncomingMessage, response: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      requests.push({
        method: request.method ?? '',
        path: request.url ?? '/',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        remotePort: request.socket.remotePort,
      });
      const route = routes[path];
      if (route) answer(route, request, response);
      else {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('not found');
      }
    });
  };
  const server = tls
    ? https.createServer({ key: tls.key, cert: tls.cert, maxVersion: tls.maxVersion }, listener)
    : http.createServer(listener);
  server.on(tls ? 'secureConnection' : 'connection', () => {
    connections += 1;
  });
  // A failed handshake (an untrusted certificate, seen by the client) is expected in these tests.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    port,
    origin,
    url: (path) => `${origin}${path}`,
    requests,
    connectionCount: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
