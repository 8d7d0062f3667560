/**
 * What keeps a run honest: a server is only measured once it accepts its own keys and refuses an unknown one,
 * measurement waits for a quiet machine, and the results say when the numbers cannot be trusted.
 */
import { readFileSync } from 'node:fs';
import type { LoadOutput } from '../load.ts';
import { machineBusyPercent } from './cpu.ts';
import type { RunningServer } from './scenario.ts';

/** Thresholds in percent of one core. */
const otherCpuLimit = 15;
const loadCpuLimit = 90;
const quietLimit = 10;
const quietWaitMs = 60_000;

/** Refuses to measure a server that accepts unknown keys or rejects its own. */
export async function checkVerifies(server: RunningServer, keysFile: string): Promise<void> {
  const seeded = readFileSync(keysFile, 'utf8').split('\n').filter(Boolean);
  const probes = [
    { key: seeded[0], expectValid: true },
    { key: seeded[seeded.length - 1], expectValid: true },
    { key: 'sk_live_not-a-seeded-key', expectValid: false },
  ];
  for (const probe of probes) {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { ...server.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ key: probe.key }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (text.includes('"valid":true') !== probe.expectValid) {
      const which = probe.expectValid ? 'a seeded key' : 'an unknown key';
      throw new Error(`verifying ${which} answered ${response.status} ${text.slice(0, 300)}`);
    }
  }
}

/**
 * On a shared 2-core machine other work (a test run, a build) takes CPU from the pinned processes. Waits, a
 * bounded time, for one quiet second before measuring; the measurement's CPU accounting tells if it stayed so.
 */
export async function waitForQuietMachine(log: (message: string) => void): Promise<void> {
  const deadline = Date.now() + quietWaitMs;
  let busy = await machineBusyPercent(1000);
  if (busy === undefined || busy <= quietLimit) return;
  log(`machine busy (${busy}% of a core in use), waiting up to ${quietWaitMs / 1000} s for it to go quiet`);
  while (busy !== undefined && busy > quietLimit && Date.now() < deadline) {
    busy = await machineBusyPercent(1000);
  }
}

/** Whether other processes took enough CPU during a measurement to make it worth repeating. */
export function disturbed({ cpu }: LoadOutput): boolean {
  return cpu !== undefined && cpu.other > otherCpuLimit;
}

/** Why a measurement's numbers may not mean what they seem. */
export function fairnessWarnings(output: LoadOutput): string[] {
  const { result, warmup, cpu } = output;
  const failed = failedRequests(output);
  const warmupFailed = warmup.errors + warmup.non2xx + warmup.mismatches;
  const warnings: string[] = [];
  if (failed + warmupFailed > 0) {
    warnings.push(`${failed} failed requests in the measurement, ${warmupFailed} in the warm-up`);
  }
  if (result.requests.total === 0) warnings.push('no request completed');
  if (cpu !== undefined && disturbed(output)) {
    warnings.push(
      `other processes used ${cpu.other}% of a core during the measurement: numbers are unreliable`,
    );
  }
  if (cpu !== undefined && cpu.load > loadCpuLimit) {
    warnings.push(
      `the load generator used ${cpu.load}% of its core: this rate may be its limit, not the server's`,
    );
  }
  return warnings;
}

/** Connection errors, timeouts, non-2xx answers and answers without `"valid":true`, in the measurement. */
export function failedRequests({ result }: LoadOutput): number {
  return result.errors + result.timeouts + result.non2xx + result.mismatches;
}
