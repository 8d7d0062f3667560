/**
 * Portcullis itself, started through its CLI exactly as an operator would: `init --json` for the platform key,
 * then `serve` pinned to the server CPU, configured by bench/portcullis.bench.json (one plan whose rate limit no
 * run can reach, one resource server for access tokens). What is seeded depends on the workload: API keys issued
 * through the HTTP API (or, for the 1,000,000-key scenario, written straight into the data directory by
 * `seedKeysDirect`, see portcullis-seed-direct.ts); one API client for token issuance; access tokens from a few
 * clients for JWT verification (see portcullis-oauth.ts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startPostgres } from '../../test/support/postgres.ts';
import { freePort, postJson, stringField, withTimeout } from '../lib/client.ts';
import { pinned, runToEnd, spawnTracked, type Tracked } from '../lib/processes.ts';
import { type RunningServer, type Scenario, type ScenarioContext, serverCpu } from '../lib/scenario.ts';
import { packageVersion, projectVersion, repoRoot } from '../lib/versions.ts';
import { basicAuthorization, jwtClientCount, type WorkloadId } from '../lib/workloads.ts';
import { createBenchClient, issueBenchTokens, tokenPath } from './portcullis-oauth.ts';
import { loadSeedKeysDirect } from './portcullis-seed-direct.ts';

/** The checkout whose server a scenario runs: this one, or a baseline to compare with (`BENCH_BASELINE`). */
const cliPathIn = (root: URL) => fileURLToPath(new URL('src/cli/main.ts', root));
const configPath = fileURLToPath(new URL('bench/portcullis.bench.json', repoRoot));

const initTimeoutMs = 60_000;
const startTimeoutMs = 30_000;
const seedConcurrency = 16;
const directSeedTimeoutMs = 20 * 60_000;

export interface PortcullisScenarioOptions {
  id: string;
  label: string;
  /** Default: API-key verification. */
  workload?: WorkloadId;
  /** Overrides the run's `--keys` (the 1M scenario; the clients or tokens of the OAuth workloads). */
  keyCount?: number;
  /** How API keys are seeded; the OAuth workloads always go through the HTTP API. */
  seeding: 'http' | 'direct';
  /** Sections of bench/portcullis.bench.json replaced for this scenario (a cache turned off). */
  configOverrides?: Record<string, unknown>;
  /** Another checkout whose server to run (a baseline build), with this checkout's bench config. */
  root?: URL;
  /** The store: SQLite in the data directory (default), or a throwaway PostgreSQL database. */
  database?: 'sqlite' | 'postgres';
}

export function portcullisScenario(options: PortcullisScenarioOptions): Scenario {
  const workload = options.workload ?? 'api-key-verify';
  const root = options.root ?? repoRoot;
  const cliPath = cliPathIn(root);
  return {
    id: options.id,
    label: options.label,
    workload,
    ...(options.keyCount === undefined ? {} : { keyCount: options.keyCount }),
    async unavailable() {
      if (options.seeding === 'direct' && (await loadSeedKeysDirect()) === undefined) {
        return {
          status: 'skipped',
          reason: 'seedKeysDirect is not wired in yet (bench/peers/portcullis-seed-direct.ts)',
        };
      }
      if (!existsSync(cliPath)) {
        return {
          status: 'failed',
          reason: 'Portcullis CLI not found at src/cli/main.ts (is the server written yet?)',
        };
      }
      return undefined;
    },
    start: (context) =>
      startPortcullis(context, workload, options.seeding, options.configOverrides, root, options.database),
  };
}

