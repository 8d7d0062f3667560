/**
 * The cross-node revocation probe, run by bench/run.ts in each round of the `cluster-revocation` scenario as its
 * own process, in place of the load generator. It reads its job from `BENCH_REVOCATION` (JSON) and prints one
 * JSON document to stdout.
 *
 * Each revocation, one after the other, on two nodes of one deployment:
 *   1. issue a key on node A (`POST <keysUrl>`; issuing a key empties no cache on any node);
 *   2. verify it 3 times on node B, which must accept it: B now answers it from its cache;
 *   3. revoke it on node A (`DELETE <keysUrl>/<id>`), timing the request from its start to its answer;
 *   4. poll B's verify in a tight loop, one request at a time on one kept-alive connection, until B refuses it.
 * The time that counts is from A's answer to the arrival of B's first refusal, so it holds one poll's round trip
 * even when B already knew; the time from the revoke's start is reported too. A key B does not refuse within
 * 5 s counts as failed. Revocations run for `warmupSeconds` first, thrown away, then `revocations` are measured.
 */
import { Agent, request } from 'node:http';
import { type CpuShares, cpuShares, cpuSnapshot, cpuSnapshotAgain, type ProcessSet } from './lib/cpu.ts';

export interface RevocationJob {
  kind: 'revocation';
  /** Node A's `/api/v1/tenants/{id}/keys`: keys are issued (POST) and revoked (DELETE `/<id>`) there. */
  keysUrl: string;
  /** Node B's verify endpoint, polled. */
  verifyUrl: string;
  /** The platform key, good on both nodes. */
  headers: Record<string, string>;
  warmupSeconds: number;
  /** Revocations measured after the warm-up. */
  revocations: number;
  serverProcesses?: ProcessSet;
  idleServerProcesses?: ProcessSet;
}

/** Milliseconds, with the fractions the probe measures (not autocannon's whole milliseconds). */
export interface LatencySummary {
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

export interface RevocationOutput {
  kind: 'revocation';
  warmup: { revocations: number; failed: number };
  /** Measured revocations that B refused in time. */
  revocations: number;
  /** Revocations that went wrong (an answer other than expected, or B still accepting after 5 s). */
  failed: number;
  /** The first few reasons for `failed`. */
  failures: string[];
  /** Wall time of the measured revocations, issuing and warming included. */
  seconds: number;
  /** From the revoke's answer on A to B's first refusal: the figure that counts. */
  afterAnswerMs: LatencySummary;
  /** From the start of the revoke request on A to B's first refusal. */
  afterRequestMs: LatencySummary;
  /** The revoke request on A itself, start to answer. */
  revokeMs: LatencySummary;
  /** Revocations B refused at the first poll after A answered. */
  refusedAtFirstPoll: number;
  /** Polls per revocation, counting the refused one. */
  polls: { mean: number; max: number };
  cpu?: CpuShares;
}

const refusalDeadlineMs = 5000;
const warmVerifications = 3;

/** Nearest-rank percentiles of the samples, in ms. */
function summarizeLatencies(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return { mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] as number;
  const round = (value: number): number => Number(value.toFixed(3));
  return {
    mean: round(sorted.reduce((sum, value) => sum + value, 0) / sorted.length),
    p50: round(at(0.5)),
    p90: round(at(0.9)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1] as number),
  };
}

interface Answer {
  status: number;
  text: string;
}

/** One request on a kept-alive connection of `agent`; bounded by a 5 s timeout. */
function send(agent: Agent, method: string, url: string, headers: Record<string, string>, body?: string) {
  return new Promise<Answer>((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method,
        agent,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        timeout: 5000,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`${method} ${new URL(url).pathname} timed out`)));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

interface Timing {
  afterAnswerMs: number;
  afterRequestMs: number;
  revokeMs: number;
  polls: number;
}

class ProbeFailure extends Error {}

function expect(answer: Answer, status: number, what: string): Record<string, unknown> {
  if (answer.status !== status) {
    throw new ProbeFailure(`${what} answered ${answer.status}: ${answer.text.slice(0, 200)}`);
  }
  return JSON.parse(answer.text) as Record<string, unknown>;
}

