/**
 * The printed report: machine and versions, a table of medians, the rounds as measured (so any median or ratio
 * can be checked by hand), and the named comparisons with their targets.
 */
import type { Comparison } from './comparisons.ts';
import { loadCpuLimit, otherCpuLimit } from './fairness.ts';
import type { BenchReport } from './report.ts';
import type { RoundResult, ScenarioResult } from './results.ts';
import type { Spread } from './stats.ts';
import { roundNumbers } from './summaries.ts';
import { formatTable } from './table.ts';
import { type WorkloadId, workloads } from './workloads.ts';

const rate = (value: number): string => Math.round(value).toLocaleString('en-US');
/** Latencies come in whole milliseconds; a median of an even count of rounds can end in .5. */
const ms = (value: number): string => String(Number(value.toFixed(2)));
/** Two decimals, one from 10× up; `scale` picks the precision, so both ends of a range read alike. */
const ratio = (value: number, scale = value): string => value.toFixed(scale >= 10 ? 1 : 2);

/** How a comparison's figures read: ratios as "0.76×", an absolute latency as "5 ms". */
interface Unit {
  number(value: number, scale?: number): string;
  suffix: string;
}
const ratioUnit: Unit = { number: ratio, suffix: '×' };
const msUnit: Unit = { number: ms, suffix: ' ms' };
const withUnit = (value: number, unit: Unit): string => `${unit.number(value)}${unit.suffix}`;
const range = (spread: Spread, unit: Unit): string =>
  `${unit.number(spread.min, spread.max)}–${unit.number(spread.max)}${unit.suffix}`;

/** What a scenario seeded: "10,000 keys", "1 client", "50 tokens". */
function seeded(result: ScenarioResult): string {
  const unit = workloads[result.workload].seededUnit;
  return `${result.keyCount.toLocaleString('en-US')} ${result.keyCount === 1 ? unit.one : unit.many}`;
}

function summaryTable(scenarios: readonly ScenarioResult[]): string {
  const header = ['server', 'seeded', 'req/s', 'p50 ms', 'p99 ms', 'vs bare', 'vs bare min–max'];
  const more = ['failed req', 'CPU % srv/load/idle/other'];
  const rows = scenarios.map((result) => {
    const { summary } = result;
    if (result.status !== 'ok' || summary === undefined) return [result.label, seeded(result), result.status];
    const { cpu, vsBare } = summary;
    return [
      result.label,
      seeded(result),
      rate(summary.requestsPerSecond.median),
      ms(summary.p50Ms.median),
      ms(summary.p99Ms.median),
      vsBare === undefined ? '—' : withUnit(vsBare.summary.median, ratioUnit),
      vsBare === undefined ? '' : range(vsBare.summary, ratioUnit),
      summary.failedRequests.toLocaleString('en-US'),
      cpu === undefined ? '—' : `${cpu.server}/${cpu.load}/${cpu.idleServers}/${cpu.other}`,
    ];
  });
  return formatTable([...header, ...more], rows);
}

/** One cell of the rounds table: req/s · p99, and a mark for each reason to doubt it. */
function roundCell(round: RoundResult | undefined): string {
  if (round === undefined) return '—';
  if (round.status === 'failed') return 'failed';
  const marks = `${round.disturbed ? '*' : ''}${round.loadBound ? '^' : ''}${round.failedRequests > 0 ? '!' : ''}`;
  return `${rate(round.requestsPerSecond)} · ${ms(round.latencyMs.p99)}${marks === '' ? '' : ` ${marks}`}`;
}

function roundsTable(scenarios: readonly ScenarioResult[], rounds: number): string {
  const measured = scenarios.filter((result) => (result.rounds ?? []).length > 0);
  const numbers = roundNumbers(rounds);
  const rows = measured.map((result) => [
    result.label,
    ...numbers.map((round) => roundCell(result.rounds?.find((candidate) => candidate.round === round))),
  ]);
  const table = formatTable(['server', ...numbers.map((round) => `round ${round}`)], rows);
  const all = measured.flatMap((result) => result.rounds ?? []);
  const legend = [
    all.some((round) => round.status === 'ok' && round.disturbed) &&
      `* other work took > ${otherCpuLimit}% of a core during the measurement`,
    all.some((round) => round.status === 'ok' && round.loadBound) &&
      `^ the load generator used > ${loadCpuLimit}% of its core: the rate may be its limit, not the server’s`,
    all.some((round) => round.status === 'ok' && round.failedRequests > 0) && '! failed requests',
  ].filter((line): line is string => typeof line === 'string');
  return [table, ...legend].join('\n');
}

/** A scenario's disturbed rounds on one line: which, and how much of a core other work took in each. */
function disturbedNote(result: ScenarioResult): string[] {
  const rounds = (result.rounds ?? []).flatMap((round) =>
    round.status === 'ok' && round.disturbed && round.cpu !== undefined
      ? [`${round.round} (${round.cpu.other}% + ${round.cpu.idleServers}%)`]
      : [],
  );
  return rounds.length === 0 ? [] : [`${result.label}: * in round ${rounds.join(', ')}`];
}

