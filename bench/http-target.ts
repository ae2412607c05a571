import http from 'node:http';

/**
 * The HTTP target the checks benchmark probes, run in a child process so that its CPU is not
 * counted against Regia. Answers every request with 200 "ok" at once; each probe opens a fresh
 * connection, which the server accepts like any other. Reports its port to the parent over IPC.
 */
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
  response.end('ok');
});
// The default backlog (511) overflows when a few hundred probes start in the same millisecond.
server.listen({ host: '127.0.0.1', port: 0, backlog: 4096 }, () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the target has no TCP port');
  process.send?.({ port: address.port });
});
process.on('disconnect', () => process.exit(0));
