import { readFileSync } from 'node:fs';

/**
 * CPU time seen through /proc (Linux), to tell whether a measurement was fair: a saturated load generator caps
 * the ceiling, and on a shared 2-core machine any other busy process steals from the pinned ones.
 */
export interface CpuSnapshot {
  at: bigint;
  /** Busy ticks summed over all CPUs. */
  machineBusy: number;
  serverTicks: number;
  /** The other bench servers of the run, idle while this one is measured (they share its CPU). */
  idleServerTicks: number;
  /** This process' own user + system time, in microseconds. */
  selfMicros: number;
}

export interface CpuShares {
  /** Percent of one core, over the measurement. */
  server: number;
  load: number;
  /**
   * The run's other servers, which stay up between their own measurements: background work they left behind
   * (a feed writer catching up, last-used stamps written out) runs on the measured server's CPU.
   */
  idleServers: number;
  /** Everything else on the machine: other processes, the kernel's own work for nobody in particular. */
  other: number;
}

const ticksPerSecond = 100; // USER_HZ, 100 on every Linux platform Node supports.

function machineBusyTicks(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const [, user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line
    .trim()
    .split(/\s+/)
    .map(Number);
  return user + nice + system + irq + softirq + steal;
}

function processTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may itself hold spaces and parentheses; utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Ticks of processes that may have exited meanwhile (a crashed idle server is not this measurement's concern). */
function ticksOfLive(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      ticks += processTicks(pid);
    } catch {
      // Gone.
    }
  }
  return ticks;
}

export function cpuSnapshot(
  serverPid: number | undefined,
  idleServerPids: readonly number[] = [],
): CpuSnapshot | undefined {
  if (process.platform !== 'linux' || serverPid === undefined) return undefined;
  try {
    const usage = process.cpuUsage();
    return {
      at: process.hrtime.bigint(),
      machineBusy: machineBusyTicks(),
      serverTicks: processTicks(serverPid),
      idleServerTicks: ticksOfLive(idleServerPids),
      selfMicros: usage.user + usage.system,
    };
  } catch {
    return undefined;
  }
}

export function cpuShares(
  start: CpuSnapshot | undefined,
  end: CpuSnapshot | undefined,
): CpuShares | undefined {
  if (start === undefined || end === undefined) return undefined;
  const seconds = Number(end.at - start.at) / 1e9;
  const server = (end.serverTicks - start.serverTicks) / ticksPerSecond;
  const load = (end.selfMicros - start.selfMicros) / 1e6;
  // An idle server that exited during the measurement would make this negative.
  const idleServers = Math.max(0, (end.idleServerTicks - start.idleServerTicks) / ticksPerSecond);
  const machine = (end.machineBusy - start.machineBusy) / ticksPerSecond;
  const percent = (cpuSeconds: number): number => Math.round((cpuSeconds / seconds) * 100);
  return {
    server: percent(server),
    load: percent(load),
    idleServers: percent(idleServers),
    other: Math.max(0, percent(machine - server - load - idleServers)),
  };
}

/** Percent of one core the whole machine was busy over the next `sampleMs` (undefined off Linux). */
export async function machineBusyPercent(sampleMs: number): Promise<number | undefined> {
  if (process.platform !== 'linux') return undefined;
  const start = machineBusyTicks();
  await new Promise((resolve) => setTimeout(resolve, sampleMs));
  return Math.round(((machineBusyTicks() - start) / ticksPerSecond / (sampleMs / 1000)) * 100);
}
