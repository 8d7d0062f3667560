import { parseArgs } from 'node:util';

/** What one `npm run bench` does. Every flag has an env twin so CI can set it without editing scripts. */
export interface BenchOptions {
  /** Scenario ids, in the order each round measures them; empty means the default set. */
  only: string[];
  /** Rounds: each warms up and measures every server once, in the same order. */
  rounds: number;
  /** Seconds each server is measured in each round. */
  roundSeconds: number;
  /** Seconds of warm-up before each server's measurement in each round; thrown away. */
  warmupSeconds: number;
  connections: number;
  /** API keys seeded into every API-key server; each request verifies the next one, cycling. */
  keyCount: number;
  /** Also run the Portcullis scenarios with 1,000,000 keys, on SQLite and on PostgreSQL. */
  million: boolean;
  /** Also run the two-node scenarios on PostgreSQL + Redis: cluster throughput and cross-node revocation. */
  cluster: boolean;
  /** Revocations the revocation probe measures per round. */
  revocations: number;
  /** Keep the temporary work directory (databases, key lists, server logs) for inspection. */
  keepWorkDir: boolean;
  resultsFile: string;
}

const usage = `Usage: npm run bench -- [options]

Starts every selected server, then measures them in rounds: each round warms up and measures each server once,
in the order given. Figures are medians over the rounds; ratios are medians of per-round ratios.

  --only <ids>           comma-separated scenarios, measured in the order given:
                           API-key verify: bare, better-auth, portcullis, portcullis-redis,
                                           portcullis-postgres, portcullis-1m, portcullis-postgres-1m,
                                           cluster
                           token issuance: oidc-provider-token, portcullis-token
                           JWT verify:     bare-jwt-verify, portcullis-jwt-verify,
                                           portcullis-jwt-verify-uncached
                           revocation:     cluster-revocation
                         (default: all but the 1M-key ones, which --million adds, and cluster and
                         cluster-revocation, which --cluster adds)
  --rounds <n>           rounds (default 5)                              env BENCH_ROUNDS
  --round-seconds <s>    seconds measured per server per round (default 5)  env BENCH_ROUND_SECONDS
  --warmup <s>           warm-up per server per round (default 2)        env BENCH_WARMUP
  --quick                3 rounds of 1 s warm-up + 2 s measured (and 50 revocations)  env BENCH_QUICK=1
  --connections <n>      concurrent connections (default 50)             env BENCH_CONNECTIONS
  --keys <n>             API keys seeded per server (default 10000)      env BENCH_KEYS
  --million              add the 1,000,000-key scenarios (SQLite, PostgreSQL)  env BENCH_MILLION=1
  --cluster              add the two-node scenarios (PostgreSQL + Redis)  env BENCH_CLUSTER=1
  --revocations <n>      revocations timed per round (default 200)       env BENCH_REVOCATIONS
  --keep                 keep the temporary work directory               env BENCH_KEEP=1
  --out <file>           results JSON (default bench/results/latest.json)  env BENCH_OUT
  env BENCH_CPU_PROF=<dir>  write a V8 CPU profile of each Portcullis server to <dir>
`;

/** Settings of the one-measurement-per-server runner, refused with what replaced them rather than ignored. */
const retired: Record<string, string> = {
  duration: 'the measurement is now --round-seconds (BENCH_ROUND_SECONDS), taken --rounds times',
  retries:
    'a disturbed measurement is no longer repeated; each round is kept, marked, and the median outvotes it',
};

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function flag(raw: string | undefined): boolean {
  return raw !== undefined && raw !== '' && raw !== '0' && raw.toLowerCase() !== 'false';
}

function refuseRetired(values: Record<string, unknown>, env: NodeJS.ProcessEnv): void {
  for (const [name, replacement] of Object.entries(retired)) {
    const envName = `BENCH_${name.toUpperCase()}`;
    if (values[name] !== undefined || (env[envName] ?? '') !== '') {
      throw new Error(`--${name} (${envName}) is gone: ${replacement}`);
    }
  }
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      'round-seconds': { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      keys: { type: 'string' },
      million: { type: 'boolean', default: false },
      cluster: { type: 'boolean', default: false },
      revocations: { type: 'string' },
      keep: { type: 'boolean', default: false },
      out: { type: 'string' },
      duration: { type: 'string' },
      retries: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(usage);
    process.exit(0);
  }
  refuseRetired(values, env);
  const quick = values.quick || flag(env.BENCH_QUICK);
  const onlyRaw = values.only ?? env.BENCH_ONLY ?? '';
  return {
    only: onlyRaw
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== ''),
    rounds: positiveInt('--rounds', values.rounds ?? env.BENCH_ROUNDS, quick ? 3 : 5),
    roundSeconds: positiveInt(
      '--round-seconds',
      values['round-seconds'] ?? env.BENCH_ROUND_SECONDS,
      quick ? 2 : 5,
    ),
    warmupSeconds: positiveInt('--warmup', values.warmup ?? env.BENCH_WARMUP, quick ? 1 : 2),
    connections: positiveInt('--connections', values.connections ?? env.BENCH_CONNECTIONS, 50),
    keyCount: positiveInt('--keys', values.keys ?? env.BENCH_KEYS, 10_000),
    million: values.million || flag(env.BENCH_MILLION),
    cluster: values.cluster || flag(env.BENCH_CLUSTER),
    revocations: positiveInt('--revocations', values.revocations ?? env.BENCH_REVOCATIONS, quick ? 50 : 200),
    keepWorkDir: values.keep || flag(env.BENCH_KEEP),
    resultsFile: values.out ?? env.BENCH_OUT ?? 'bench/results/latest.json',
  };
}
