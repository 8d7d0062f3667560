// Two real server processes of one deployment on one PostgreSQL database and one Redis, for the multi-node
// suites (`cluster*.test.ts`): start them, stop and restart either node or Redis, and drive load at them.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';
import {
  type ApiResponse,
  call,
  type Env,
  firstPlatformKey,
  makeTempDir,
  removeDir,
  type ServerProcess,
  startServer,
} from './server.ts';

/** Polls `probe` every `intervalMs` (it returns as soon as `holds`), up to `ms`. */
export async function until<T>(
  probe: () => Promise<T>,
  holds: (value: T) => boolean,
  what: string,
  ms = 5000,
  intervalMs = 5,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (holds(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * One node: a `portcullis serve` process with its own data dir, which keeps its port across restarts (the
 * address a load balancer would have for it).
 */
export class ClusterNode {
  readonly name: string;
  #server: ServerProcess;

  constructor(name: string, server: ServerProcess) {
    this.name = name;
    this.#server = server;
  }

  get url(): string {
    return this.#server.url;
  }

  get server(): ServerProcess {
    return this.#server;
  }

  /** Ends the process with `signal` (SIGTERM: the graceful drain; SIGKILL: a crash) and waits for its exit. */
  async kill(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    const { child } = this.#server;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (signal === 'SIGTERM') await this.#server.stop();
    else child.kill('SIGKILL');
    await exited;
  }

  /** Starts the node again on its data dir and port; resolves once it answers `/healthz`. */
  async restart(): Promise<void> {
    const { dataDir, env, url } = this.#server;
    this.#server = await startServer(dataDir, { ...env, PORT: new URL(url).port });
  }
}

export interface Cluster {
  database: TestPostgres;
  /** Replaced by `restartRedis`. */
  redis: TestRedis;
  a: ClusterNode;
  b: ClusterNode;
  /** `Authorization` header value of the platform key the first node printed (`*`: manage and verify). */
  platform: string;
  /** Kills Redis (as a crash would) and starts an empty one on the same port. */
  stopRedis(): Promise<void>;
  startRedisAgain(): Promise<void>;
  close(): Promise<void>;
}

/**
 * PostgreSQL and Redis, or undefined (with the tests to skip) when either is not installed; under CI=true a
 * missing one throws instead (`startPostgres`, `startRedis`).
 */
export async function startBackingServices(): Promise<
  { database: TestPostgres; redis: TestRedis } | undefined
> {
  const database = await startPostgres();
  if (!database) return undefined;
  const redis = await startRedis().catch(async (error: unknown) => {
    await database.stop();
    throw error;
  });
  if (!redis) {
    await database.stop();
    return undefined;
  }
  return { database, redis };
}

/**
 * Two nodes of one deployment: the same database, Redis, pepper and master key, and nothing else shared — in
 * particular no PORTCULLIS_PUBLIC_URL: the nodes agree on the issuer through the deployment record.
 */
export async function startCluster(services: { database: TestPostgres; redis: TestRedis }): Promise<Cluster> {
  const { database } = services;
  let redis = services.redis;
  const env: Env = {
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    PORTCULLIS_PEPPER: `1:${randomBytes(32).toString('base64')}`,
    PORTCULLIS_MASTER_KEY: randomBytes(32).toString('base64'),
  };
  const dirs = [await makeTempDir('node-a'), await makeTempDir('node-b')] as const;
  const started: ServerProcess[] = [];
  try {
    // One after the other: the first migrates the database and prints the platform key.
    for (const dir of dirs) started.push(await startServer(dir, env));
  } catch (error) {
    for (const server of started) await server.stop();
    for (const dir of dirs) await removeDir(dir);
    throw error;
  }
  const [first, second] = started as [ServerProcess, ServerProcess];
  const a = new ClusterNode('A', first);
  const b = new ClusterNode('B', second);
  const cluster: Cluster = {
    database,
    redis,
    a,
    b,
    platform: `Bearer ${firstPlatformKey(first) ?? ''}`,
    async stopRedis() {
      await redis.stop();
    },
    async startRedisAgain() {
      redis = (await startRedis({ port: redis.port })) as TestRedis;
      cluster.redis = redis;
    },
    async close() {
      for (const node of [a, b]) await node.server.stop().catch(() => undefined);
      for (const dir of dirs) await removeDir(dir);
      await redis.stop();
      await database.stop();
    },
  };
  return cluster;
}

/** `POST /api/v1/verify` of `credential` on `node`, with the cluster's platform key as the caller. */
export function verifyOn(cluster: Cluster, node: ClusterNode, credential: string): Promise<ApiResponse> {
  return call(node, 'POST', '/api/v1/verify', { auth: cluster.platform, body: { key: credential } });
}

/** A tenant on `plan`, created through `node`. */
export async function createTenant(cluster: Cluster, node: ClusterNode, plan = 'pro'): Promise<string> {
  const tenant = await call(node, 'POST', '/api/v1/tenants', {
    auth: cluster.platform,
    body: { name: 'Club', plan },
  });
  assert.equal(tenant.status, 201, tenant.text);
  return tenant.body.id;
}

/** A new API key of `tenantId`: its id and its plaintext. */
export async function createKey(
  cluster: Cluster,
  node: ClusterNode,
  tenantId: string,
): Promise<{ id: string; key: string }> {
  const created = await call(node, 'POST', `/api/v1/tenants/${tenantId}/keys`, {
    auth: cluster.platform,
    body: { name: 'k' },
  });
  assert.equal(created.status, 201, created.text);
  return { id: created.body.id, key: created.body.key };
}

/** Runs `sql` on the cluster's database on a connection of its own. */
export async function adminQuery<Row extends pg.QueryResultRow>(
  cluster: Cluster,
  sql: string,
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: cluster.database.url });
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** One answer of a load run: its status, or the transport error when no answer came. */
export interface LoadAnswer {
  node: string;
  startedAt: number;
  endedAt: number;
  status?: number;
  error?: string;
  // biome-ignore lint/suspicious/noExplicitAny: test convenience for reading JSON fields
  body?: any;
}

export interface Load {
  answers: LoadAnswer[];
  /** Answers of `node` that ended after `since`. */
  answeredBy(node: ClusterNode, since: number): LoadAnswer[];
  stop(): Promise<LoadAnswer[]>;
}

/**
 * Sends `request` to `nodes` round-robin from `workers` loops, each one request at a time with a short pause,
 * until stopped (or, as a bound, for 60 s). Every answer and every transport error is recorded.
 */
export function startLoad(
  nodes: readonly ClusterNode[],
  request: (node: ClusterNode) => Promise<ApiResponse>,
  { workers = 2, pauseMs = 5 } = {},
): Load {
  const answers: LoadAnswer[] = [];
  const bound = Date.now() + 60_000;
  let stopped = false;
  let next = 0;
  const worker = async () => {
    while (!stopped && Date.now() < bound) {
      const node = nodes[next++ % nodes.length] as ClusterNode;
      const startedAt = Date.now();
      try {
        const response = await request(node);
        answers.push({
          node: node.name,
          startedAt,
          endedAt: Date.now(),
          status: response.status,
          body: response.body,
        });
      } catch (error) {
        answers.push({ node: node.name, startedAt, endedAt: Date.now(), error: String(error) });
      }
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  };
  const running = Promise.all(Array.from({ length: workers }, worker));
  return {
    answers,
    answeredBy: (node, since) =>
      answers.filter(
        (answer) => answer.node === node.name && answer.status !== undefined && answer.endedAt > since,
      ),
    async stop() {
      stopped = true;
      await running;
      return answers;
    },
  };
}

/** Fails on any 5xx, and on any transport error outside `downtime` (when the node was meant to be away). */
export function assertNoServerErrors(
  answers: readonly LoadAnswer[],
  downtime: { node: string; from: number; to: number }[] = [],
): void {
  const serverErrors = answers.filter((answer) => answer.status !== undefined && answer.status >= 500);
  assert.deepEqual(
    serverErrors.map((answer) => `${answer.node} ${answer.status} ${JSON.stringify(answer.body)}`),
    [],
    'no 5xx from any node',
  );
  const unexpected = answers.filter(
    (answer) =>
      answer.error !== undefined &&
      !downtime.some(
        (down) => down.node === answer.node && answer.endedAt >= down.from && answer.startedAt <= down.to,
      ),
  );
  assert.deepEqual(
    unexpected.map((answer) => `${answer.node}: ${answer.error}`),
    [],
    'every request to a live node was answered',
  );
}

/** A form POST (the OAuth endpoints) to `node`, with `authorization` as its `Authorization` header. */
export async function postForm(
  node: ClusterNode,
  path: string,
  form: Record<string, string>,
  authorization: string,
): Promise<ApiResponse> {
  const response = await fetch(`${node.url}${path}`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
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

/** HTTP Basic credentials of an OAuth client (RFC 6749 §2.3.1). */
export function basic(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
}
