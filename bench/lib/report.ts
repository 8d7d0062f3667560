import { availableParallelism, cpus, platform, release, totalmem } from 'node:os';

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
  status: 'ok' | 'failed' | 'skipped';
  reason?: string;
  keyCount: number;
  versions?: Record<string, string>;
  settings?: Record<string, unknown>;
  seedSeconds?: number;
  requestsPerSecond?: number;
  latencyMs?: { mean: number; p50: number; p90: number; p99: number; max: number };
  totalRequests?: number;
  /** Connection errors + timeouts + non-2xx answers + answers without `"valid":true`. */
  failedRequests?: number;
  /** Measurements made; more than one when other processes disturbed the first. */
  attempts?: number;
  ratioVsBare?: number;
  /** Percent of one core: server, load generator, everything else on the machine. */
  cpu?: { server: number; load: number; other: number };
  /** Why these numbers may not mean what they seem. */
  warnings?: string[];
}

export interface BenchReport {
  date: string;
  machine: MachineInfo;
  versions: Record<string, string>;
  pinning: { server: string; load: string; tool: string };
  workload: { endpoint: string; connections: number; warmupSeconds: number; durationSeconds: number };
  scenarios: ScenarioResult[];
  /** Portcullis' req/s over Better Auth's, when both ran. */
  portcullisVsBetterAuth: number | null;
}

/** Adds the ratios (against bare `node:http`, and Portcullis against Better Auth) and the peers' versions. */
export function buildReport(run: Omit<BenchReport, 'date' | 'portcullisVsBetterAuth'>): BenchReport {
  const rate = (id: string): number | undefined =>
    run.scenarios.find((result) => result.id === id && result.status === 'ok')?.requestsPerSecond;
  const bare = rate('bare');
  const scenarios = run.scenarios.map((result) =>
    bare !== undefined && result.requestsPerSecond !== undefined
      ? { ...result, ratioVsBare: result.requestsPerSecond / bare }
      : result,
  );
  const portcullis = rate('portcullis');
  const betterAuth = rate('better-auth');
  const versions = Object.assign({ ...run.versions }, ...scenarios.map((result) => result.versions ?? {}));
  return {
    date: new Date().toISOString(),
    ...run,
    versions,
    scenarios,
    portcullisVsBetterAuth:
      portcullis !== undefined && betterAuth !== undefined ? portcullis / betterAuth : null,
  };
}

/** The printed form: machine, versions, workload, the table, and Portcullis against Better Auth. */
export function renderReport(report: BenchReport): string {
  const { machine, workload, pinning, portcullisVsBetterAuth } = report;
  const versions = Object.entries(report.versions).map(([name, version]) => `${name} ${version}`);
  return [
    `Machine: ${machine.cpu} · ${machine.cores} cores · ${machine.memoryGiB} GiB · ${machine.os}`,
    `Versions: ${versions.join(' · ')}`,
    `Load: ${workload.connections} connections, ${workload.warmupSeconds} s warm-up, ${workload.durationSeconds} s ` +
      `measured; server ${pinning.server}, autocannon ${pinning.load}`,
    '',
    formatTable(report.scenarios),
    '',
    `Portcullis vs Better Auth: ${portcullisVsBetterAuth === null ? '— (both must run)' : `${portcullisVsBetterAuth.toFixed(2)}× the req/s`}`,
  ].join('\n');
}

function fixed(value: number | undefined, digits: number): string {
  return value === undefined ? '—' : value.toFixed(digits);
}

function ratio(value: number | undefined): string {
  return value === undefined ? '—' : `${value.toFixed(2)}×`;
}

/** A plain-text table, one row per scenario (fastify/benchmarks style), with failures and skips spelled out. */
function formatTable(results: readonly ScenarioResult[]): string {
  const header = [
    'server',
    'keys',
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
          result.keyCount.toLocaleString('en-US'),
          Math.round(result.requestsPerSecond ?? 0).toLocaleString('en-US'),
          fixed(result.latencyMs?.p50, 2),
          fixed(result.latencyMs?.p99, 2),
          ratio(result.ratioVsBare),
          (result.failedRequests ?? 0).toLocaleString('en-US'),
          result.cpu === undefined ? '—' : `${result.cpu.server}/${result.cpu.load}/${result.cpu.other}`,
        ]
      : [result.label, result.keyCount.toLocaleString('en-US'), result.status, '', '', '', '', ''],
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