/** Why a scenario or one of its rounds is missing or suspect. */
function notes(scenarios: readonly ScenarioResult[]): string[] {
  const perScenario = scenarios.flatMap((result) => [
    ...(result.status === 'ok'
      ? []
      : [`${result.label} ${result.status}: ${result.reason ?? 'no reason given'}`]),
    ...(result.rounds ?? []).flatMap((round) =>
      round.status === 'failed'
        ? // A server that exited fails its scenario and that round with one reason: said once above.
          round.reason === result.reason
          ? []
          : [`${result.label}, round ${round.round}: failed: ${round.reason}`]
        : (round.warnings ?? []).map((warning) => `${result.label}, round ${round.round}: ${warning}`),
    ),
  ]);
  const disturbed = scenarios.flatMap(disturbedNote);
  return [
    ...perScenario,
    ...(disturbed.length === 0
      ? []
      : [
          'Disturbed rounds (% of a core taken by other processes + by the idle bench servers):',
          ...disturbed,
        ]),
  ];
}

/**
 * The revocation probe's rounds in full: its latency is from the revoke's answer on node A to node B's first
 * refusal; the same from the revoke's start, and the revoke itself, are here.
 */
function revocationTable(scenarios: readonly ScenarioResult[]): string {
  const rows = scenarios.flatMap((result) =>
    (result.rounds ?? []).flatMap((round) => {
      if (round.status !== 'ok' || round.revocation === undefined) return [];
      const { afterAnswerMs, afterRequestMs, revokeMs, refusedAtFirstPoll, polls } = round.revocation;
      return [
        [
          `${result.label}, round ${round.round}`,
          String(round.totalRequests),
          `${ms(afterAnswerMs.p50)} / ${ms(afterAnswerMs.p95)} / ${ms(afterAnswerMs.p99)} / ${ms(afterAnswerMs.max)}`,
          `${ms(afterRequestMs.p50)} / ${ms(afterRequestMs.p99)} / ${ms(afterRequestMs.max)}`,
          `${ms(revokeMs.p50)} / ${ms(revokeMs.p99)}`,
          `${refusedAtFirstPoll} · ${polls.mean.toFixed(1)} · ${polls.max}`,
        ],
      ];
    }),
  );
  if (rows.length === 0) return '';
  const header = [
    'revocation',
    'revoked',
    'answered→refused p50/p95/p99/max ms',
    'begun→refused p50/p99/max ms',
    'revoke p50/p99 ms',
    'refused at 1st poll · polls mean · max',
  ];
  return formatTable(header, rows);
}

function comparisonRow(comparison: Comparison): string[] {
  const unit = comparison.over === undefined ? msUnit : ratioUnit;
  const { summary, target } = comparison;
  const targetText = target === undefined ? '' : `${target.op} ${withUnit(target.value, unit)}`;
  let verdict = '';
  if (comparison.met !== undefined) verdict = comparison.met ? 'met' : 'missed';
  else if (comparison.note !== undefined) verdict = comparison.note;
  else if (summary === null) verdict = comparison.over === undefined ? 'not run' : 'both must run';
  return [
    comparison.label,
    summary === null ? '—' : withUnit(summary.median, unit),
    summary === null ? '' : range(summary, unit),
    targetText,
    verdict,
  ];
}

function comparisonsTable(report: BenchReport): string {
  const ran = new Set(report.scenarios.map((result) => result.id));
  const shown = Object.values(report.comparisons).filter(
    (comparison) => ran.has(comparison.of) || (comparison.over !== undefined && ran.has(comparison.over)),
  );
  if (shown.length === 0) return '';
  return formatTable(['comparison', 'median', 'min–max', 'target', ''], shown.map(comparisonRow));
}

export function render(report: BenchReport): string {
  const { machine, workload, pinning } = report;
  const versions = Object.entries(report.versions).map(([name, version]) => `${name} ${version}`);
  const ranWorkloads = new Set(report.scenarios.map((result) => result.workload));
  const comparisons = comparisonsTable(report);
  const revocations = revocationTable(report.scenarios);
  const noted = notes(report.scenarios);
  const placements = report.scenarios.flatMap((result) =>
    result.placement === undefined ? [] : [`  ${result.label}: ${result.placement}`],
  );
  return [
    `Machine: ${machine.cpu} · ${machine.cores} cores · ${machine.memoryGiB} GiB · ${machine.os}`,
    `Versions: ${versions.join(' · ')}`,
    `Load: ${workload.connections} connections; ${workload.rounds} rounds, each giving every server ` +
      `${workload.warmupSeconds} s warm-up + ${workload.roundSeconds} s measured, in the order below; ` +
      `server ${pinning.server}, autocannon ${pinning.load}`,
    ...(placements.length === 0 ? [] : ['Placed otherwise:', ...placements]),
    ...Object.entries(workload.requests)
      .filter(([id]) => ranWorkloads.has(id as WorkloadId))
      .map(([id, requests]) => `  ${id}: ${requests}`),
    '',
    `Medians over the rounds; vs bare is the median of per-round ratios (both figures from the same round):`,
    summaryTable(report.scenarios),
    '',
    'Each round as measured, req/s · p99 ms:',
    roundsTable(report.scenarios, workload.rounds),
    ...(noted.length > 0 ? ['', ...noted] : []),
    ...(revocations === ''
      ? []
      : [
          '',
          'Cross-node revocation, each round (its row above: revocations a second, and answered→refused ms):',
          revocations,
        ]),
    ...(comparisons === ''
      ? []
      : ['', 'Comparisons, per round then the median; targets are judged on the median:', comparisons]),
  ].join('\n');
}
