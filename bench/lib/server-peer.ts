/**
 * The contract between the runner and a peer written as a bench server script (`bench/peers/*.ts` run as a
 * child process): the runner passes the key count and file paths in the environment; the script seeds that
 * many keys (or tokens), writes them one per line to `BENCH_KEYS_FILE`, listens on 127.0.0.1 and prints one
 * line `BENCH_READY {"port":…,"versions":{…},"settings":{…}}`, plus `path` and `headers` when the endpoint under
 * load is not `/api/v1/verify` or needs a credential (a token endpoint and its client's Basic header).
 */
import { writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const readyPrefix = 'BENCH_READY';

export interface PeerEnv {
  keyCount: number;
  keysFile: string;
  workDir: string;
}

export interface ReadyInfo {
  port: number;
  /** The endpoint under load, when it is not `/api/v1/verify` (a token endpoint). */
  path?: string;
  /** Headers every request needs (a client's `Authorization: Basic`). */
  headers?: Record<string, string>;
  /** Package versions that matter for this peer, shown with the results. */
  versions: Record<string, string>;
  /** How the peer was configured, where that bears on fairness. */
  settings: Record<string, unknown>;
}

export function readPeerEnv(env: NodeJS.ProcessEnv = process.env): PeerEnv {
  const keyCount = Number(env.BENCH_KEY_COUNT);
  const keysFile = env.BENCH_KEYS_FILE;
  const workDir = env.BENCH_WORK_DIR;
  if (!Number.isInteger(keyCount) || keyCount <= 0 || keysFile === undefined || workDir === undefined) {
    throw new Error(
      'run this through bench/run.ts: BENCH_KEY_COUNT, BENCH_KEYS_FILE and BENCH_WORK_DIR are unset',
    );
  }
  return { keyCount, keysFile, workDir };
}

export async function writeKeys(file: string, keys: readonly string[]): Promise<void> {
  await writeFile(file, `${keys.join('\n')}\n`);
}

/** Listens on a free loopback port: load only ever targets 127.0.0.1. */
export function listenOnLoopback(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

export function announceReady(info: ReadyInfo): void {
  process.stdout.write(`${readyPrefix} ${JSON.stringify(info)}\n`);
}

const bodyLimitBytes = 64 * 1024;

/** Reads a small request body; `undefined` when it is too large. */
export function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= bodyLimitBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > bodyLimitBytes ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The `key` field of a `{"key":"…"}` body, or `undefined` for anything else. */
export function keyFromBody(body: string | undefined): string | undefined {
  if (body === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'key' in parsed && typeof parsed.key === 'string') {
      return parsed.key;
    }
  } catch {
    // Not JSON: answered as a bad request below.
  }
  return undefined;
}

function sendJson(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * A peer's verify server: `POST /api/v1/verify` with `{"key": …}` is answered with `verify(key)` as JSON; any
 * other request gets 404, a body without a key 400, and a throwing `verify` 500.
 */
export function createVerifyServer(verify: (key: string) => unknown): Server {
  return createServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/api/v1/verify')
      return sendJson(res, 404, '{"error":"not_found"}');
    const key = keyFromBody(await readBody(req));
    if (key === undefined) return sendJson(res, 400, '{"error":"bad_request"}');
    try {
      sendJson(res, 200, JSON.stringify(await verify(key)));
    } catch {
      sendJson(res, 500, '{"error":"internal"}');
    }
  });
}
