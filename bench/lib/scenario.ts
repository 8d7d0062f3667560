import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProcessSet } from './cpu.ts';
import { pinned, spawnTracked, waitForLine } from './processes.ts';
import { type ReadyInfo, readyPrefix } from './server-peer.ts';
import type { WorkloadId } from './workloads.ts';

/** The CPU servers run on; the load generator gets `loadCpu`. */
export const serverCpu = 0;
export const loadCpu = 1;

export interface ScenarioContext {
  /** A directory of its own for this scenario's database, key list and logs. */
  workDir: string;
  /** Keys, clients or tokens to seed, by the workload (see `Workload.seededUnit`). */
  keyCount: number;
  /** Where the seeded keys (or tokens) go, one per line, for the load generator. */
  keysFile: string;
  log(message: string): void;
}

export interface RunningServer {
  /** The endpoint under load (verify, or token); always on 127.0.0.1. */
  url: string;
  /**
   * A scenario of several nodes: every node's endpoint, `url` first. The load generator spreads its connections
   * over them (connection i to node i mod n), and the checks run on each.
   */
  urls?: string[];
  /** Extra request headers every call needs (the platform key for Portcullis' verify, Basic for a token). */
  headers: Record<string, string>;
  /**
   * The server's processes, for CPU accounting: its own, and those it started for itself (a second node, its
   * Redis, the PostgreSQL backends of its database), whose CPU time is its own.
   */
  processes: ProcessSet | undefined;
  /**
   * Where its processes run when that is not the run's rule (server on CPU 0, load generator on CPU 1): said
   * with the results, and `loadPinned: false` runs the load generator unpinned.
   */
  placement?: { description: string; loadPinned: boolean };
  /**
   * The revocation workload: where keys are issued and revoked (node A's keys URL; a revocation is a DELETE of
   * `<keysUrl>/<id>`) and the verify endpoint polled until it refuses (node B's).
   */
  revocation?: { keysUrl: string; verifyUrl: string };
  versions: Record<string, string>;
  settings: Record<string, unknown>;
  /** Why the server is gone, once it has exited on its own; `undefined` while it runs. */
  exitReason(): string | undefined;
  stop(): Promise<void>;
}

export interface Scenario {
  id: string;
  label: string;
  workload: WorkloadId;
  /** Keys (clients, tokens) seeded for this scenario, when it differs from the run's `--keys`. */
  keyCount?: number;
  /**
   * Why this scenario cannot run here, if it cannot; checked before anything starts. `skipped` is for a scenario
   * that is expected not to run yet, `failed` for one that should.
   */
  unavailable?(): Promise<{ status: 'skipped' | 'failed'; reason: string } | undefined>;
  start(context: ScenarioContext): Promise<RunningServer>;
}

const seedTimeoutMs = (keyCount: number): number => 60_000 + keyCount * 5;

/** A peer written as a bench server script (see `server-peer.ts`), started pinned to the server CPU. */
export function serverScriptScenario(
  id: string,
  label: string,
  script: URL,
  options: { workload?: WorkloadId; keyCount?: number } = {},
): Scenario {
  return {
    id,
    label,
    workload: options.workload ?? 'api-key-verify',
    ...(options.keyCount === undefined ? {} : { keyCount: options.keyCount }),
    async start({ workDir, keyCount, keysFile }) {
      const [command, args] = pinned(serverCpu, process.execPath, [fileURLToPath(script)]);
      const server = spawnTracked(label, command, args, {
        env: {
          ...process.env,
          NODE_ENV: 'production',
          BENCH_KEY_COUNT: String(keyCount),
          BENCH_KEYS_FILE: keysFile,
          BENCH_WORK_DIR: workDir,
        },
        logFile: join(workDir, 'server.log'),
      });
      try {
        const ready = JSON.parse(
          await waitForLine(server, readyPrefix, seedTimeoutMs(keyCount)),
        ) as ReadyInfo;
        return {
          url: `http://127.0.0.1:${ready.port}${ready.path ?? '/api/v1/verify'}`,
          headers: ready.headers ?? {},
          processes: server.child.pid === undefined ? undefined : { pids: [server.child.pid] },
          versions: ready.versions,
          settings: ready.settings,
          exitReason: () => server.exitReason(),
          stop: () => server.stop(),
        };
      } catch (error) {
        await server.stop();
        throw error;
      }
    },
  };
}
