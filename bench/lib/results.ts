/**
 * What a run records: every round of every scenario as measured, and the summaries computed from them
 * (summaries.ts, comparisons.ts). bench/results/latest.json holds these shapes.
 */
import type { LatencySummary } from '../revocation-latency.ts';
import type { CpuShares } from './cpu.ts';
import type { Spread } from './stats.ts';
import type { WorkloadId } from './workloads.ts';

/**
 * One server's warm-up and measurement in one round. For the revocation workload, `requestsPerSecond` is
 * revocations a second (issuing and warming each key included), `latencyMs` the time from the revoke's answer
 * on node A to node B's first refusal, `totalRequests` the revocations, and `revocation` has the rest.
 */
export interface RoundMeasurement {
  /** 1-based. */
  round: number;
  status: 'ok';
  requestsPerSecond: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  totalRequests: number;
  /** The revocation workload: the other timings of bench/revocation-latency.ts. */
  revocation?: {
    afterRequestMs: LatencySummary;
    afterAnswerMs: LatencySummary;
    revokeMs: LatencySummary;
    refusedAtFirstPoll: number;
    polls: { mean: number; max: number };
    failures?: string[];
  };
  /** Verify workloads: where in the key list this round's warm-up started (the previous round stopped there). */
  keyOffset?: number;
  /** Connection errors + timeouts + non-2xx answers + answers without `"valid":true` (or an `access_token`). */
  failedRequests: number;
  /** Percent of one core, over the measurement. */
  cpu?: CpuShares;
  /** Other work (processes, or the run's idle servers) took enough CPU to make this round suspect. */
  disturbed: boolean;
  /** The load generator used nearly all of its core: the rate may be its limit, not the server's. */
  loadBound: boolean;
  /** Failed requests in the measurement or its warm-up, or none completed. */
  warnings?: string[];
}

/** A round in which the server could not be measured (the load generator failed, or the server had exited). */
export interface RoundFailure {
  round: number;
  status: 'failed';
  reason: string;
}

export type RoundResult = RoundMeasurement | RoundFailure;

/** Medians over a scenario's measured rounds, each with its min–max. */
export interface ScenarioSummary {
  requestsPerSecond: Spread;
  p50Ms: Spread;
  p99Ms: Spread;
  /** Summed over the measured rounds. */
  failedRequests: number;
  /** The median of each share over the measured rounds. */
  cpu?: CpuShares;
  /** Verify workloads: each round's req/s over the bare API-key server's in the same round, then their spread. */
  vsBare?: { perRound: (number | null)[]; summary: Spread };
}

export interface ScenarioResult {
  id: string;
  label: string;
  workload: WorkloadId;
  /** `failed` when the server did not start, or exited during the rounds (its rounds until then are kept). */
  status: 'ok' | 'failed' | 'skipped';
  reason?: string;
  /** Where its processes ran, when not on the run's CPUs (a cluster's nodes on both CPUs). */
  placement?: string;
  /** Keys, clients or tokens seeded, by the workload. */
  keyCount: number;
  versions?: Record<string, string>;
  settings?: Record<string, unknown>;
  seedSeconds?: number;
  /** In round order; a scenario that failed mid-run has fewer than the run. */
  rounds?: RoundResult[];
  /** Added by `buildReport` from `rounds`. */
  summary?: ScenarioSummary;
}

/** The measured rounds of a scenario, by round number. */
export function measuredRound(result: ScenarioResult, round: number): RoundMeasurement | undefined {
  const found = result.rounds?.find((candidate) => candidate.round === round);
  return found?.status === 'ok' ? found : undefined;
}
