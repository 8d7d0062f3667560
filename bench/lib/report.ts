/**
 * The report of one run, as written to bench/results/latest.json: the run's settings, every scenario with its
 * rounds and their medians, and the named comparisons. render.ts prints it.
 */
import { availableParallelism, cpus, platform, release, totalmem } from 'node:os';
import { type Comparison, type ComparisonName, compareAll } from './comparisons.ts';
import type { ScenarioResult } from './results.ts';
import { summarize } from './summaries.ts';
import type { WorkloadId } from './workloads.ts';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
}

export function machineInfo(): MachineInfo {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
  };
}

export interface BenchReport {
  date: string;
  machine: MachineInfo;
  versions: Record<string, string>;
  pinning: { server: string; load: string; tool: string };
  workload: {
    /** What each request of each workload sends. */
    requests: Record<WorkloadId, string>;
    connections: number;
    rounds: number;
    /** Per server per round, thrown away. */
    warmupSeconds: number;
    /** Measured per server per round. */
    roundSeconds: number;
    /** Scenario ids in the order every round measures them. */
    order: string[];
  };
  scenarios: ScenarioResult[];
  /** The median of the per-round ratios of Portcullis' req/s over Better Auth's (also in `comparisons`). */
  portcullisVsBetterAuth: number | null;
  comparisons: Record<ComparisonName, Comparison>;
}

/** Adds each scenario's medians (and ratio to `bare`), the named comparisons and the peers' versions. */
export function buildReport(
  run: Omit<BenchReport, 'date' | 'portcullisVsBetterAuth' | 'comparisons'>,
): BenchReport {
  const { rounds, connections } = run.workload;
  const bare = run.scenarios.find((result) => result.id === 'bare');
  const scenarios = run.scenarios.map((result) => {
    const summary = summarize(result, bare, rounds);
    return summary === undefined ? result : { ...result, summary };
  });
  const comparisons = compareAll(scenarios, { rounds, connections });
  const versions = Object.assign({ ...run.versions }, ...scenarios.map((result) => result.versions ?? {}));
  return {
    date: new Date().toISOString(),
    ...run,
    versions,
    scenarios,
    portcullisVsBetterAuth: comparisons.portcullisVsBetterAuth.summary?.median ?? null,
    comparisons,
  };
}
