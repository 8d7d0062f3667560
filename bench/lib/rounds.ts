/**
 * The rounds: in each, every running server gets one warm-up and one measurement, in the run's order. The
 * compared servers thus alternate (A B A B …), so a drift of the machine's speed lands on all of them alike
 * instead of on whichever happened to be measured during it.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadJob, LoadOutput } from '../load.ts';
import type { RevocationJob, RevocationOutput } from '../revocation-latency.ts';
import type { ProcessSet } from './cpu.ts';
import { disturbed, failedRequests, fairnessWarnings, loadBound, waitForQuietMachine } from './fairness.ts';
import type { Contender } from './lineup.ts';
import type { BenchOptions } from './options.ts';
import { indent, pinned, runToEnd, spawnTracked } from './processes.ts';
import type { RoundMeasurement, RoundResult } from './results.ts';
import { loadCpu } from './scenario.ts';

type Log = (message: string) => void;

/** Each revocation must finish well within this, on average, or the probe is stopped. */
const revocationBudgetMs = 100;

/**
 * Runs one round's job in its own process: autocannon (bench/load.ts), or the revocation probe
 * (bench/revocation-latency.ts), pinned to the load CPU unless the scenario says otherwise.
 */
async function runJob(
  job: LoadJob | RevocationJob,
  pinnedToLoadCpu: boolean,
  workDir: string,
): Promise<LoadOutput | RevocationOutput> {
  const script = job.kind === 'load' ? '../load.ts' : '../revocation-latency.ts';
  const path = fileURLToPath(new URL(script, import.meta.url));
  const [command, args] = pinnedToLoadCpu
    ? pinned(loadCpu, process.execPath, [path])
    : [process.execPath, [path]];
  const env =
    job.kind === 'load' ? { BENCH_LOAD: JSON.stringify(job) } : { BENCH_REVOCATION: JSON.stringify(job) };
  const runner = spawnTracked(job.kind === 'load' ? 'load generator' : 'revocation probe', command, args, {
    env: { ...process.env, ...env },
    logFile: join(workDir, 'load.log'),
  });
  const measuredMs = job.kind === 'load' ? job.durationSeconds * 1000 : job.revocations * revocationBudgetMs;
  const stdout = await runToEnd(runner, job.warmupSeconds * 1000 + measuredMs + 60_000);
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as LoadOutput | RevocationOutput;
}

