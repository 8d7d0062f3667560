import assert from 'node:assert/strict';
import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';

/** The port a test app listens on after `listen({ port: 0 })`. */
export function portOf(app: FastifyInstance): number {
  const address = app.server.address();
  assert.ok(address && typeof address === 'object');
  return address.port;
}

/**
 * Writes raw bytes to a new TCP connection and resolves with everything the server sent once it closes the
 * connection. A server that answers before reading all we sent may reset the connection after its answer;
 * what arrived before that is still what it said.
 */
export function exchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

export interface RawResponse {
  statusLine: string;
  headers: Map<string, string>;
  body: string;
}

/** Splits one HTTP/1.1 response into its status line, headers (lower-cased names) and body. */
export function parseRawResponse(text: string): RawResponse {
  const end = text.indexOf('\r\n\r\n');
  assert.ok(end > 0, `not an HTTP response: ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const headers = new Map(
    lines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()] as const;
    }),
  );
  return { statusLine, headers, body: text.slice(end + 4) };
}
