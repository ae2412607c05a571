import net from 'node:net';

/** A running raw TCP server on 127.0.0.1. */
export interface SocketTarget {
  port: number;
  /** Connections accepted so far. */
  connectionCount(): number;
  close(): Promise<void>;
}

/**
 * Starts a TCP server on 127.0.0.1 that accepts connections and then either never answers
 * (`hold`: the classic hung server; TLS handshakes hang too) or closes them at once (`close`).
 */
export async function startSocketTarget(mode: 'hold' | 'close'): Promise<SocketTarget> {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    socket.on('error', () => undefined);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if (mode === 'close') {
      // Reading lets the socket see the client's FIN and finish closing.
      socket.resume();
      socket.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    connectionCount: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 where nothing listens (taken from the OS, then released): connecting is refused. */
export async function findClosedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
