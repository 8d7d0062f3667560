import type { IncomingMessage } from 'node:http';

/**
 * The caller's address as Fastify's `request.ip` gives it, for the verify pipeline, which runs before Fastify:
 * with `server.trustProxy` (every hop trusted), the first address `X-Forwarded-For` names, else the socket's.
 */
export function callerAddress(request: IncomingMessage, trustProxy: boolean): string | null {
  const socket = request.socket.remoteAddress ?? null;
  if (!trustProxy) return socket;
  const header = request.headers['x-forwarded-for'];
  const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
  return first ? first : socket;
}
