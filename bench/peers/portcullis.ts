/**
 * Portcullis itself, started through its CLI exactly as an operator would: `init --json` for the platform key,
 * then `serve` pinned to the server CPU, configured by bench/portcullis.bench.json (one plan whose rate limit no
 * run can reach, one resource server for access tokens). What is seeded depends on the workload: API keys issued
 * through the HTTP API (or, for the 1,000,000-key scenarios, written straight into the store by
 * `seedKeysDirect`, see portcullis-seed-direct.ts); one API client for token issuance; access tokens from a few
 * clients for JWT verification (see portcullis-oauth.ts).
 *
 * A scenario may also run on a throwaway PostgreSQL database instead of SQLite, with a throwaway Redis for its
 * rate limits (`REDIS_URL`), and as two nodes of one deployment: both on the same database and Redis with one
 * pepper and master key, node A pinned to CPU 0 and node B to CPU 1.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresAvailable, startPostgres } from '../../test/support/postgres.ts';
import { redisServerAvailable, startRedis } from '../../test/support/redis.ts';
import { postJson, stringField, withTimeout } from '../lib/client.ts';
import { canPin } from '../lib/processes.ts';
import { type RunningServer, type Scenario, type ScenarioContext, serverCpu } from '../lib/scenario.ts';
import { packageVersion, projectVersion, repoRoot } from '../lib/versions.ts';
import { basicAuthorization, jwtClientCount, type WorkloadId } from '../lib/workloads.ts';
import {
  cliPathIn,
  gitRevision,
  initPortcullis,
  issueKeys,
  type PortcullisNode,
  servePortcullis,
  verifyAll,
} from './portcullis-node.ts';
import { createBenchClient, issueBenchTokens, tokenPath } from './portcullis-oauth.ts';
import { loadSeedKeysDirect } from './portcullis-seed-direct.ts';

const configPath = fileURLToPath(new URL('bench/portcullis.bench.json', repoRoot));
const directSeedTimeoutMs = 20 * 60_000;
const verifyPath = '/api/v1/verify';

export interface PortcullisScenarioOptions {
  id: string;
  label: string;
  /** Default: API-key verification. */
  workload?: WorkloadId;
  /** Overrides the run's `--keys` (the 1M scenarios; the clients or tokens of the OAuth workloads). */
  keyCount?: number;
  /** How API keys are seeded; the OAuth workloads always go through the HTTP API. */
  seeding: 'http' | 'direct';
  /** Sections of bench/portcullis.bench.json replaced for this scenario (a cache turned off). */
  configOverrides?: Record<string, unknown>;
  /** Another checkout whose server to run (a baseline build), with this checkout's bench config. */
  root?: URL;
  /** The store: SQLite in the data directory (default), or a throwaway PostgreSQL database. */
  database?: 'sqlite' | 'postgres';
  /** A throwaway Redis, given as `REDIS_URL`: rate limits (verify's included) are counted there. */
  redis?: boolean;
  /** Two nodes of one deployment (PostgreSQL only); the load is spread over both. Default 1. */
  nodes?: 1 | 2;
}

export function portcullisScenario(options: PortcullisScenarioOptions): Scenario {
  const workload = options.workload ?? 'api-key-verify';
  const root = options.root ?? repoRoot;
  const cliPath = cliPathIn(root);
  if ((options.nodes ?? 1) > 1 && options.database !== 'postgres') {
    throw new Error(`${options.id}: several nodes share one PostgreSQL database`);
  }
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
      if (options.database === 'postgres' && !postgresAvailable()) {
        return { status: 'skipped', reason: 'PostgreSQL is not installed here (no initdb / pg_ctl)' };
      }
      if (options.redis && !redisAvailable()) {
        return { status: 'skipped', reason: 'Redis is not installed here (no redis-server)' };
      }
      return undefined;
    },
    start: (context) => startPortcullis(context, { ...options, workload, root }),
  };
}

function redisAvailable(): boolean {
  try {
    return redisServerAvailable();
  } catch {
    // Under CI=true a missing redis-server throws; here it only means the scenario cannot run.
    return false;
  }
}

/** The throwaway PostgreSQL database and Redis a scenario runs on, and what they add to its nodes' env. */
interface Backing {
  env: Record<string, string>;
  /** Command-line fragments of their processes: the database's backends, the Redis server. */
  commandLines: string[];
  settings: Record<string, string>;
  stop(): Promise<void>;
}