function toMeasurement(
  round: number,
  job: LoadJob | RevocationJob,
  output: LoadOutput | RevocationOutput,
): RoundMeasurement {
  if (output.kind === 'revocation') return toRevocationMeasurement(round, output);
  const { result, cpu } = output;
  const warnings = fairnessWarnings(output);
  return {
    round,
    status: 'ok',
    requestsPerSecond: result.requests.average,
    latencyMs: {
      mean: result.latency.average,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    totalRequests: result.requests.total,
    ...(job.kind === 'load' && job.body.type === 'json-key' ? { keyOffset: job.keyOffset ?? 0 } : {}),
    failedRequests: failedRequests(output),
    ...(cpu === undefined ? {} : { cpu }),
    disturbed: disturbed(output),
    loadBound: loadBound(output),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

/** The revocation probe's round, in the shape of every round (see `RoundMeasurement`). */
function toRevocationMeasurement(round: number, output: RevocationOutput): RoundMeasurement {
  const { afterAnswerMs, cpu } = output;
  const warnings = [
    ...(output.failed + output.warmup.failed > 0
      ? [`${output.failed} failed revocations in the measurement, ${output.warmup.failed} in the warm-up`]
      : []),
    ...(output.revocations === 0 ? ['no revocation completed'] : []),
  ];
  return {
    round,
    status: 'ok',
    requestsPerSecond: output.seconds > 0 ? output.revocations / output.seconds : 0,
    latencyMs: {
      mean: afterAnswerMs.mean,
      p50: afterAnswerMs.p50,
      p90: afterAnswerMs.p90,
      p99: afterAnswerMs.p99,
      max: afterAnswerMs.max,
    },
    totalRequests: output.revocations,
    revocation: {
      afterRequestMs: output.afterRequestMs,
      afterAnswerMs,
      revokeMs: output.revokeMs,
      refusedAtFirstPoll: output.refusedAtFirstPoll,
      polls: output.polls,
      ...(output.failures.length > 0 ? { failures: output.failures } : {}),
    },
    failedRequests: output.failed,
    ...(cpu === undefined ? {} : { cpu }),
    disturbed: disturbed(output),
    loadBound: loadBound(output),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

const firstLine = (text: string): string => text.split('\n')[0] ?? text;

/** Marks the contender failed when its server has exited; the round is then failed too. */
function serverGone(contender: Contender, round: number, when: string): RoundResult | undefined {
  const exited = contender.server.exitReason();
  if (exited === undefined) return undefined;
  contender.failure = `exited ${when} round ${round}: ${firstLine(exited)}`;
  return { round, status: 'failed', reason: contender.failure };
}

async function measureRound(
  contender: Contender,
  round: number,
  idleServerProcesses: ProcessSet,
  log: Log,
): Promise<RoundResult> {
  const goneBefore = serverGone(contender, round, 'before');
  if (goneBefore !== undefined) return goneBefore;
  try {
    const job =
      contender.job.kind === 'load'
        ? { ...contender.job, keyOffset: contender.keyOffset, idleServerProcesses }
        : { ...contender.job, idleServerProcesses };
    const output = await runJob(job, contender.loadPinned, contender.workDir);
    if (output.kind === 'load' && output.nextKeyOffset !== undefined)
      contender.keyOffset = output.nextKeyOffset;
    return serverGone(contender, round, 'during') ?? toMeasurement(round, job, output);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log(`  ✗ ${contender.scenario.label}, round ${round}:\n${indent(reason)}`);
    return serverGone(contender, round, 'during') ?? { round, status: 'failed', reason: firstLine(reason) };
  }
}

function describe(result: RoundResult): string {
  if (result.status === 'failed') return `failed: ${result.reason}`;
  const { cpu } = result;
  const shares = cpu === undefined ? '' : `, CPU ${cpu.server}/${cpu.load}/${cpu.idleServers}/${cpu.other}`;
  const rate = Math.round(result.requestsPerSecond).toLocaleString('en-US').padStart(7);
  const marks = [
    ...(result.disturbed ? ['* disturbed by other work'] : []),
    ...(result.loadBound ? ['^ load generator at its limit'] : []),
    ...(result.warnings ?? []).map((warning) => `! ${warning}`),
  ]
    .map((mark) => `; ${mark}`)
    .join('');
  const { revocation } = result;
  if (revocation !== undefined) {
    const after = revocation.afterAnswerMs;
    return (
      `${result.totalRequests} revocations, refused on B after A answered: p50 ${after.p50} ms, ` +
      `p99 ${after.p99} ms, max ${after.max} ms; after the revoke began: p99 ${revocation.afterRequestMs.p99} ms` +
      `${shares}${marks}`
    );
  }
  return `${rate} req/s, p99 ${result.latencyMs.p99} ms${shares}${marks}`;
}

/** Runs every round; each contender's `rounds` gets one result per round until its server exits. */
export async function runRounds(contenders: Contender[], options: BenchOptions, log: Log): Promise<void> {
  const width = Math.max(...contenders.map((contender) => contender.scenario.label.length));
  for (let round = 1; round <= options.rounds; round++) {
    log(`round ${round} of ${options.rounds} (CPU % srv/load/idle servers/other)`);
    await waitForQuietMachine((message) => log(`  ${message}`));
    for (const contender of contenders) {
      if (contender.failure !== undefined) continue;
      const idle = contenders.flatMap((other) =>
        other !== contender && other.failure === undefined && other.server.processes !== undefined
          ? [other.server.processes]
          : [],
      );
      const idleServerProcesses: ProcessSet = {
        pids: idle.flatMap((processes) => processes.pids),
        commandLines: idle.flatMap((processes) => processes.commandLines ?? []),
      };
      const result = await measureRound(contender, round, idleServerProcesses, log);
      contender.rounds.push(result);
      log(`  ${contender.scenario.label.padEnd(width)}  ${describe(result)}`);
    }
  }
}
