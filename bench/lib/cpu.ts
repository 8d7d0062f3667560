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
  /** This process' own user + system time, in microseconds. */
  selfMicros: number;
}

export interface CpuShares {
  /** Percent of one core, over the measurement. */
  server: number;
  load: number;
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

export function cpuSnapshot(serverPid: number | undefined): CpuSnapshot | undefined {
  if (process.platform !== 'linux' || serverPid === undefined) return undefined;
  try {
    const usage = process.cpuUsage();
    return {
      at: process.hrtime.bigint(),
      machineBusy: machineBusyTicks(),
      serverTicks: processTicks(serverPid),
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
  const machine = (end.machineBusy - start.machineBusy) / ticksPerSecond;
  const percent = (cpuSeconds: number): number => Math.round((cpuSeconds / seconds) * 100);
  return {
    server: percent(server),
    load: percent(load),
    other: Math.max(0, percent(machine - server - load)),
  };
}

/** Percent of one core the whole machine was busy over the next `sampleMs` (undefined off Linux). */
export async function machineBusyPercent(sampleMs: number): Promise<number | undefined> {
  if (process.platform !== 'linux') return undefined;
  const start = machineBusyTicks();
  await new Promise((resolve) => setTimeout(resolve, sampleMs));
  return Math.round(((machineBusyTicks() - start) / ticksPerSecond / (sampleMs / 1000)) * 100);
}