async function startBacking(
  database: 'sqlite' | 'postgres',
  redis: boolean,
  nodes: number,
): Promise<Backing> {
  // PostgreSQL: a fresh database on the throwaway cluster the test suite uses (one cluster per bench run).
  const postgres = database === 'postgres' ? await startPostgres() : undefined;
  if (database === 'postgres' && postgres === undefined) throw new Error('PostgreSQL is not installed here');
  const redisServer = redis
    ? await startRedis().catch(async (error: unknown) => {
        await postgres?.stop();
        throw error;
      })
    : undefined;
  if (redis && redisServer === undefined) {
    await postgres?.stop();
    throw new Error('Redis is not installed here');
  }
  // One node: Redis shares CPU 1 with the load generator, so the node has CPU 0 to itself as in every other
  // scenario. (Two nodes take both CPUs; Redis then runs where the scheduler puts it.)
  if (redisServer !== undefined && nodes === 1 && canPin())
    pinToCpu(`redis-server 127.0.0.1:${redisServer.port}`, 1);
  // A backend's process title is `postgres: <user> <database> <client> <state>`; Redis' is `redis-server <addr>`.
  const databaseName = postgres === undefined ? undefined : new URL(postgres.url).pathname.slice(1);
  return {
    env: {
      ...(postgres === undefined ? {} : { DATABASE_URL: postgres.url }),
      ...(redisServer === undefined ? {} : { REDIS_URL: redisServer.url }),
    },
    commandLines: [
      ...(databaseName === undefined ? [] : [` ${databaseName} `]),
      ...(redisServer === undefined ? [] : [`redis-server 127.0.0.1:${redisServer.port}`]),
    ],
    settings: {
      store:
        postgres === undefined
          ? 'SQLite (default, node:sqlite)'
          : 'PostgreSQL (throwaway cluster, fsync off)',
      ...(redisServer === undefined ? {} : { rateLimits: 'Redis (throwaway redis-server, no persistence)' }),
    },
    async stop() {
      await redisServer?.stop();
      await postgres?.stop();
    },
  };
}

type StartOptions = PortcullisScenarioOptions & { workload: WorkloadId; root: URL };

