/**
 * One Portcullis process as an operator runs it: `portcullis init --json` for the platform key, then
 * `portcullis serve` on a free loopback port, waited for until it answers.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort, postJson, stringField } from '../lib/client.ts';
import { pinned, runToEnd, spawnTracked, type Tracked } from '../lib/processes.ts';
import type { ScenarioContext } from '../lib/scenario.ts';

const initTimeoutMs = 60_000;
const startTimeoutMs = 30_000;
const seedConcurrency = 16;

/** The CLI of a checkout: this one, or a baseline to compare with (`BENCH_BASELINE`). */
export const cliPathIn = (root: URL) => fileURLToPath(new URL('src/cli/main.ts', root));

export interface PortcullisNode {
  baseUrl: string;
  process: Tracked;
}

/** `portcullis init --json`: migrates the store and prints the first platform key, which this returns. */
export async function initPortcullis(cliPath: string, env: NodeJS.ProcessEnv): Promise<string> {
  const init = spawnTracked('portcullis init', process.execPath, [cliPath, 'init', '--json'], { env });
  return parsePlatformKey(await runToEnd(init, initTimeoutMs));
}

/**
 * `portcullis serve` pinned to `cpu`, with `PORT` free; resolves once it answers HTTP on the verify route.
 * `BENCH_CPU_PROF=<dir>` makes it write a V8 CPU profile to `<dir>` when it stops.
 */
export async function servePortcullis(options: {
  cliPath: string;
  env: NodeJS.ProcessEnv;
  cpu: number;
  label: string;
  logFile: string;
  auth: Record<string, string>;
}): Promise<PortcullisNode> {
  const port = await freePort();
  const profileDir = process.env.BENCH_CPU_PROF;
  const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const [command, args] = pinned(options.cpu, process.execPath, [...profile, options.cliPath, 'serve']);
  const child = spawnTracked(options.label, command, args, {
    env: { ...options.env, PORT: String(port) },
    logFile: options.logFile,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilServing(child, `${baseUrl}/api/v1/verify`, options.auth);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { baseUrl, process: child };
}

export function gitRevision(root: URL): string {
  try {
    const revision = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, stdio: 'pipe' });
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], {
      cwd: root,
      stdio: 'pipe',
    });
    return `${revision.toString().trim()}${dirty.length > 0 ? '+dirty' : ''}`;
  } catch {
    return 'no commit';
  }
}

/**
 * The platform key `init --json` made: read from the file it names (`platformKeyFile`), or, from a build older
 * than decision 024 (a `BENCH_BASELINE` checkout), taken from the `platformKey` it printed.
 */
function parsePlatformKey(stdout: string): string {
  for (const line of stdout.trim().split('\n').reverse()) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue; // Not the JSON line.
    }
    if (typeof parsed !== 'object' || parsed === null) continue;
    if ('platformKeyFile' in parsed && typeof parsed.platformKeyFile === 'string')
      return readFileSync(parsed.platformKeyFile, 'utf8').trim();
    if ('platformKey' in parsed && typeof parsed.platformKey === 'string') return parsed.platformKey;
  }
  throw new Error('`portcullis init --json` printed no {"platformKeyFile":"…"} line');
}

/** Polls until the server answers any HTTP response on the verify route; fails fast if it exits. */
async function waitUntilServing(child: Tracked, url: string, headers: Record<string, string>): Promise<void> {
  let exited: number | string | undefined;
  void child.exited.then((status) => {
    exited = status;
  });
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      const tail = child.stderrTail();
      const lastLine = tail.split('\n').at(-1)?.trim() ?? '';
      throw new Error(
        `portcullis serve exited (${exited}) before serving${lastLine === '' ? '' : `: ${lastLine}`}\n${tail}`,
      );
    }
    try {
      await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: '{"key":"bench-probe"}',
        signal: AbortSignal.timeout(1000),
      });
      return;
    } catch {
      await sleep(200);
    }
  }
  throw new Error(`portcullis serve did not answer HTTP within ${startTimeoutMs / 1000} s`);
}

/** Issues the keys through the API with a bounded number of requests in flight. */
export async function issueKeys(
  url: string,
  headers: Record<string, string>,
  context: ScenarioContext,
): Promise<string[]> {
  const keys = new Array<string>(context.keyCount);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < context.keyCount) {
      const index = next++;
      const issued = await postJson(url, headers, { name: `k${index}`, mode: 'live', type: 'secret' }, 201);
      keys[index] = stringField(issued, 'key', 'POST /api/v1/tenants/{id}/keys');
    }
  };
  await Promise.all(Array.from({ length: seedConcurrency }, worker));
  return keys;
}

/** Verifies each key once, a bounded number in flight; each must be valid. */
export async function verifyAll(
  verifyUrl: string,
  headers: Record<string, string>,
  keys: readonly string[],
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < keys.length) {
      const key = keys[next++];
      const verified = await postJson(verifyUrl, headers, { key }, 200);
      if ((verified as { valid?: unknown }).valid !== true) {
        throw new Error(`a seeded key did not verify: ${JSON.stringify(verified).slice(0, 300)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: seedConcurrency }, worker));
}
