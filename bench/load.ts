/**
 * The load generator, run by bench/run.ts as its own process pinned to its own CPU. It reads its job from
 * `BENCH_LOAD` (JSON), runs autocannon for the warm-up and then for the measurement, and prints one JSON
 * document to stdout: the measurement's autocannon result plus a short summary of the warm-up.
 *
 * Verify workloads send `{"key":"…"}` with the next seeded key or token (one counter shared by all connections),
 * cycling through the list from `keyOffset`, and report where they stopped: the runner's next round of the same
 * server starts there, so a 1,000,000-key run does not verify the same first keys every round (a key seen
 * twice may be cached, which that scenario exists to avoid). The token workload sends one fixed form body. A response counts as a mismatch unless
 * its body contains the workload's `expectInBody` (`"valid":true`, or `"access_token":"`).
 */
import { readFileSync } from 'node:fs';
import autocannon, { type Options, type Result } from 'autocannon';
import { type CpuShares, cpuShares, cpuSnapshot, cpuSnapshotAgain, type ProcessSet } from './lib/cpu.ts';

/** What each request carries: the next line of a key (or token) list as `{"key":…}`, or one form body. */
export type LoadBody = { type: 'json-key'; keysFile: string } | { type: 'form'; form: string };

export interface LoadJob {
  kind: 'load';
  /**
   * Full endpoint URLs; the runner only ever passes 127.0.0.1. With several (the nodes of a cluster), connection
   * i goes to URL i mod n, and every response goes into one latency histogram.
   */
  urls: string[];
  headers: Record<string, string>;
  body: LoadBody;
  /** A 2xx answer counts as served only when its body contains this. */
  expectInBody: string;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** Where in the key list the first request starts (the previous round's `nextKeyOffset`); default 0. */
  keyOffset?: number;
  /** The server's processes, to account their CPU time during the measurement (Linux only). */
  serverProcesses?: ProcessSet;
  /** The run's other servers, idle meanwhile: their CPU time is accounted apart from everything else's. */
  idleServerProcesses?: ProcessSet;
}

export interface LoadOutput {
  kind: 'load';
  warmup: { requests: number; errors: number; non2xx: number; mismatches: number };
  result: Result;
  /** Percent of one core used by the server, this load generator and everything else, during the measurement. */
  cpu?: CpuShares;
  /** Where the next round should start in the key list (verify workloads). */
  nextKeyOffset?: number;
}

const raw = process.env.BENCH_LOAD;
if (raw === undefined) throw new Error('run this through bench/run.ts: BENCH_LOAD is unset');
const job = JSON.parse(raw) as LoadJob;
for (const url of job.urls) {
  if (new URL(url).hostname !== '127.0.0.1') throw new Error(`load only targets 127.0.0.1, not ${url}`);
}

type RequestShape = Pick<Options, 'body' | 'requests'> & {
  contentType: string;
  /** The key list position the next request would take. */
  nextKeyOffset?: () => number;
};

function requestShape(body: LoadBody): RequestShape {
  if (body.type === 'form') {
    return { contentType: 'application/x-www-form-urlencoded', body: body.form };
  }
  const bodies = readFileSync(body.keysFile, 'utf8')
    .split('\n')
    .filter((key) => key !== '')
    .map((key) => Buffer.from(JSON.stringify({ key })));
  if (bodies.length === 0) throw new Error(`no keys in ${body.keysFile}`);
  let nextKey = job.keyOffset ?? 0;
  return {
    contentType: 'application/json',
    nextKeyOffset: () => nextKey % bodies.length,
    requests: [
      {
        setupRequest: (request) => {
          request.body = bodies[nextKey++ % bodies.length] as Buffer;
          return request;
        },
      },
    ],
  };
}

const { contentType, nextKeyOffset, ...shape } = requestShape(job.body);

function run(seconds: number): Promise<Result> {
  const options: Options = {
    // autocannon takes a list of URLs and spreads the connections over them; its types only say `string`.
    url: (job.urls.length === 1 ? job.urls[0] : job.urls) as string,
    method: 'POST',
    headers: { 'content-type': contentType, ...job.headers },
    connections: job.connections,
    duration: seconds,
    ...shape,
    verifyBody: (body) => typeof body === 'string' && body.includes(job.expectInBody),
  };
  return autocannon(options);
}

const warmup = await run(job.warmupSeconds);
const before = cpuSnapshot(job.serverProcesses, job.idleServerProcesses);
const result = await run(job.durationSeconds);
const cpu = cpuShares(before, cpuSnapshotAgain(before));
const output: LoadOutput = {
  kind: 'load',
  warmup: {
    requests: warmup.requests.total,
    errors: warmup.errors + warmup.timeouts,
    non2xx: warmup.non2xx,
    mismatches: warmup.mismatches,
  },
  result,
  ...(cpu === undefined ? {} : { cpu }),
  ...(nextKeyOffset === undefined ? {} : { nextKeyOffset: nextKeyOffset() }),
};
process.stdout.write(`${JSON.stringify(output)}\n`);
