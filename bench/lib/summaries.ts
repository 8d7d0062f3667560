/**
 * Per-round figures, per-round ratios and the medians over them. A ratio is always taken between two numbers of
 * the same round, so drift of the machine's speed from one round to the next cancels out of it.
 */
import type { CpuShares } from './cpu.ts';
import { measuredRound, type ScenarioResult, type ScenarioSummary } from './results.ts';
import { median, spreadOf } from './stats.ts';

/** What is compared: requests per second, or the 99th-percentile latency in milliseconds. */
export type Metric = 'requestsPerSecond' | 'p99Ms';

export function metricOf(result: ScenarioResult, round: number, metric: Metric): number | undefined {
  const measured = measuredRound(result, round);
  if (measured === undefined) return undefined;
  return metric === 'requestsPerSecond' ? measured.requestsPerSecond : measured.latencyMs.p99;
}

/** The round numbers of a run: 1 … rounds. */
export function roundNumbers(rounds: number): number[] {
  return Array.from({ length: rounds }, (_, index) => index + 1);
}

/**
 * `of`'s figure over `over`'s, round by round; `null` for a round either did not measure (or where `over` is
 * 0, a round in which nothing completed).
 */
export function perRoundRatios(
  of: ScenarioResult,
  over: ScenarioResult,
  metric: Metric,
  rounds: number,
): (number | null)[] {
  return roundNumbers(rounds).map((round) => {
    const numerator = metricOf(of, round, metric);
    const denominator = metricOf(over, round, metric);
    return numerator === undefined || denominator === undefined || denominator <= 0
      ? null
      : numerator / denominator;
  });
}

function medianCpu(shares: readonly CpuShares[]): CpuShares | undefined {
  if (shares.length === 0) return undefined;
  const of = (pick: (share: CpuShares) => number): number => Math.round(median(shares.map(pick)));
  return {
    server: of((share) => share.server),
    load: of((share) => share.load),
    idleServers: of((share) => share.idleServers),
    other: of((share) => share.other),
  };
}

/** Medians over the measured rounds, and the ratio to `bare` for a verify workload; none without a round. */
export function summarize(
  result: ScenarioResult,
  bare: ScenarioResult | undefined,
  rounds: number,
): ScenarioSummary | undefined {
  const measured = (result.rounds ?? []).flatMap((round) => (round.status === 'ok' ? [round] : []));
  const requestsPerSecond = spreadOf(measured.map((round) => round.requestsPerSecond));
  const p50Ms = spreadOf(measured.map((round) => round.latencyMs.p50));
  const p99Ms = spreadOf(measured.map((round) => round.latencyMs.p99));
  if (requestsPerSecond === undefined || p50Ms === undefined || p99Ms === undefined) return undefined;
  const cpu = medianCpu(measured.flatMap((round) => (round.cpu === undefined ? [] : [round.cpu])));
  // Token issuance and revocation do other jobs than verifying a key: no ratio to the bare verify server.
  const verifies = result.workload === 'api-key-verify' || result.workload === 'jwt-verify';
  const vsBareRounds =
    bare !== undefined && bare.status === 'ok' && verifies
      ? perRoundRatios(result, bare, 'requestsPerSecond', rounds)
      : undefined;
  const vsBareSummary = vsBareRounds === undefined ? undefined : spreadOf(vsBareRounds);
  return {
    requestsPerSecond,
    p50Ms,
    p99Ms,
    failedRequests: measured.reduce((sum, round) => sum + round.failedRequests, 0),
    ...(cpu === undefined ? {} : { cpu }),
    ...(vsBareRounds === undefined || vsBareSummary === undefined
      ? {}
      : { vsBare: { perRound: vsBareRounds, summary: vsBareSummary } }),
  };
}
