/**
 * The named comparisons printed under the table, with the documented targets. Each is computed round by round
 * (both figures from the same round) and judged on the median of those per-round values; min–max shows how
 * much the rounds disagreed.
 */
import type { ScenarioResult } from './results.ts';
import { type Spread, spreadOf } from './stats.ts';
import { type Metric, metricOf, perRoundRatios, roundNumbers } from './summaries.ts';

export interface Target {
  /** How the median must compare with `value`. */
  op: '≥' | '≤' | '<';
  value: number;
}

export interface ComparisonDefinition {
  label: string;
  /** The scenario measured. */
  of: string;
  /** The scenario `of` is divided by, round by round; absent for a target on `of`'s own figure. */
  over?: string;
  metric: Metric;
  target?: Target;
  /** The target is stated at this many connections; a run at another count does not judge it. */
  targetConnections?: number;
}

const definitions = {
  apiKeyVsBare: {
    label: 'API-key verify, Portcullis vs bare node:http',
    of: 'portcullis',
    over: 'bare',
    metric: 'requestsPerSecond',
    target: { op: '≥', value: 0.6 },
  },
  portcullisVsBetterAuth: {
    label: 'API-key verify, Portcullis vs Better Auth',
    of: 'portcullis',
    over: 'better-auth',
    metric: 'requestsPerSecond',
    target: { op: '≥', value: 25 },
  },
  apiKeyP99: {
    label: 'API-key verify p99, Portcullis',
    of: 'portcullis',
    metric: 'p99Ms',
    target: { op: '<', value: 10 },
    targetConnections: 50,
  },
  millionKeyP99: {
    label: 'API-key verify p99, 1M keys vs 10,000 keys',
    of: 'portcullis-1m',
    over: 'portcullis',
    metric: 'p99Ms',
    target: { op: '≤', value: 1.5 },
  },
  postgresVsSqlite: {
    label: 'API-key verify, Portcullis on PostgreSQL vs on SQLite',
    of: 'portcullis-postgres',
    over: 'portcullis',
    metric: 'requestsPerSecond',
    target: { op: '≥', value: 0.8 },
  },
  redisVsBare: {
    label: 'API-key verify, Portcullis with the Redis limiter vs bare node:http',
    of: 'portcullis-redis',
    over: 'bare',
    metric: 'requestsPerSecond',
    target: { op: '≥', value: 0.5 },
  },
  redisVsMemory: {
    label: 'API-key verify, Redis limiter vs in-memory limiter (reference)',
    of: 'portcullis-redis',
    over: 'portcullis',
    metric: 'requestsPerSecond',
  },
  postgresMillionKeyP99: {
    label: 'API-key verify p99 on PostgreSQL, 1M keys vs 10,000 keys',
    of: 'portcullis-postgres-1m',
    over: 'portcullis-postgres',
    metric: 'p99Ms',
    target: { op: '≤', value: 2 },
  },
  clusterVsSqlite: {
    label: 'API-key verify, 2-node cluster vs one node on SQLite (reference)',
    of: 'cluster',
    over: 'portcullis',
    metric: 'requestsPerSecond',
  },
  clusterP99: {
    label: 'API-key verify p99, 2-node cluster (reference)',
    of: 'cluster',
    metric: 'p99Ms',
  },
  revocationP99: {
    label: 'Cross-node revocation p99, revoke answered on A → refused on B',
    of: 'cluster-revocation',
    metric: 'p99Ms',
    target: { op: '≤', value: 50 },
  },
  tokenIssuanceVsOidcProvider: {
    label: 'Token issuance, Portcullis vs oidc-provider',
    of: 'portcullis-token',
    over: 'oidc-provider-token',
    metric: 'requestsPerSecond',
    target: { op: '≥', value: 1 },
  },
  jwtVerifyUncachedVsBareJwt: {
    label: 'JWT verify, Portcullis with its cache off vs bare JWT verify',
    of: 'portcullis-jwt-verify-uncached',
    over: 'bare-jwt-verify',
    metric: 'requestsPerSecond',
    target: { op: '≥', value: 0.6 },
  },
  jwtVerifyVsBareJwt: {
    label: 'JWT verify, Portcullis (token cache on, the default) vs bare JWT verify',
    of: 'portcullis-jwt-verify',
    over: 'bare-jwt-verify',
    metric: 'requestsPerSecond',
  },
  jwtVerifyVsBare: {
    label: 'JWT verify, Portcullis vs bare API-key server (reference)',
    of: 'portcullis-jwt-verify',
    over: 'bare',
    metric: 'requestsPerSecond',
  },
} satisfies Record<string, ComparisonDefinition>;

export type ComparisonName = keyof typeof definitions;

export interface Comparison extends ComparisonDefinition {
  /** Each round's value; `null` where either scenario did not measure that round. */
  perRound: (number | null)[];
  /** Median and min–max of `perRound`; `null` unless both scenarios ran through the rounds. */
  summary: Spread | null;
  /** Whether the median meets the target, when there is one and this run can judge it. */
  met?: boolean;
  /** Why a target was not judged. */
  note?: string;
}

function meets(value: number, target: Target): boolean {
  if (target.op === '≥') return value >= target.value;
  if (target.op === '≤') return value <= target.value;
  return value < target.value;
}

function compare(
  definition: ComparisonDefinition,
  scenarios: readonly ScenarioResult[],
  run: { rounds: number; connections: number },
): Comparison {
  const ok = (id: string | undefined) =>
    scenarios.find((result) => result.id === id && result.status === 'ok');
  const of = ok(definition.of);
  const over = definition.over === undefined ? undefined : ok(definition.over);
  let perRound: (number | null)[] = roundNumbers(run.rounds).map(() => null);
  if (of !== undefined && definition.over === undefined) {
    perRound = roundNumbers(run.rounds).map((round) => metricOf(of, round, definition.metric) ?? null);
  } else if (of !== undefined && over !== undefined) {
    perRound = perRoundRatios(of, over, definition.metric, run.rounds);
  }
  const summary = spreadOf(perRound) ?? null;
  const { target, targetConnections } = definition;
  if (summary === null || target === undefined) return { ...definition, perRound, summary };
  if (targetConnections !== undefined && targetConnections !== run.connections) {
    return { ...definition, perRound, summary, note: `target is for ${targetConnections} connections` };
  }
  return { ...definition, perRound, summary, met: meets(summary.median, target) };
}

export function compareAll(
  scenarios: readonly ScenarioResult[],
  run: { rounds: number; connections: number },
): Record<ComparisonName, Comparison> {
  return Object.fromEntries(
    Object.entries(definitions).map(([name, definition]: [string, ComparisonDefinition]) => [
      name,
      compare(definition, scenarios, run),
    ]),
  ) as Record<ComparisonName, Comparison>;
}
