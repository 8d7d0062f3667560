import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';

/**
 * Child processes of one bench run. Each runs in its own process group, so stopping it also stops anything it
 * started; every group still alive is killed when the runner exits, fails or is interrupted.
 */
const live = new Set<Tracked>();

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function killAllNow(): void {
  for (const tracked of live) if (tracked.child.pid !== undefined) killGroup(tracked.child.pid, 'SIGKILL');
  live.clear();
}

process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    killAllNow();
    process.stderr.write(`\nbench: interrupted by ${signal}, children stopped\n`);
    process.exit(130);
  });
}

const hasTaskset = process.platform === 'linux' && spawnSync('taskset', ['--version']).status === 0;

/** Whether processes can be pinned to a CPU here (`taskset`, Linux). */
export function canPin(): boolean {
  return hasTaskset;
}

/** Wraps a command so it runs on one CPU; unpinned where `taskset` is missing (the results record that). */
export function pinned(cpu: number, command: string, args: string[]): [string, string[]] {
  return hasTaskset ? ['taskset', ['-c', String(cpu), command, ...args]] : [command, args];
}

export interface Tracked {
  label: string;
  child: ChildProcess;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  exited: Promise<number | string>;
  /** The last lines it wrote to stderr, for error messages. */
  stderrTail(): string;
  /** Once it has exited: its status and the end of its stderr. `undefined` while it runs. */
  exitReason(): string | undefined;
  /** SIGTERM to the group, SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Also append stdout and stderr here. */
  logFile?: string;
}

const tailLimit = 4000;

export function spawnTracked(
  label: string,
  command: string,
  args: string[],
  options: SpawnOptions = {},
): Tracked {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const log = options.logFile === undefined ? undefined : createWriteStream(options.logFile, { flags: 'a' });
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-tailLimit);
    log?.write(chunk);
  });
  if (log !== undefined) child.stdout?.on('data', (chunk: Buffer) => log.write(chunk));
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => {
      live.delete(tracked);
      log?.end();
      resolve(code ?? signal ?? 'unknown');
    });
    child.on('error', (error) => {
      live.delete(tracked);
      tail += `\n${label}: ${error.message}`;
      resolve('spawn-error');
    });
  });
  const tracked: Tracked = {
    label,
    child,
    exited,
    stderrTail: () => tail.trim(),
    exitReason: () => {
      const status = child.exitCode ?? child.signalCode;
      return status === null ? undefined : describeExit(tracked, status);
    },
    async stop(graceMs = 3000) {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      killGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => child.pid !== undefined && killGroup(child.pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  live.add(tracked);
  return tracked;
}

/** One line to say what happened (with the last line of stderr), then the end of stderr for the log. */
function describeExit(tracked: Tracked, status: number | string): string {
  const tail = tracked.stderrTail();
  const lastLine = tail.split('\n').at(-1)?.trim() ?? '';
  const summary = `${tracked.label} exited (${status})${lastLine === '' ? '' : `: ${lastLine}`}`;
  return tail === '' ? summary : `${summary}\n  its stderr ended with:\n${indent(tail)}`;
}

export function indent(text: string): string {
  return text
    .split('\n')
    .slice(-20)
    .map((line) => `    ${line}`)
    .join('\n');
}

/** Resolves with the first stdout line that starts with `prefix` (the rest of the line), or fails on exit or timeout. */
export function waitForLine(tracked: Tracked, prefix: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString('utf8');
      let newline = buffered.indexOf('\n');
      while (newline !== -1) {
        const line = buffered.slice(0, newline).trimEnd();
        buffered = buffered.slice(newline + 1);
        if (line.startsWith(prefix)) {
          finish();
          resolve(line.slice(prefix.length).trim());
          return;
        }
        newline = buffered.indexOf('\n');
      }
    };
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`${tracked.label} was not ready within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    const finish = (): void => {
      clearTimeout(timer);
      tracked.child.stdout?.off('data', onData);
    };
    tracked.child.stdout?.on('data', onData);
    void tracked.exited.then((status) => {
      finish();
      reject(new Error(describeExit(tracked, status)));
    });
  });
}

/** Runs a process to its end and returns its stdout; fails on a non-zero exit or after `timeoutMs`. */
export async function runToEnd(tracked: Tracked, timeoutMs: number): Promise<string> {
  let stdout = '';
  tracked.child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void tracked.stop(1000);
  }, timeoutMs);
  const status = await tracked.exited;
  clearTimeout(timer);
  if (timedOut) throw new Error(`${tracked.label} did not finish within ${Math.round(timeoutMs / 1000)} s`);
  if (status !== 0) throw new Error(describeExit(tracked, status));
  return stdout;
}
