import type { IncomingMessage } from 'node:http';
import secureJson from 'secure-json-parse';
import { PortcullisError } from '../core/errors.ts';

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/**
 * JSON the way the framework's parser reads it (`onProtoPoisoning` and `onConstructorPoisoning` set to
 * 'error'): a body carrying `__proto__` or `constructor.prototype` is refused as unreadable, 400.
 */
function parseJson(text: string): unknown {
  try {
    return secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch {
    throw new PortcullisError('bad_request', 'the request body is not valid JSON');
  }
}

/**
 * Reads a JSON body of at most `limit` bytes and hands it to `done`; a wrong content type is 415, a body over
 * the limit 413 the moment the limit is passed (the rest is read and thrown away, so the connection stays
 * usable), an unreadable one 400, each handed to `fail` once. Callbacks rather than a promise: the verify
 * path has nothing else to wait for.
 */
export function readJsonBody(
  request: IncomingMessage,
  limit: number,
  done: (json: unknown) => void,
  fail: (error: PortcullisError) => void,
): void {
  const type = request.headers['content-type'];
  if (typeof type !== 'string' || !JSON_TYPE.test(type)) {
    discardBody(request);
    fail(new PortcullisError('unsupported_media_type'));
    return;
  }
  if (Number(request.headers['content-length'] ?? 0) > limit) {
    discardBody(request);
    fail(tooLarge());
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  const settle = (): boolean => {
    if (settled) return false;
    settled = true;
    return true;
  };
  request.on('data', (chunk: Buffer) => {
    if (settled) return;
    size += chunk.length;
    if (size <= limit) {
      chunks.push(chunk);
      return;
    }
    settle();
    chunks.length = 0;
    fail(tooLarge());
  });
  // A stream error (a client that went away mid-body): answer if the socket still takes it, once.
  request.on('error', () => {
    if (settle()) fail(new PortcullisError('bad_request', 'the request body could not be read'));
  });
  request.on('end', () => {
    if (!settle()) return;
    let json: unknown;
    try {
      json = parseJson(Buffer.concat(chunks).toString('utf8'));
    } catch (error) {
      return fail(error as PortcullisError);
    }
    done(json);
  });
}

/**
 * 413, closing the connection once answered: the client may still be sending, and what it sends is not read
 * (the framework's own parser answers the same way).
 */
function tooLarge(): PortcullisError {
  return new PortcullisError('payload_too_large', undefined, { headers: { connection: 'close' } });
}

/** Reads whatever body is left and drops it: the answer is already decided, the connection stays usable. */
export function discardBody(request: IncomingMessage): void {
  request.resume();
}
