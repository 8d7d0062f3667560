/**
 * The webhook benchmark's receiver: answers every delivery 204 at once and notes when each `webhook-id` first
 * arrived. `GET /arrivals` answers them as JSON (`{"count":n,"first":{"<id>":ms,…}}`).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const first = new Map<string, number>();
let count = 0;
const server = createServer((request, response) => {
  if (request.method === 'GET') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ count, first: Object.fromEntries(first) }));
    return;
  }
  request.resume();
  request.on('end', () => {
    const id = String(request.headers['webhook-id']);
    count += 1;
    if (!first.has(id)) first.set(id, Date.now());
    response.writeHead(204).end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