function gitRevision(root: URL): string {
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

interface Instance {
  baseUrl: string;
  process: Tracked;
}

async function startPortcullis(
  context: ScenarioContext,
  workload: WorkloadId,
  seeding: 'http' | 'direct',
  configOverrides: Record<string, unknown> | undefined,
  root: URL,
  database: 'sqlite' | 'postgres' = 'sqlite',
): Promise<RunningServer> {
  const cliPath = cliPathIn(root);
  // PostgreSQL: a fresh database on the throwaway cluster the test suite uses (one per bench run).
  const postgres = database === 'postgres' ? await startPostgres() : undefined;
  if (database === 'postgres' && postgres === undefined) throw new Error('PostgreSQL is not installed here');
  const dataDir = join(context.workDir, 'data');
  mkdirSync(dataDir, { recursive: true });
  let configFile = configPath;
  if (configOverrides !== undefined) {
    configFile = join(context.workDir, 'portcullis.json');
    const base = JSON.parse(await readFile(configPath, 'utf8')) as Record<string, unknown>;
    await writeFile(configFile, JSON.stringify({ ...base, ...configOverrides }, null, 2));
  }
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORTCULLIS_DATA_DIR: dataDir,
    PORTCULLIS_CONFIG: configFile,
    HOST: '127.0.0.1',
    ...(postgres === undefined ? {} : { DATABASE_URL: postgres.url }),
  };

  const init = spawnTracked('portcullis init', process.execPath, [cliPath, 'init', '--json'], { env });
  const platformKey = parsePlatformKey(await runToEnd(init, initTimeoutMs));
  const auth = { authorization: `Bearer ${platformKey}` };

  const serve = async (): Promise<Instance> => {
    const port = await freePort();
    // BENCH_CPU_PROF=<dir>: write a V8 CPU profile of each Portcullis server to <dir> when it stops.
    const profileDir = process.env.BENCH_CPU_PROF;
    const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
    const [command, args] = pinned(serverCpu, process.execPath, [...profile, cliPath, 'serve']);
    const child = spawnTracked('portcullis serve', command, args, {
      env: { ...env, PORT: String(port) },
      logFile: join(context.workDir, 'server.log'),
    });
    const baseUrl = `http://127.0.0.1:${port}`;
    try {
      await waitUntilServing(child, `${baseUrl}/api/v1/verify`, auth);
    } catch (error) {
      await child.stop();
      throw error;
    }
    return { baseUrl, process: child };
  };

  let instance = await serve();
  let endpointPath = '/api/v1/verify';
  let headers: Record<string, string> = auth;
  try {
    const tenant = await postJson(
      `${instance.baseUrl}/api/v1/tenants`,
      auth,
      { name: 'bench', plan: 'bench' },
      201,
    );
    const tenantId = stringField(tenant, 'id', 'POST /api/v1/tenants');
    if (workload === 'token-issuance') {
      const client = await createBenchClient(instance.baseUrl, auth, tenantId, 'bench');
      endpointPath = tokenPath;
      headers = { authorization: basicAuthorization(client.clientId, client.clientSecret) };
    } else if (workload === 'jwt-verify') {
      const clientCount = Math.min(jwtClientCount, context.keyCount);
      const tokens = await issueBenchTokens(instance.baseUrl, auth, tenantId, clientCount, context.keyCount);
      await writeFile(context.keysFile, `${tokens.join('\n')}\n`);
    } else if (seeding === 'http') {
      const keys = await issueKeys(`${instance.baseUrl}/api/v1/tenants/${tenantId}/keys`, auth, context);
      await writeFile(context.keysFile, `${keys.join('\n')}\n`);
    } else {
      const seedKeysDirect = await loadSeedKeysDirect();
      if (seedKeysDirect === undefined) throw new Error('seedKeysDirect is not wired in');
      // Write while the server is stopped, so nothing it caches can disagree with the store.
      await instance.process.stop();
      context.log(
        `seeding ${context.keyCount.toLocaleString('en-US')} keys directly into the data directory`,
      );
      const keys = await withTimeout(
        seedKeysDirect(dataDir, tenantId, context.keyCount),
        directSeedTimeoutMs,
        'seedKeysDirect',
      );
      instance = await serve();
      await writeFile(context.keysFile, `${keys.join('\n')}\n`);
    }
  } catch (error) {
    await instance.process.stop();
    await postgres?.stop();
    throw error;
  }

  const running = instance;
  return {
    url: `${running.baseUrl}${endpointPath}`,
    headers,
    pid: running.process.child.pid,
    versions: {
      portcullis: `${projectVersion()} (${gitRevision(root)})`,
      fastify: packageVersion('fastify'),
    },
    settings: {
      config: 'bench/portcullis.bench.json',
      ...(configOverrides === undefined ? {} : { configOverrides }),
      seeding: workload === 'api-key-verify' ? seeding : 'http',
      store:
        postgres === undefined
          ? 'SQLite (default, node:sqlite)'
          : 'PostgreSQL (throwaway cluster, fsync off)',
    },
    exitReason: () => running.process.exitReason(),
    stop: async () => {
      await running.process.stop();
      await postgres?.stop();
    },
  };
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
async function issueKeys(
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
