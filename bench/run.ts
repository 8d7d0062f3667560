/**
 * `npm run bench`: three workloads — API-key verification, client-credentials token issuance, JWT access-token
 * verification — each against Portcullis and its peers, in one run.
 *
 * First every selected server is started pinned to CPU 0, seeded (keys, clients, tokens) and checked: it must do
 * its workload right (a seeded key verifies and an unknown one does not; the token endpoint issues an ES256 JWT
 * and refuses a wrong secret). All of them stay up. Then come the rounds: in each, every server in turn gets a
 * warm-up and a measurement from bench/load.ts (autocannon) pinned to CPU 1, in the same order every round.
 * This machine's speed drifts by tens of percent within minutes, so one measurement per server, one server after
 * the other, compares moments rather than servers: the figures reported are medians over the rounds, and every
 * ratio is taken round by round, both figures from the same round, before its median. Then print machine,
 * versions, the tables and the comparisons, and write everything to bench/results/latest.json. See
 * docs/benchmarks.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Contender, contenderResult, type Lineup, startContender } from './lib/lineup.ts';
import { type BenchOptions, parseOptions } from './lib/options.ts';
import { canPin } from './lib/processes.ts';
import { render } from './lib/render.ts';
import { buildReport, machineInfo } from './lib/report.ts';
import { runRounds } from './lib/rounds.ts';
import { loadCpu, serverCpu } from './lib/scenario.ts';
import { packageVersion, repoRoot } from './lib/versions.ts';
import { type WorkloadId, workloads } from './lib/workloads.ts';
import { selectScenarios } from './scenarios.ts';

const log = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

/** Seconds of load the rounds take, start-up and the pauses between measurements aside. */
const loadSeconds = (options: BenchOptions, servers: number): number =>
  options.rounds * servers * (options.warmupSeconds + options.roundSeconds);

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const selected = selectScenarios(options);
  const machine = machineInfo();
  const versions = { node: process.version, autocannon: packageVersion('autocannon') };
  const pinning = canPin()
    ? { server: `CPU ${serverCpu}`, load: `CPU ${loadCpu}`, tool: 'taskset' }
    : { server: 'unpinned', load: 'unpinned', tool: 'none (taskset not found)' };

  log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}`);
  log(
    `node ${versions.node}, autocannon ${versions.autocannon}; server on ${pinning.server}, load on ${pinning.load}`,
  );
  log(
    `on 127.0.0.1, ${options.connections} connections; ${options.rounds} rounds, each giving every server ` +
      `${options.warmupSeconds} s warm-up + ${options.roundSeconds} s measurement ` +
      `(${Math.ceil(loadSeconds(options, selected.length) / 60)} min of load)`,
  );
  const selectedWorkloads = new Set(selected.map((scenario) => scenario.workload));
  for (const id of selectedWorkloads) log(`  ${id}: ${workloads[id].description}`);
  log('');

  const runDir = mkdtempSync(join(tmpdir(), 'portcullis-bench-'));
  // On exit rather than in a `finally`, so an interrupted run cleans up too.
  if (!options.keepWorkDir) process.on('exit', () => rmSync(runDir, { recursive: true, force: true }));
  const lineup: Lineup[] = [];
  const contenders: Contender[] = [];
  try {
    for (const scenario of selected) {
      const entry = await startContender(scenario, options, runDir, log);
      lineup.push(entry);
      if (entry.kind === 'started') contenders.push(entry.contender);
    }
    log('');
    if (contenders.length > 0) await runRounds(contenders, options, log);
  } finally {
    await Promise.all(contenders.map((contender) => contender.server.stop()));
  }
  if (options.keepWorkDir) log(`work directory kept: ${runDir}`);

  const results = lineup.map((entry) =>
    entry.kind === 'started' ? contenderResult(entry.contender) : entry.result,
  );
  const report = buildReport({
    machine,
    versions,
    pinning,
    workload: {
      requests: Object.fromEntries(
        Object.values(workloads).map((workload) => [workload.id, workload.description]),
      ) as Record<WorkloadId, string>,
      connections: options.connections,
      rounds: options.rounds,
      warmupSeconds: options.warmupSeconds,
      roundSeconds: options.roundSeconds,
      order: selected.map((scenario) => scenario.id),
    },
    scenarios: results,
  });
  process.stdout.write(`\n${render(report)}\n`);
  const resultsFile = resolve(fileURLToPath(repoRoot), options.resultsFile);
  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`Results: ${resultsFile}\n`);
  const roundFailed = results.some((result) => result.rounds?.some((round) => round.status === 'failed'));
  return roundFailed || results.some((result) => result.status === 'failed') ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  log(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
