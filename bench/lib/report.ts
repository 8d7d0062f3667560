import { availableParallelism, cpus, platform, release, totalmem } from 'node:os';
import { type WorkloadId, workloads } from './workloads.ts';

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

export interface ScenarioResult {
  id: string;
  label: string;
  workload: WorkloadId;
  status: 'ok' | 'failed' | 'skipped';
  reason?: string;
  /** Keys, clients or tokens seeded, by the workload. */
  keyCount: number;
  versions?: Record<string, string>;
  settings?: Record<string, unknown>;
  seedSeconds?: number;
  requestsPerSecond?: number;
  latencyMs?: { mean: number; p50: number; p90: number; p99: number; max: number };
  totalRequests?: number;
  /** Connection errors + timeouts + non-2xx answers + answers without `"valid":true` (or an `access_token`). */
  failedRequests?: number;
  /** Measurements made; more than one when other processes disturbed the first. */
  attempts?: number;
  /** req/s over the bare API-key server's, for the verify workloads. */
  ratioVsBare?: number;
  /** Percent of one core: server, load generator, everything else on the machine. */
  cpu?: { server: number; load: number; other: number };
  /** Why these numbers may not mean what they seem. */
  warnings?: string[];
}

/** One ratio printed under the table: `of`'s req/s over `over`'s, with the issue's target where there is one. */
interface RatioDefinition {
  label: string;
  of: string;
  over: string;
  target?: number;
}

const ratioDefinitions = {
  portcullisVsBetterAuth: { label: 'Portcullis vs Better Auth', of: 'portcullis', over: 'better-auth' },
  tokenIssuanceVsOidcProvider: {
    label: 'Token issuance, Portcullis vs oidc-provider',
    of: 'portcullis-token',
    over: 'oidc-provider-token',
    target: 1,
  },
  jwtVerifyVsBareJwt: {
    label: 'JWT verify, Portcullis (token cache on, the default) vs bare JWT verify',
    of: 'portcullis-jwt-verify',
    over: 'bare-jwt-verify',
    target: 0.6,
  },
  jwtVerifyUncachedVsBareJwt: {
    label: 'JWT verify, Portcullis with its cache off vs bare JWT verify',
    of: 'portcullis-jwt-verify-uncached',
    over: 'bare-jwt-verify',
    target: 0.6,
  },
  jwtVerifyVsBare: {
    label: 'JWT verify, Portcullis vs bare API-key server (reference)',
    of: 'portcullis-jwt-verify',
    over: 'bare',
  },
} satisfies Record<string, RatioDefinition>;

type RatioName = keyof typeof ratioDefinitions;

export interface Ratio extends RatioDefinition {
  /** `null` when either scenario did not run or failed. */
  value: number | null;
  /** Whether `value` reaches `target`, when both are known. */
  met?: boolean;
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
    warmupSeconds: number;
    durationSeconds: number;
  };
  scenarios: ScenarioResult[];
  /** Portcullis' req/s over Better Auth's, when both ran (also in `ratios`). */
  portcullisVsBetterAuth: number | null;
  ratios: Record<RatioName, Ratio>;
}

/** Adds the ratios (verify workloads against bare `node:http`, and those under the table) and the peers' versions. */
export function buildReport(
  run: Omit<BenchReport, 'date' | 'portcullisVsBetterAuth' | 'ratios'>,
): BenchReport {
  const rate = (id: string): number | undefined =>
    run.scenarios.find((result) => result.id === id && result.status === 'ok')?.requestsPerSecond;
  const bare = rate('bare');
  const scenarios = run.scenarios.map((result) =>
    bare !== undefined && result.requestsPerSecond !== undefined && result.workload !== 'token-issuance'
      ? { ...result, ratioVsBare: result.requestsPerSecond / bare }
      : result,
  );
  const ratios = Object.fromEntries(
    Object.entries(ratioDefinitions).map(([name, definition]: [string, RatioDefinition]) => {
      const of = rate(definition.of);
      const over = rate(definition.over);
      const value = of !== undefined && over !== undefined ? of / over : null;
      const met = value !== null && definition.target !== undefined ? value >= definition.target : undefined;
      return [name, { ...definition, value, ...(met === undefined ? {} : { met }) }];
    }),
  ) as Record<RatioName, Ratio>;
  const versions = Object.assign({ ...run.versions }, ...scenarios.map((result) => result.versions ?? {}));
  return {
    date: new Date().toISOString(),
    ...run,
    versions,
    scenarios,
    portcullisVsBetterAuth: ratios.portcullisVsBetterAuth.value,
    ratios,
  };
}

