/**
 * The load generator, run by bench/run.ts as its own process pinned to its own CPU. It reads its job from
 * `BENCH_LOAD` (JSON), runs autocannon for the warm-up and then for the measurement, and prints one JSON
 * document to stdout: the measurement's autocannon result plus a short summary of the warm-up.
 *
 * Verify workloads send `{"key":"…"}` with the next seeded key or token (one counter shared by all connections),
 * cycling through the list; the token workload sends one fixed form body. A response counts as a mismatch unless
 * its body contains the workload's `expectInBody` (`"valid":true`, or `"access_token":"`).
 */
import { readFileSync } from 'node:fs';
import autocannon, { type Options, type Result } from 'autocannon';
import { type CpuShares, cpuShares, cpuSnapshot } from './lib/cpu.ts';

/** What each request carries: the next line of a key (or token) list as `{"key":…}`, or one form body. */
export type LoadBody = { type: 'json-key'; keysFile: string } | { type: 'form'; form: string };

export interface LoadJob {
  /** Full endpoint URL; the runner only ever passes 127.0.0.1. */
  url: string;
  headers: Record<string, string>;
  body: LoadBody;
  /** A 2xx answer counts as served only when its body contains this. */
  expectInBody: string;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** The server's process id, to account its CPU time during the measurement (Linux only). */
  serverPid?: number;
}

export interface LoadOutput {
  warmup: { requests: number; errors: number; non2xx: number; mismatches: number };
  result: Result;
  /** Percent of one core used by the server, this load generator and everything else, during the measurement. */
  cpu?: CpuShares;
}

const raw = process.env.BENCH_LOAD;
if (raw === undefined) throw new Error('run this through bench/run.ts: BENCH_LOAD is unset');
const job = JSON.parse(raw) as LoadJob;
if (new URL(job.url).hostname !== '127.0.0.1') throw new Error(`load only targets 127.0.0.1, not ${job.url}`);

function requestShape(body: LoadBody): Pick<Options, 'body' | 'requests'> & { contentType: string } {
  if (body.type === 'form') {
    return { contentType: 'application/x-www-form-urlencoded', body: body.form };
  }
  const bodies = readFileSync(body.keysFile, 'utf8')
    .split('\n')
    .filter((key) => key !== '')
    .map((key) => Buffer.from(JSON.stringify({ key })));
  if (bodies.length === 0) throw new Error(`no keys in ${body.keysFile}`);
  let nextKey = 0;
  return {
    contentType: 'application/json',
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

const { contentType, ...shape } = requestShape(job.body);

function run(seconds: number): Promise<Result> {
  const options: Options = {
    url: job.url,
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
const before = cpuSnapshot(job.serverPid);
const result = await run(job.durationSeconds);
const cpu = cpuShares(before, cpuSnapshot(job.serverPid));
const output: LoadOutput = {
  warmup: {
    requests: warmup.requests.total,
    errors: warmup.errors + warmup.timeouts,
    non2xx: warmup.non2xx,
    mismatches: warmup.mismatches,
  },
  result,
  ...(cpu === undefined ? {} : { cpu }),
};
process.stdout.write(`${JSON.stringify(output)}\n`);
