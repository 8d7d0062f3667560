/**
 * What keeps a run honest: a server is only measured once it accepts its own keys (tokens, client) and refuses
 * an unknown one, each round waits for a quiet machine, and the results say when a round cannot be trusted.
 */
import { readFileSync } from 'node:fs';
import { decodeProtectedHeader } from 'jose';
import type { LoadOutput } from '../load.ts';
import { type CpuShares, machineBusyPercent } from './cpu.ts';
import type { RunningServer } from './scenario.ts';
import { tokenForm, type WorkloadId } from './workloads.ts';

/** Thresholds in percent of one core: more than this taken by other work, or used by the load generator. */
export const otherCpuLimit = 15;
export const loadCpuLimit = 90;
const quietLimit = 10;
const quietWaitMs = 60_000;

/** Refuses to measure a server that does not do its workload right; see each check. Every node is checked. */
export async function checkServer(
  workload: WorkloadId,
  server: RunningServer,
  keysFile: string,
): Promise<void> {
  if (workload === 'token-issuance') return checkIssues(server);
  const seeded = readFileSync(keysFile, 'utf8').split('\n').filter(Boolean);
  const last = seeded[seeded.length - 1] ?? '';
  const unknown = workload === 'jwt-verify' ? withForgedSignature(last) : 'sk_live_not-a-seeded-key';
  for (const url of server.urls ?? [server.url]) {
    await checkVerifies(url, server.headers, [seeded[0], last], unknown);
  }
}

/** The token with one signature character changed: well-formed, but no longer signed by the server. */
function withForgedSignature(token: string): string {
  const at = token.lastIndexOf('.') + 10;
  return `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
}

/** Refuses to measure a server that accepts an unknown key (or forged token) or rejects its own. */
async function checkVerifies(
  url: string,
  headers: Record<string, string>,
  seeded: readonly (string | undefined)[],
  unknown: string,
): Promise<void> {
  const probes = [...seeded.map((key) => ({ key, expectValid: true })), { key: unknown, expectValid: false }];
  for (const probe of probes) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ key: probe.key }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (text.includes('"valid":true') !== probe.expectValid) {
      const which = probe.expectValid ? 'a seeded key' : 'an unknown key';
      throw new Error(`verifying ${which} on ${url} answered ${response.status} ${text.slice(0, 300)}`);
    }
  }
}

async function postTokenForm(url: string, authorization: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    body: tokenForm,
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, text: await response.text() };
}

/**
 * Refuses to measure a token endpoint that does not answer the bench request with an ES256 JWT access token
 * (RFC 9068 `typ: at+jwt`), or that issues one for a wrong client secret.
 */
async function checkIssues(server: RunningServer): Promise<void> {
  const authorization = server.headers.authorization ?? '';
  const issued = await postTokenForm(server.url, authorization);
  const token: unknown =
    issued.status === 200 ? (JSON.parse(issued.text) as { access_token?: unknown }).access_token : undefined;
  if (typeof token !== 'string') {
    throw new Error(`the token request answered ${issued.status} ${issued.text.slice(0, 300)}`);
  }
  const header = decodeProtectedHeader(token);
  if (header.alg !== 'ES256' || header.typ !== 'at+jwt') {
    throw new Error(`the access token is not an ES256 at+jwt JWT: header ${JSON.stringify(header)}`);
  }
  const clientId = Buffer.from(authorization.replace(/^Basic /, ''), 'base64')
    .toString('utf8')
    .split(':')[0];
  const wrongSecret = `Basic ${Buffer.from(`${clientId}:not-the-secret`).toString('base64')}`;
  const refused = await postTokenForm(server.url, wrongSecret);
  if (refused.status === 200) throw new Error('the token endpoint issued a token for a wrong client secret');
}

/**
 * On a shared 2-core machine other work (a test run, a build) takes CPU from the pinned processes. Waits, a
 * bounded time, for one quiet second before a round; each measurement's CPU accounting tells if it stayed so.
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

/**
 * Whether other work took enough CPU during a measurement to make it suspect: other processes, or the run's
 * idle servers (whose leftover background work runs on the measured server's CPU).
 */
export function disturbed({ cpu }: { cpu?: CpuShares }): boolean {
  return cpu !== undefined && cpu.other + cpu.idleServers > otherCpuLimit;
}

/** Whether the load generator used nearly all of its core, so the rate may be its limit and not the server's. */
export function loadBound({ cpu }: { cpu?: CpuShares }): boolean {
  return cpu !== undefined && cpu.load > loadCpuLimit;
}

/**
 * Requests that failed: a server that is fast because it refuses keys must not pass unnoticed. (`disturbed` and
 * `loadBound` are recorded as flags next to the CPU shares, and the rounds table marks them.)
 */
export function fairnessWarnings(output: LoadOutput): string[] {
  const { result, warmup } = output;
  const failed = failedRequests(output);
  const warmupFailed = warmup.errors + warmup.non2xx + warmup.mismatches;
  const warnings: string[] = [];
  if (failed + warmupFailed > 0) {
    warnings.push(`${failed} failed requests in the measurement, ${warmupFailed} in the warm-up`);
  }
  if (result.requests.total === 0) warnings.push('no request completed');
  return warnings;
}

/** Connection errors, timeouts, non-2xx answers and answers without `"valid":true`, in the measurement. */
export function failedRequests({ result }: LoadOutput): number {
  return result.errors + result.timeouts + result.non2xx + result.mismatches;
}
