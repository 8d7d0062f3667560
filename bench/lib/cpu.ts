/**
 * CPU time seen through /proc (Linux), to tell whether a measurement was fair: a saturated load generator caps
 * the ceiling, and on a shared 2-core machine any other busy process steals from the pinned ones.
 */
import { readdirSync, readFileSync } from 'node:fs';

/**
 * The processes whose CPU time is one server's: its own process ids, and the processes whose command line holds
 * one of `commandLines` (the PostgreSQL backends serving its database, which come and go with its pool).
 */
export interface ProcessSet {
  pids: readonly number[];
  commandLines?: readonly string[];
}

export interface CpuSnapshot {
  at: bigint;
  /** Busy ticks summed over all CPUs. */
  machineBusy: number;
  /** Ticks of each process of the measured server (its nodes, its database backends, its Redis). */
  serverTicks: Map<number, number>;
  /** The same for the other bench servers of the run, idle while this one is measured. */
  idleServerTicks: Map<number, number>;
  /** This process' own user + system time, in microseconds. */
  selfMicros: number;
}

export interface CpuShares {
  /**
   * Percent of one core, over the measurement: the server's processes together (a cluster's nodes, and the
   * PostgreSQL backends and Redis a scenario starts for itself), so it can pass 100.
   */
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

/** The process ids of `set`: its own, and every process whose command line holds one of its strings. */
function membersOf(set: ProcessSet): number[] {
  const members = new Set(set.pids);
  const needles = set.commandLines ?? [];
  if (needles.length > 0) {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
        if (needles.some((needle) => commandLine.includes(needle))) members.add(Number(entry));
      } catch {
        // Gone meanwhile.
      }
    }
  }
  return [...members];
}

/** Ticks of each live member (one that has exited, or exits meanwhile, is left out). */
function ticksOf(pids: readonly number[]): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const pid of pids) {
    try {
      ticks.set(pid, processTicks(pid));
    } catch {
      // Gone.
    }
  }
  return ticks;
}

/** Ticks between two snapshots of the processes alive at both (those that came or went in between are missed). */
function ticksBetween(start: Map<number, number>, end: Map<number, number>): number {
  let ticks = 0;
  for (const [pid, before] of start) {
    const after = end.get(pid);
    if (after !== undefined) ticks += after - before;
  }
  return ticks;
}

/** The first snapshot of a measurement: which processes are the server's and the idle servers', and their ticks. */
export function cpuSnapshot(
  server: ProcessSet | undefined,
  idleServers?: ProcessSet,
): CpuSnapshot | undefined {
  if (process.platform !== 'linux' || server === undefined) return undefined;
  try {
    const usage = process.cpuUsage();
    const serverTicks = ticksOf(membersOf(server));
    if (serverTicks.size === 0) return undefined;
    return {
      at: process.hrtime.bigint(),
      machineBusy: machineBusyTicks(),
      serverTicks,
      idleServerTicks: ticksOf(idleServers === undefined ? [] : membersOf(idleServers)),
      selfMicros: usage.user + usage.system,
    };
  } catch {
    return undefined;
  }
}

/** The snapshot at the end of a measurement, of the same processes as `start`. */
export function cpuSnapshotAgain(start: CpuSnapshot | undefined): CpuSnapshot | undefined {
  if (start === undefined) return undefined;
  try {
    const usage = process.cpuUsage();
    return {
      at: process.hrtime.bigint(),
      machineBusy: machineBusyTicks(),
      serverTicks: ticksOf([...start.serverTicks.keys()]),
      idleServerTicks: ticksOf([...start.idleServerTicks.keys()]),
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
  const server = ticksBetween(start.serverTicks, end.serverTicks) / ticksPerSecond;
  const load = (end.selfMicros - start.selfMicros) / 1e6;
  const idleServers = ticksBetween(start.idleServerTicks, end.idleServerTicks) / ticksPerSecond;
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