/** A ratio line, when at least one of its two scenarios was part of the run. */
function ratioLine(ratio: Ratio, ran: ReadonlySet<string>): string | undefined {
  if (!ran.has(ratio.of) && !ran.has(ratio.over)) return undefined;
  if (ratio.value === null) return `${ratio.label}: — (both must run)`;
  const target =
    ratio.target === undefined
      ? ''
      : ` (target ≥ ${ratio.target.toFixed(2)}×: ${ratio.met === true ? 'met' : 'missed'})`;
  return `${ratio.label}: ${ratio.value.toFixed(2)}× the req/s${target}`;
}

/** The printed form: machine, versions, workloads, the table, and the ratios between named scenarios. */
export function renderReport(report: BenchReport): string {
  const { machine, workload, pinning } = report;
  const versions = Object.entries(report.versions).map(([name, version]) => `${name} ${version}`);
  const ran = new Set(report.scenarios.map((result) => result.id));
  const ranWorkloads = new Set(report.scenarios.map((result) => result.workload));
  return [
    `Machine: ${machine.cpu} · ${machine.cores} cores · ${machine.memoryGiB} GiB · ${machine.os}`,
    `Versions: ${versions.join(' · ')}`,
    `Load: ${workload.connections} connections, ${workload.warmupSeconds} s warm-up, ${workload.durationSeconds} s ` +
      `measured; server ${pinning.server}, autocannon ${pinning.load}`,
    ...Object.entries(workload.requests)
      .filter(([id]) => ranWorkloads.has(id as WorkloadId))
      .map(([id, requests]) => `  ${id}: ${requests}`),
    '',
    formatTable(report.scenarios),
    '',
    ...Object.values(report.ratios).flatMap((ratio) => ratioLine(ratio, ran) ?? []),
  ].join('\n');
}

function fixed(value: number | undefined, digits: number): string {
  return value === undefined ? '—' : value.toFixed(digits);
}

function ratio(value: number | undefined): string {
  return value === undefined ? '—' : `${value.toFixed(2)}×`;
}

/** What a scenario seeded: "10,000 keys", "1 client", "50 tokens". */
function seeded(result: ScenarioResult): string {
  const unit = workloads[result.workload].seededUnit;
  return `${result.keyCount.toLocaleString('en-US')} ${result.keyCount === 1 ? unit.one : unit.many}`;
}

/** A plain-text table, one row per scenario (fastify/benchmarks style), with failures and skips spelled out. */
function formatTable(results: readonly ScenarioResult[]): string {
  const header = [
    'server',
    'seeded',
    'req/s',
    'p50 ms',
    'p99 ms',
    'vs bare',
    'failed req',
    'CPU % srv/load/other',
  ];
  const rows = results.map((result) =>
    result.status === 'ok'
      ? [
          result.label,
          seeded(result),
          Math.round(result.requestsPerSecond ?? 0).toLocaleString('en-US'),
          fixed(result.latencyMs?.p50, 2),
          fixed(result.latencyMs?.p99, 2),
          ratio(result.ratioVsBare),
          (result.failedRequests ?? 0).toLocaleString('en-US'),
          result.cpu === undefined ? '—' : `${result.cpu.server}/${result.cpu.load}/${result.cpu.other}`,
        ]
      : [result.label, seeded(result), result.status, '', '', '', '', ''],
  );
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: string[]): string =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (column === 0 ? `:${'-'.repeat(width + 1)}` : `${'-'.repeat(width + 1)}:`)).join('|')}|`;
  const notes = results.flatMap((result) =>
    result.status === 'ok'
      ? (result.warnings ?? []).map((warning) => `${result.label}: ${warning}`)
      : [`${result.label} ${result.status}: ${result.reason ?? 'no reason given'}`],
  );
  return [line(header), rule, ...rows.map(line), ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
}
