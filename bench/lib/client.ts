/** Small HTTP and timing helpers for driving a server from the runner. */
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A loopback port free right now (a server started soon after will most likely get it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject()));
    });
  });
}

/** Rejects when `work` has not settled within `ms`, so no step of a run can hang it. */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 60_000} min`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** POSTs JSON and returns the parsed answer; retries a few times on 429 and 503, fails on any other status. */
export async function postJson(
  url: string,
  headers: Record<string, string>,
  body: unknown,
  expectedStatus: number,
): Promise<unknown> {
  const path = new URL(url).pathname;
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (response.status === expectedStatus) return JSON.parse(text) as unknown;
    if ((response.status === 429 || response.status === 503) && attempt < 5) {
      await sleep(Math.min(5000, Number(response.headers.get('retry-after') ?? 1) * 1000));
      continue;
    }
    throw new Error(
      `POST ${path} answered ${response.status}, expected ${expectedStatus}: ${text.slice(0, 300)}`,
    );
  }
}

/** The string `field` of a JSON answer, or an error naming the call that lacked it. */
export function stringField(value: unknown, field: string, what: string): string {
  const found =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[field] : undefined;
  if (typeof found !== 'string') throw new Error(`${what} answered without a string "${field}"`);
  return found;
}
