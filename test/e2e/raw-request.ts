// An HTTP/1.1 request over a bare socket whose body is sent in two steps, so a test can hold a request open on the
// server (its headers read, its body not yet whole) while something else happens, then let it finish.
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const TIMEOUT_MS = 10_000;

export interface HeldRequest {
  /**
   * Sends the rest of the body; resolves with the final answer (after the interim `100 Continue`). The client
   * keeps the connection open, as a load balancer would: only the server closes it.
   */
  finish(): Promise<RawResponse>;
}

/** Splits a buffer holding one whole response (status line, headers, Content-Length body), or undefined. */
function parseResponse(text: string): RawResponse | undefined {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = text.slice(end + 4);
  const length = Number(headers['content-length'] ?? 0);
  if (Buffer.byteLength(body) < length) return undefined;
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

/**
 * Opens a connection to `url`, sends the request line and headers with `Expect: 100-continue` and all of `body`
 * but its last byte, and resolves once the server has answered `100 Continue`: the server has read the headers
 * and is handling the request, which cannot complete until `finish()` sends the last byte.
 */
export function holdRequest(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<HeldRequest> {
  const { hostname, port } = new URL(url);
  const socket: Socket = connect(Number(port), hostname);
  let received = '';
  let ended = false;
  /** Called on every change: new bytes, or the connection's end. */
  let onChange: (() => void) | undefined;
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    received += chunk;
    onChange?.();
  });
  // A refused or reset connection ends like a closed one: the waiting step reports it.
  socket.on('error', () => undefined);
  socket.on('close', () => {
    ended = true;
    onChange?.();
  });
  const waitFor = <T>(found: () => T | undefined, what: string) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => fail(new Error(`no ${what} from ${url}${path}:\n${received}`)),
        TIMEOUT_MS,
      );
      const fail = (error: Error) => {
        clearTimeout(timer);
        onChange = undefined;
        reject(error);
      };
      onChange = () => {
        const value = found();
        if (value !== undefined) {
          clearTimeout(timer);
          onChange = undefined;
          resolve(value);
        } else if (ended) fail(new Error(`connection closed before ${what}:\n${received}`));
      };
      onChange();
    });
  const head = [
    `${method} ${path} HTTP/1.1`,
    `host: ${hostname}:${port}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    `content-length: ${Buffer.byteLength(body)}`,
    'expect: 100-continue',
  ].join('\r\n');
  socket.write(`${head}\r\n\r\n${body.slice(0, -1)}`);
  const interim = 'HTTP/1.1 100 Continue\r\n\r\n';
  return waitFor(() => (received.startsWith(interim) ? true : undefined), '100 Continue').then(() => ({
    async finish() {
      if (!ended) socket.write(body.slice(-1));
      const response = await waitFor(() => parseResponse(received.slice(interim.length)), 'answer');
      return response;
    },
  }));
}
