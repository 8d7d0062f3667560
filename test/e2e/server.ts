import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUITE_VOCABULARY_PATH } from '../support/vocabulary.ts';

/** The repository root: children run from here so `src/cli/main.ts` and `bin/portcullis.js` resolve. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'src/cli/main.ts');

const HEALTH_ATTEMPTS = 150;
const HEALTH_INTERVAL_MS = 100;
const STOP_TIMEOUT_MS = 10_000;
const CLI_TIMEOUT_MS = 30_000;

export type Env = Record<string, string>;

/**
 * The parent's environment without anything that would point a child at another database or config. A child
 * given no config runs on the suite's vocabulary and plans; `PORTCULLIS_CONFIG: ''` gives it the built-in ones.
 */
function childEnv(extra: Env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    'PORTCULLIS_CONFIG',
    'DATABASE_URL',
    'REDIS_URL',
    'PORTCULLIS_PEPPER',
    'PORTCULLIS_MASTER_KEY',
    'PORT',
    'HOST',
  ])
    delete env[name];
  delete env.NODE_OPTIONS;
  delete env.NODE_TEST_CONTEXT;
  return { ...env, PORTCULLIS_CONFIG: SUITE_VOCABULARY_PATH, ...extra };
}

export async function makeTempDir(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `portcullis-e2e-${label}-`));
}

export async function removeDir(path: string | undefined): Promise<void> {
  if (path) await rm(path, { recursive: true, force: true });
}

/** A port nobody listens on right now: bind port 0, read it, release it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one CLI command to completion (bounded), e.g. `runCli(['init', '--json'], { PORTCULLIS_DATA_DIR })`, from
 * the repository root unless `options.cwd` says where, with this Node unless `options.node` names another, and
 * `options.nodeOptions` before the entry file.
 */
export function runCli(
  args: string[],
  env: Env,
  entry: string = MAIN,
  options: { cwd?: string; node?: string; nodeOptions?: string[] } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.node ?? process.execPath, [...(options.nodeOptions ?? []), entry, ...args], {
      cwd: options.cwd ?? ROOT,
      env: childEnv(env),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`portcullis ${args.join(' ')} did not finish in ${CLI_TIMEOUT_MS} ms\n${stderr}`));
    }, CLI_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** A CLI command that runs until stopped (`audit tail`): its output so far, and a way to stop it. */
export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** SIGINT, as Ctrl-C sends, then wait (bounded) for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export function spawnCli(args: string[], env: Env): CliProcess {
  const child = spawn(process.execPath, [MAIN, ...args], { cwd: ROOT, env: childEnv(env) });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    stop() {
      const exited = waitForExit(child, STOP_TIMEOUT_MS);
      child.kill('SIGINT');
      return exited;
    },
  };
}

export interface ServerProcess {
  url: string;
  dataDir: string;
  env: Env;
  child: ChildProcess;
  /** Everything the process wrote so far. */
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then wait (bounded) for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server pid ${child.pid} did not exit within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/**
 * Starts `portcullis serve` on `dataDir` (fresh or reused: a restart is another `startServer` on the same
 * dir) at 127.0.0.1 on a free port, or on `env.PORT` when given (a restart that keeps its URL, where discovery
 * fetches metadata; the issuer is the deployment's either way), and resolves once `/healthz` answers 200.
 */
export async function startServer(dataDir: string, env: Env = {}): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const fullEnv: Env = { PORTCULLIS_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(port), ...env };
  const child = spawn(process.execPath, [MAIN, 'serve'], { cwd: ROOT, env: childEnv(fullEnv) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const url = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    url,
    dataDir,
    env,
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = waitForExit(child, STOP_TIMEOUT_MS);
      child.kill('SIGTERM');
      return exited;
    },
  };
  for (let attempt = 0; attempt < HEALTH_ATTEMPTS; attempt++) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (response.status === 200) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, HEALTH_INTERVAL_MS));
  }
  child.kill('SIGKILL');
  await waitForExit(child, STOP_TIMEOUT_MS).catch(() => undefined);
  throw new Error(`server did not become healthy on ${url}\nstdout:\n${stdout}\nstderr:\n${stderr}`);
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test convenience for reading JSON fields
  body: any;
}

/**
 * One real HTTP call. `auth` is a full Authorization header value such as `Bearer pk_live_…`; `headers` are sent
 * as well (e.g. a management key pair's `X-Api-Key` and `X-Api-Secret`).
 */
export async function call(
  server: Pick<ServerProcess, 'url'>,
  method: string,
  path: string,
  options: { auth?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth) headers.authorization = options.auth;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    signal: AbortSignal.timeout(5000),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

/** Where `init` and a first `serve` write the first platform key, in the data directory (decision 024). */
export function firstPlatformKeyFile(dataDir: string): string {
  return join(dataDir, 'first-platform-key');
}

/** The first platform key a first `serve` (or `init`) wrote to its data directory; undefined if it wrote none. */
export function firstPlatformKey(server: Pick<ServerProcess, 'dataDir'>): string | undefined {
  const path = firstPlatformKeyFile(server.dataDir);
  return existsSync(path) ? readFileSync(path, 'utf8').trim() : undefined;
}

/** A client-credentials token request, the client authenticated with HTTP Basic. */
export async function clientToken(
  server: Pick<ServerProcess, 'url'>,
  clientId: string,
  secret: string,
): Promise<ApiResponse> {
  const response = await fetch(`${server.url}/api/v1/platform/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
    signal: AbortSignal.timeout(5000),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: text ? JSON.parse(text) : undefined,
  };
}