/** One revocation, steps 1–4 of the file comment. */
async function revokeOnce(job: RevocationJob, nodeA: Agent, nodeB: Agent, index: number): Promise<Timing> {
  const issued = expect(
    await send(nodeA, 'POST', job.keysUrl, job.headers, JSON.stringify({ name: `revocation-${index}` })),
    201,
    'issuing a key on A',
  );
  const key = String(issued.key);
  const verifyBody = JSON.stringify({ key });
  for (let warm = 0; warm < warmVerifications; warm++) {
    const verified = expect(
      await send(nodeB, 'POST', job.verifyUrl, job.headers, verifyBody),
      200,
      'verify on B',
    );
    if (verified.valid !== true) throw new ProbeFailure(`B refused a fresh key: ${JSON.stringify(verified)}`);
  }
  const requested = performance.now();
  expect(
    await send(nodeA, 'DELETE', `${job.keysUrl}/${String(issued.id)}`, job.headers),
    200,
    'revoking on A',
  );
  const answered = performance.now();
  for (let polls = 1; ; polls++) {
    const verified = expect(
      await send(nodeB, 'POST', job.verifyUrl, job.headers, verifyBody),
      200,
      'verify on B',
    );
    const now = performance.now();
    if (verified.valid === false) {
      if (verified.code !== 'revoked') throw new ProbeFailure(`B refused with ${String(verified.code)}`);
      return {
        afterAnswerMs: now - answered,
        afterRequestMs: now - requested,
        revokeMs: answered - requested,
        polls,
      };
    }
    if (now - answered > refusalDeadlineMs) {
      throw new ProbeFailure(`B still accepted the key ${refusalDeadlineMs} ms after A revoked it`);
    }
  }
}

const raw = process.env.BENCH_REVOCATION;
if (raw === undefined) throw new Error('run this through bench/run.ts: BENCH_REVOCATION is unset');
const job = JSON.parse(raw) as RevocationJob;
for (const url of [job.keysUrl, job.verifyUrl]) {
  if (new URL(url).hostname !== '127.0.0.1') throw new Error(`the probe only targets 127.0.0.1, not ${url}`);
}
const nodeA = new Agent({ keepAlive: true, maxSockets: 1 });
const nodeB = new Agent({ keepAlive: true, maxSockets: 1 });
let index = 0;

/** Runs revocations until `done` says stop; a failure is counted and the next revocation goes on. */
async function runRevocations(done: (count: number) => boolean) {
  const timings: Timing[] = [];
  const failures: string[] = [];
  while (!done(timings.length + failures.length)) {
    try {
      timings.push(await revokeOnce(job, nodeA, nodeB, index++));
    } catch (error) {
      if (!(error instanceof ProbeFailure)) throw error;
      failures.push(error.message);
    }
  }
  return { timings, failures };
}

const warmupEnds = performance.now() + job.warmupSeconds * 1000;
const warmup = await runRevocations(() => performance.now() >= warmupEnds);
const before = cpuSnapshot(job.serverProcesses, job.idleServerProcesses);
const started = performance.now();
const measured = await runRevocations((count) => count >= job.revocations);
const seconds = (performance.now() - started) / 1000;
const cpu = cpuShares(before, cpuSnapshotAgain(before));
nodeA.destroy();
nodeB.destroy();

const { timings, failures } = measured;
const pollCounts = timings.map((timing) => timing.polls);
const output: RevocationOutput = {
  kind: 'revocation',
  warmup: { revocations: warmup.timings.length, failed: warmup.failures.length },
  revocations: timings.length,
  failed: failures.length,
  failures: failures.slice(0, 5),
  seconds,
  afterAnswerMs: summarizeLatencies(timings.map((timing) => timing.afterAnswerMs)),
  afterRequestMs: summarizeLatencies(timings.map((timing) => timing.afterRequestMs)),
  revokeMs: summarizeLatencies(timings.map((timing) => timing.revokeMs)),
  refusedAtFirstPoll: pollCounts.filter((polls) => polls === 1).length,
  polls: {
    mean: pollCounts.length === 0 ? 0 : pollCounts.reduce((sum, polls) => sum + polls, 0) / pollCounts.length,
    max: Math.max(0, ...pollCounts),
  },
  ...(cpu === undefined ? {} : { cpu }),
};
process.stdout.write(`${JSON.stringify(output)}\n`);
