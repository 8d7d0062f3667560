/**
 * The rounds: in each, every running server gets one warm-up and one measurement, in the run's order. The
 * compared servers thus alternate (A B A B …), so a drift of the machine's speed lands on all of them alike
 * instead of on whichever happened to be measured during it.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadJob, LoadOutput } from '../load.ts';
import { disturbed, failedRequests, fairnessWarnings, loadBound, waitForQuietMachine } from './fairness.ts';
import type { Contender } from './lineup.ts';
import type { BenchOptions } from './options.ts';
import { indent, pinned, runToEnd, spawnTracked } from './processes.ts';
import type { RoundMeasurement, RoundResult } from './results.ts';
import { loadCpu } from './scenario.ts';

type Log = (message: string) => void;

async function runLoad(job: LoadJob, workDir: string): Promise<LoadOutput> {
  const loadScript = fileURLToPath(new URL('../load.ts', import.meta.url));
  const [command, args] = pinned(loadCpu, process.execPath, [loadScript]);
  const load = spawnTracked('load generator', command, args, {
    env: { ...process.env, BENCH_LOAD: JSON.stringify(job) },
    logFile: join(workDir, 'load.log'),
  });
  const budgetMs = (job.warmupSeconds + job.durationSeconds) * 1000 + 60_000;
  const stdout = await runToEnd(load, budgetMs);
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as LoadOutput;
}

function toMeasurement(round: number, job: LoadJob, output: LoadOutput): RoundMeasurement {
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
    ...(job.body.type === 'json-key' ? { keyOffset: job.keyOffset ?? 0 } : {}),
    failedRequests: failedRequests(output),
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
  idleServerPids: number[],
  log: Log,
): Promise<RoundResult> {
  const goneBefore = serverGone(contender, round, 'before');
  if (goneBefore !== undefined) return goneBefore;
  try {
    const job = { ...contender.job, keyOffset: contender.keyOffset, idleServerPids };
    const output = await runLoad(job, contender.workDir);
    if (output.nextKeyOffset !== undefined) contender.keyOffset = output.nextKeyOffset;
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
      const idleServerPids = contenders.flatMap((other) =>
        other !== contender && other.failure === undefined && other.server.pid !== undefined
          ? [other.server.pid]
          : [],
      );
      const result = await measureRound(contender, round, idleServerPids, log);
      contender.rounds.push(result);
      log(`  ${contender.scenario.label.padEnd(width)}  ${describe(result)}`);
    }
  }
}
