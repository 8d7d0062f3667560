import { parseArgs } from 'node:util';

/** What one `npm run bench` does. Every flag has an env twin so CI can set it without editing scripts. */
export interface BenchOptions {
  /** Scenario ids to run, in the order given; empty means the default set. */
  only: string[];
  warmupSeconds: number;
  durationSeconds: number;
  connections: number;
  /** Extra measurements allowed when other processes disturbed one. */
  retries: number;
  /** API keys seeded into every API-key server; each request verifies the next one, cycling. */
  keyCount: number;
  /** Also run the Portcullis scenario with 1,000,000 keys (needs the direct seeding hook). */
  million: boolean;
  /** Keep the temporary work directory (databases, key lists, server logs) for inspection. */
  keepWorkDir: boolean;
  resultsFile: string;
}

const usage = `Usage: npm run bench -- [options]

  --only <ids>         comma-separated scenarios, run in the order given:
                         API-key verify: bare, better-auth, portcullis, portcullis-1m
                         token issuance: oidc-provider-token, portcullis-token
                         JWT verify:     bare-jwt-verify, portcullis-jwt-verify,
                                         portcullis-jwt-verify-uncached
                       (default: all but portcullis-1m, which --million adds)
  --quick              2 s warm-up, 5 s measurement
  --warmup <s>         warm-up seconds (default 5)           env BENCH_WARMUP
  --duration <s>       measurement seconds (default 10)      env BENCH_DURATION
  --connections <n>    concurrent connections (default 50)   env BENCH_CONNECTIONS
  --keys <n>           API keys seeded per server (default 10000) env BENCH_KEYS
  --retries <n>        re-measurements when other processes disturbed one (default 2)  env BENCH_RETRIES
  --million            add the 1,000,000-key Portcullis scenario   env BENCH_MILLION=1
  --keep               keep the temporary work directory     env BENCH_KEEP=1
  --out <file>         results JSON (default bench/results/latest.json)
  env BENCH_CPU_PROF=<dir>  write a V8 CPU profile of each Portcullis server to <dir>
`;

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function nonNegativeInt(name: string, raw: string | undefined, fallback: number): number {
  return raw === '0' ? 0 : positiveInt(name, raw, fallback);
}

function flag(raw: string | undefined): boolean {
  return raw !== undefined && raw !== '' && raw !== '0' && raw.toLowerCase() !== 'false';
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      warmup: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      keys: { type: 'string' },
      retries: { type: 'string' },
      million: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(usage);
    process.exit(0);
  }
  const quick = values.quick || flag(env.BENCH_QUICK);
  const onlyRaw = values.only ?? env.BENCH_ONLY ?? '';
  return {
    only: onlyRaw
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== ''),
    warmupSeconds: positiveInt('--warmup', values.warmup ?? env.BENCH_WARMUP, quick ? 2 : 5),
    durationSeconds: positiveInt('--duration', values.duration ?? env.BENCH_DURATION, quick ? 5 : 10),
    connections: positiveInt('--connections', values.connections ?? env.BENCH_CONNECTIONS, 50),
    retries: nonNegativeInt('--retries', values.retries ?? env.BENCH_RETRIES, 2),
    keyCount: positiveInt('--keys', values.keys ?? env.BENCH_KEYS, 10_000),
    million: values.million || flag(env.BENCH_MILLION),
    keepWorkDir: values.keep || flag(env.BENCH_KEEP),
    resultsFile: values.out ?? env.BENCH_OUT ?? 'bench/results/latest.json',
  };
}
