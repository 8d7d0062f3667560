import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import { type ErrorCode, PortcullisError } from '../core/errors.ts';
import { PROBLEM_CONTENT_TYPE, problemBody } from './problem.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

/** Node's client errors with a status of their own; any other (an `HPE_*` parser error) is a 400. */
const CLIENT_ERROR_CODES: Partial<Record<string, ErrorCode>> = {
  // RFC 6585 §5: 431 when the header section is larger than the server will process.
  HPE_HEADER_OVERFLOW: 'headers_too_large',
  // RFC 9110 §15.5.9: the headers or body did not arrive within the server's request timeout.
  ERR_HTTP_REQUEST_TIMEOUT: 'request_timeout',
};

/** A whole HTTP/1.1 response carrying the problem, for a socket that has no request or reply object. */
function rawProblemResponse(error: PortcullisError): string {
  const body = JSON.stringify(problemBody(error));
  const headers = {
    ...SECURITY_HEADERS,
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status]}\r\n${lines.join('')}\r\n${body}`;
}

/**
 * Answers Node's `clientError` (the parser refused the bytes, or they came too slowly) with a problem like
 * every other error, then closes the connection. `error.rawPacket` holds the raw request, credentials and
 * all, so only the error's code is logged.
 */
export function answerClientError(
  error: Error & { code?: string },
  socket: Duplex,
  logger: FastifyBaseLogger,
): void {
  // A reset connection is gone already; there is nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  logger.trace({ code: error.code }, 'client error');
  const code = CLIENT_ERROR_CODES[error.code ?? ''] ?? 'bad_request';
  // As Node does: no answer while a response to an earlier request on this connection is being written.
  const inFlight = (socket as { _httpMessage?: { headersSent: boolean } | null })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) socket.write(rawProblemResponse(new PortcullisError(code)));
  socket.destroy();
}
