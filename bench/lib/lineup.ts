/**
 * The servers of a run, started up front: each is started pinned to the server CPU, seeded and checked once,
 * and then stays up, idle between its own measurements, until every round is over. Starting them all first is
 * what lets the rounds alternate between them.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadJob } from '../load.ts';
import type { RevocationJob } from '../revocation-latency.ts';
import { checkServer } from './fairness.ts';
import type { BenchOptions } from './options.ts';
import { indent } from './processes.ts';
import type { RoundResult, ScenarioResult } from './results.ts';
import type { RunningServer, Scenario } from './scenario.ts';
import { tokenForm, type WorkloadId, workloads } from './workloads.ts';

export interface Contender {
  scenario: Scenario;
  keyCount: number;
  /** Its database, key list, server and load logs. */
  workDir: string;
  server: RunningServer;
  seedSeconds: number;
  /** The load each round sends it, or the revocations it times. */
  job: LoadJob | RevocationJob;
  /** Whether that job's process runs pinned to the load CPU. */
  loadPinned: boolean;
  /** Where its next round starts in the key list, so rounds do not repeat the same first keys. */
  keyOffset: number;
  rounds: RoundResult[];
  /** Set once the server has exited: it gets no more rounds, and the scenario fails. */
  failure?: string;
}

export type Lineup = { kind: 'started'; contender: Contender } | { kind: 'absent'; result: ScenarioResult };

function baseResult(scenario: Scenario, keyCount: number): Omit<ScenarioResult, 'status'> {
  return { id: scenario.id, label: scenario.label, workload: scenario.workload, keyCount };
}

/** Starts, seeds and checks one scenario's server; on any failure it is stopped and reported as absent. */
export async function startContender(
  scenario: Scenario,
  options: BenchOptions,
  runDir: string,
  log: (message: string) => void,
): Promise<Lineup> {
  const keyCount = scenario.keyCount ?? options.keyCount;
  const workload = workloads[scenario.workload];
  const unavailable = await scenario.unavailable?.();
  if (unavailable !== undefined) {
    log(`✗ ${scenario.label} ${unavailable.status}: ${unavailable.reason}`);
    return { kind: 'absent', result: { ...baseResult(scenario, keyCount), ...unavailable } };
  }
  const workDir = join(runDir, scenario.id);
  mkdirSync(workDir, { recursive: true });
  const keysFile = join(workDir, 'keys.txt');
  const unit = keyCount === 1 ? workload.seededUnit.one : workload.seededUnit.many;
  log(`▶ ${scenario.label}: starting and seeding ${keyCount.toLocaleString('en-US')} ${unit}`);
  const seedStarted = performance.now();
  let server: RunningServer | undefined;
  try {
    server = await scenario.start({ workDir, keyCount, keysFile, log: (message) => log(`  ${message}`) });
    const seedSeconds = Number(((performance.now() - seedStarted) / 1000).toFixed(1));
    await checkServer(workload.id, server, keysFile);
    log(`  ready after ${seedSeconds} s`);
    const job = jobFor(server, workload.id, keysFile, options);
    const loadPinned = server.placement?.loadPinned ?? true;
    const contender: Contender = {
      scenario,
      keyCount,
      workDir,
      server,
      seedSeconds,
      job,
      loadPinned,
      keyOffset: 0,
      rounds: [],
    };
    return { kind: 'started', contender };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log(`✗ ${scenario.label} failed:\n${indent(reason)}`);
    await server?.stop();
    const result = { ...baseResult(scenario, keyCount), status: 'failed' as const };
    return { kind: 'absent', result: { ...result, reason: reason.split('\n')[0] ?? reason } };
  }
}

/** What each round of a server runs: autocannon's load, or the revocation probe. */
function jobFor(
  server: RunningServer,
  workload: WorkloadId,
  keysFile: string,
  options: BenchOptions,
): LoadJob | RevocationJob {
  const serverProcesses = server.processes === undefined ? {} : { serverProcesses: server.processes };
  if (workload === 'revocation') {
    if (server.revocation === undefined) throw new Error('the revocation workload needs two nodes');
    return {
      kind: 'revocation',
      ...server.revocation,
      headers: server.headers,
      warmupSeconds: options.warmupSeconds,
      revocations: options.revocations,
      ...serverProcesses,
    };
  }
  return {
    kind: 'load',
    urls: server.urls ?? [server.url],
    headers: server.headers,
    body: workload === 'token-issuance' ? { type: 'form', form: tokenForm } : { type: 'json-key', keysFile },
    expectInBody: workloads[workload].expectInBody,
    connections: options.connections,
    warmupSeconds: options.warmupSeconds,
    durationSeconds: options.roundSeconds,
    ...serverProcesses,
  };
}

/** What a started scenario reports: its rounds, and `failed` if its server exited before they were over. */
export function contenderResult(contender: Contender): ScenarioResult {
  const { scenario, keyCount, server, seedSeconds, rounds, failure } = contender;
  return {
    ...baseResult(scenario, keyCount),
    status: failure === undefined ? 'ok' : 'failed',
    ...(failure === undefined ? {} : { reason: failure }),
    ...(server.placement === undefined ? {} : { placement: server.placement.description }),
    versions: server.versions,
    settings: server.settings,
    seedSeconds,
    rounds,
  };
}