async function startPortcullis(context: ScenarioContext, options: StartOptions): Promise<RunningServer> {
  const { workload, seeding, configOverrides, root } = options;
  const nodeCount = options.nodes ?? 1;
  const cliPath = cliPathIn(root);
  let configFile = configPath;
  if (configOverrides !== undefined) {
    configFile = join(context.workDir, 'portcullis.json');
    const base = JSON.parse(await readFile(configPath, 'utf8')) as Record<string, unknown>;
    await writeFile(configFile, JSON.stringify({ ...base, ...configOverrides }, null, 2));
  }
  const backing = await startBacking(options.database ?? 'sqlite', options.redis ?? false, nodeCount);
  // Nodes of one deployment share its pepper and master key; one node keeps them in its data directory.
  const shared =
    nodeCount > 1
      ? {
          PORTCULLIS_PEPPER: `1:${randomBytes(32).toString('base64')}`,
          PORTCULLIS_MASTER_KEY: randomBytes(32).toString('base64'),
        }
      : {};
  const nodeEnv = (node: number) => {
    const dataDir = join(context.workDir, nodeCount > 1 ? `data-${nodeName(node)}` : 'data');
    mkdirSync(dataDir, { recursive: true });
    return {
      ...process.env,
      NODE_ENV: 'production',
      PORTCULLIS_DATA_DIR: dataDir,
      PORTCULLIS_CONFIG: configFile,
      HOST: '127.0.0.1',
      ...backing.env,
      ...shared,
    };
  };
  const envs = Array.from({ length: nodeCount }, (_, node) => nodeEnv(node));
  const firstEnv = envs[0] as NodeJS.ProcessEnv;
  const dataDir = firstEnv.PORTCULLIS_DATA_DIR as string;

  let nodes: PortcullisNode[] = [];
  const stopNodes = () => Promise.all(nodes.map((node) => node.process.stop()));
  // Node A on the server CPU; with two nodes, node B on the other one (2 cores: the load generator, PostgreSQL
  // and Redis then share them, unpinned).
  const serveAll = async (auth: Record<string, string>) => {
    nodes = [];
    for (const [node, env] of envs.entries()) {
      nodes.push(
        await servePortcullis({
          cliPath,
          env,
          cpu: nodeCount > 1 ? node : serverCpu,
          label: nodeCount > 1 ? `portcullis serve (node ${nodeName(node)})` : 'portcullis serve',
          logFile: join(context.workDir, nodeCount > 1 ? `server-${nodeName(node)}.log` : 'server.log'),
          auth,
        }),
      );
    }
  };

  let endpointPath = verifyPath;
  let headers: Record<string, string> = {};
  let tenantId = '';
  try {
    const platformKey = await initPortcullis(cliPath, firstEnv);
    const auth = { authorization: `Bearer ${platformKey}` };
    headers = auth;
    await serveAll(auth);
    const baseUrl = (nodes[0] as PortcullisNode).baseUrl;
    const tenant = await postJson(`${baseUrl}/api/v1/tenants`, auth, { name: 'bench', plan: 'bench' }, 201);
    tenantId = stringField(tenant, 'id', 'POST /api/v1/tenants');
    if (workload === 'token-issuance') {
      const client = await createBenchClient(baseUrl, auth, tenantId, 'bench');
      endpointPath = tokenPath;
      headers = { authorization: basicAuthorization(client.clientId, client.clientSecret) };
    } else if (workload === 'jwt-verify') {
      const clientCount = Math.min(jwtClientCount, context.keyCount);
      const tokens = await issueBenchTokens(baseUrl, auth, tenantId, clientCount, context.keyCount);
      await writeFile(context.keysFile, `${tokens.join('\n')}\n`);
    } else if (seeding === 'http') {
      const keys = await issueKeys(`${baseUrl}/api/v1/tenants/${tenantId}/keys`, auth, context);
      await writeFile(context.keysFile, `${keys.join('\n')}\n`);
      if (backing.env.DATABASE_URL !== undefined && workload === 'api-key-verify') {
        // On SQLite every key's standing is in memory from the start (the key directory); on PostgreSQL a
        // node caches a key on its first verification. Each node verifies every key once now, so the rounds
        // measure the steady state on both stores rather than a cold start.
        context.log(`verifying every key once on each of ${nodes.length} node(s) to fill their caches`);
        for (const node of nodes) await verifyAll(`${node.baseUrl}${verifyPath}`, auth, keys);
      }
    } else {
      const seedKeysDirect = await loadSeedKeysDirect();
      if (seedKeysDirect === undefined) throw new Error('seedKeysDirect is not wired in');
      // Write while the server is stopped, so nothing it caches can disagree with the store.
      await stopNodes();
      const store = backing.env.DATABASE_URL === undefined ? 'the data directory' : 'PostgreSQL';
      context.log(`seeding ${context.keyCount.toLocaleString('en-US')} keys directly into ${store}`);
      const seeded = performance.now();
      const pepper = firstEnv.PORTCULLIS_PEPPER ?? (await readFile(join(dataDir, 'pepper'), 'utf8')).trim();
      const target =
        backing.env.DATABASE_URL === undefined
          ? { sqliteDataDir: dataDir }
          : { postgresUrl: backing.env.DATABASE_URL };
      const keys = await withTimeout(
        seedKeysDirect(target, pepper, tenantId, context.keyCount),
        directSeedTimeoutMs,
        'seedKeysDirect',
      );
      context.log(`seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
      await serveAll(auth);
      await writeFile(context.keysFile, `${keys.join('\n')}\n`);
    }
  } catch (error) {
    await stopNodes();
    await backing.stop();
    throw error;
  }

  const running = nodes;
  const [nodeA, nodeB] = running as [PortcullisNode, PortcullisNode | undefined];
  return {
    url: `${nodeA.baseUrl}${endpointPath}`,
    ...(running.length > 1 ? { urls: running.map((node) => `${node.baseUrl}${endpointPath}`) } : {}),
    headers,
    processes: {
      pids: running.flatMap((node) => (node.process.child.pid === undefined ? [] : [node.process.child.pid])),
      commandLines: backing.commandLines,
    },
    ...placementOf(running.length, backing),
    ...(nodeB === undefined
      ? {}
      : {
          revocation: {
            keysUrl: `${nodeA.baseUrl}/api/v1/tenants/${tenantId}/keys`,
            verifyUrl: `${nodeB.baseUrl}${verifyPath}`,
          },
        }),
    versions: {
      portcullis: `${projectVersion()} (${gitRevision(root)})`,
      fastify: packageVersion('fastify'),
    },
    settings: {
      config: 'bench/portcullis.bench.json',
      ...(configOverrides === undefined ? {} : { configOverrides }),
      seeding: workload === 'api-key-verify' ? seeding : 'http',
      ...backing.settings,
      ...(running.length > 1 ? { nodes: running.length } : {}),
    },
    exitReason: () => {
      for (const node of running) {
        const reason = node.process.exitReason();
        if (reason !== undefined) return reason;
      }
      return undefined;
    },
    stop: async () => {
      await Promise.all(running.map((node) => node.process.stop()));
      await backing.stop();
    },
  };
}

/** Moves every process whose command line contains `commandLine`, with all its threads, to `cpu`. */
function pinToCpu(commandLine: string, cpu: number): void {
  const pids = execFileSync('pgrep', ['-f', commandLine], { encoding: 'utf8' }).trim().split('\n');
  for (const pid of pids) execFileSync('taskset', ['-a', '-p', '-c', String(cpu), pid], { stdio: 'ignore' });
}

const nodeName = (node: number): string => String.fromCharCode('a'.charCodeAt(0) + node);

/** Where a scenario's processes run, when PostgreSQL or Redis or a second node share the run's two CPUs. */
function placementOf(nodes: number, backing: Backing): Pick<RunningServer, 'placement'> {
  const helpers = [
    ...(backing.env.DATABASE_URL === undefined ? [] : ['PostgreSQL']),
    ...(backing.env.REDIS_URL === undefined ? [] : ['Redis']),
  ];
  if (!canPin()) return {};
  if (nodes > 1) {
    return {
      placement: {
        description: `node A on CPU 0, node B on CPU 1; ${[...helpers, 'the load generator'].join(', ')} unpinned`,
        loadPinned: false,
      },
    };
  }
  if (helpers.length === 0) return {};
  return {
    placement: {
      description:
        backing.env.DATABASE_URL === undefined
          ? 'server on CPU 0, load generator and Redis on CPU 1'
          : `server on CPU 0, load generator on CPU 1; ${helpers.join(' and ')} unpinned`,
      loadPinned: true,
    },
  };
}
