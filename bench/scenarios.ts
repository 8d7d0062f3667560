/**
 * Every scenario `npm run bench` knows, by workload, and the default selection. One place to add a peer.
 */
import type { BenchOptions } from './lib/options.ts';
import { type Scenario, serverScriptScenario } from './lib/scenario.ts';
import { jwtTokenCount } from './lib/workloads.ts';
import { portcullisScenario } from './peers/portcullis.ts';

/**
 * `BENCH_BASELINE=<checkout>`: another build of Portcullis (e.g. `git worktree add /tmp/base <rev>` with its
 * node_modules), measured in the same rounds as `portcullis-baseline` and `portcullis-token-baseline`, so a change
 * is judged against the build before it on the same machine in the same minutes.
 */
const baseline = process.env.BENCH_BASELINE
  ? new URL(`${process.env.BENCH_BASELINE.replace(/\/$/, '')}/`, 'file:///')
  : undefined;

export const scenarios: Scenario[] = [
  serverScriptScenario('bare', 'bare node:http', new URL('./peers/bare-http.ts', import.meta.url)),
  serverScriptScenario(
    'better-auth',
    'Better Auth api-key',
    new URL('./peers/better-auth.ts', import.meta.url),
  ),
  portcullisScenario({ id: 'portcullis', label: 'Portcullis', seeding: 'http' }),
  // One node with verify's rate limit counted in Redis (GCRA in one Lua script per request), on SQLite, so the
  // difference from `portcullis` is the Redis round trip alone.
  portcullisScenario({
    id: 'portcullis-redis',
    label: 'Portcullis, Redis limiter',
    seeding: 'http',
    redis: true,
  }),
  portcullisScenario({
    id: 'portcullis-postgres',
    label: 'Portcullis on PostgreSQL',
    seeding: 'http',
    database: 'postgres',
  }),
  ...(baseline
    ? [
        portcullisScenario({
          id: 'portcullis-baseline',
          label: 'Portcullis (baseline)',
          seeding: 'http',
          root: baseline,
        }),
        portcullisScenario({
          id: 'portcullis-token-baseline',
          label: 'Portcullis token (baseline)',
          workload: 'token-issuance',
          keyCount: 1,
          seeding: 'http',
          root: baseline,
        }),
      ]
    : []),
  portcullisScenario({
    id: 'portcullis-1m',
    label: 'Portcullis (1M keys)',
    keyCount: 1_000_000,
    seeding: 'direct',
  }),
  portcullisScenario({
    id: 'portcullis-postgres-1m',
    label: 'Portcullis on PostgreSQL (1M keys)',
    keyCount: 1_000_000,
    seeding: 'direct',
    database: 'postgres',
  }),
  // Two nodes of one deployment on one PostgreSQL database and one Redis; the load is spread over both.
  portcullisScenario({
    id: 'cluster',
    label: 'Cluster: 2 nodes, PostgreSQL + Redis',
    seeding: 'http',
    database: 'postgres',
    redis: true,
    nodes: 2,
  }),
  // Another such deployment, for the revocation probe: a key revoked on node A, polled on node B.
  portcullisScenario({
    id: 'cluster-revocation',
    label: 'Cluster revocation, A → B',
    workload: 'revocation',
    keyCount: 2,
    seeding: 'http',
    database: 'postgres',
    redis: true,
    nodes: 2,
  }),
  serverScriptScenario(
    'oidc-provider-token',
    'oidc-provider token',
    new URL('./peers/oidc-provider.ts', import.meta.url),
    { workload: 'token-issuance', keyCount: 1 },
  ),
  portcullisScenario({
    id: 'portcullis-token',
    label: 'Portcullis token',
    workload: 'token-issuance',
    keyCount: 1,
    seeding: 'http',
  }),
  serverScriptScenario(
    'bare-jwt-verify',
    'bare node:http JWT verify',
    new URL('./peers/bare-jwt.ts', import.meta.url),
    { workload: 'jwt-verify', keyCount: jwtTokenCount },
  ),
  portcullisScenario({
    id: 'portcullis-jwt-verify',
    label: 'Portcullis JWT verify',
    workload: 'jwt-verify',
    keyCount: jwtTokenCount,
    seeding: 'http',
  }),
  // The same, with the verified-credential cache off (it is shared by keys and tokens): every request then
  // checks the signature, as the bare JWT server does.
  portcullisScenario({
    id: 'portcullis-jwt-verify-uncached',
    label: 'Portcullis JWT verify, no cache',
    workload: 'jwt-verify',
    keyCount: jwtTokenCount,
    seeding: 'http',
    configOverrides: { verification: { cachedKeys: 0 } },
  }),
];

const defaultIds = (options: BenchOptions): string[] => [
  'bare',
  'better-auth',
  'portcullis',
  'portcullis-redis',
  'portcullis-postgres',
  ...(options.million ? ['portcullis-1m', 'portcullis-postgres-1m'] : []),
  ...(options.cluster ? ['cluster', 'cluster-revocation'] : []),
  'oidc-provider-token',
  'portcullis-token',
  'bare-jwt-verify',
  'portcullis-jwt-verify',
  'portcullis-jwt-verify-uncached',
];

export function selectScenarios(options: BenchOptions): Scenario[] {
  const ids = options.only.length > 0 ? options.only : defaultIds(options);
  // Every scenario's server stays up for the whole run, in a work directory named by its id.
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated !== undefined) throw new Error(`scenario "${repeated}" is listed twice in --only`);
  return ids.map((id) => {
    const scenario = scenarios.find((candidate) => candidate.id === id);
    if (scenario === undefined) {
      throw new Error(`unknown scenario "${id}"; known: ${scenarios.map((known) => known.id).join(', ')}`);
    }
    return scenario;
  });
}
