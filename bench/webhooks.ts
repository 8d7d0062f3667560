/**
 * `node bench/webhooks.ts`: webhook delivery from one node on SQLite to a local receiver (docs/benchmarks.md).
 *
 * The node (this process, on CPU 0) runs the real store, unit of work, outbox and delivery worker with the
 * default `webhooks` settings (private networks allowed, the receiver being on loopback); the receiver is
 * another process on CPU 1 that answers 204 at once. Two measurements:
 *
 * 1. Throughput: `--events` events (default 20,000) are committed to the outbox while the worker is stopped;
 *    then it starts, and the time until the receiver has had every one gives deliveries per second (dispatch,
 *    claim, sign, send and the writes of every attempt included).
 * 2. Latency: with the worker running, `--rate` events a second (default 200) for `--seconds` (default 10) are
 *    published one unit of work each; for each, the time from its commit to its first attempt's arrival.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load.ts';
import { localPrincipal } from '../src/services/access/principal.ts';
import { buildServiceContext } from '../src/services/build-context.ts';
import { createTenant } from '../src/services/tenants/manage.ts';
import { createEndpoint } from '../src/services/webhooks/endpoints.ts';
import { publishEvent } from '../src/services/webhooks/events.ts';
import { DeliveryWorker } from '../src/services/webhooks/worker.ts';
import { openStore } from '../src/store/index.ts';
import { canPin, pinned, spawnTracked, waitForLine } from './lib/processes.ts';
import { machineInfo } from './lib/report.ts';

const argument = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const EVENTS = argument('events', 20_000);
const RATE = argument('rate', 200);
const SECONDS = argument('seconds', 10);
const PEPPER = `1:${Buffer.alloc(32, 7).toString('base64')}`;

// Read before pinning: pinned, the process sees one core.
const machine = machineInfo();
if (canPin()) spawnSync('taskset', ['-pc', '0', String(process.pid)]);
const [command, args] = pinned(1, process.execPath, [join(import.meta.dirname, 'peers/webhook-receiver.ts')]);
const receiver = spawnTracked('receiver', command, args);
const port = Number(await waitForLine(receiver, 'listening ', 10_000));
const arrivals = async () =>
  (await (await fetch(`http://127.0.0.1:${port}/`)).json()) as {
    count: number;
    first: Record<string, number>;
  };

const dir = mkdtempSync(join(tmpdir(), 'portcullis-bench-webhooks-'));
const store = await openStore({ sqlitePath: join(dir, 'portcullis.db') });
const config = loadConfig({
  object: { webhooks: { allowPrivateNetworks: true, eventTypes: [{ type: 'bench.event' }] } },
  env: {},
});
const context = buildServiceContext({ config, store, pepper: PEPPER, masterKey: new Uint8Array(32).fill(1) });
const tenant = await createTenant(context, localPrincipal, { name: 'Bench' });
await createEndpoint(context, localPrincipal, tenant.id, {
  url: `http://127.0.0.1:${port}/hooks`,
  events: ['bench.*'],
});
const worker = new DeliveryWorker(context, (error) => process.stderr.write(`${String(error)}\n`));

// 1. Throughput.
const now = Date.now();
await store.unitOfWork(async (unit) => {
  for (let index = 0; index < EVENTS; index++) {
    await unit.outbox.append({
      type: 'bench.event',
      tenantId: tenant.id,
      mode: 'live',
      payload: { index },
      createdAt: now,
    });
  }
});
const started = performance.now();
const cpuBefore = process.cpuUsage();
worker.start();
while ((await arrivals()).count < EVENTS) await new Promise((resolve) => setTimeout(resolve, 50));
const throughputSeconds = (performance.now() - started) / 1000;
const cpuUsed = process.cpuUsage(cpuBefore);
// Under 100%: the node waited (for the receiver, or for a CPU other work held).
const cpuPercent = Math.round(((cpuUsed.user + cpuUsed.system) / 1e6 / throughputSeconds) * 100);

// 2. Commit to first attempt.
const committed = new Map<string, number>();
const interval = 1000 / RATE;
const begin = performance.now();
for (let index = 0; index < RATE * SECONDS; index++) {
  const due = begin + index * interval;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const event = await publishEvent(context, localPrincipal, tenant.id, {
    type: 'bench.event',
    mode: 'live',
    data: { index },
  });
  committed.set(event.id, Date.now());
}
const deadline = Date.now() + 30_000;
let first: Record<string, number> = {};
while (Date.now() < deadline) {
  first = (await arrivals()).first;
  if ([...committed.keys()].every((id) => id in first)) break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const latencies = [...committed]
  .map(([id, at]) => (first[id] ?? Number.POSITIVE_INFINITY) - at)
  .sort((a, b) => a - b);
const percentile = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];

const failedAttempts = await store.webhookDeliveries.countFailedAttempts();
await worker.close();
await context.requestFeed.close();
context.webhooks.sender.close();
await store.close();
await receiver.stop();
rmSync(dir, { recursive: true, force: true });

process.stdout.write(
  [
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}`,
    `pinned: ${canPin() ? 'node on CPU 0, receiver on CPU 1' : 'no (taskset missing)'}`,
    `throughput: ${EVENTS} deliveries in ${throughputSeconds.toFixed(2)} s = ${Math.round(EVENTS / throughputSeconds)}/s, node CPU ${cpuPercent}% (target ≥ 1,000/s)`,
    `failed attempts (retried): ${failedAttempts}`,
    `commit → first attempt at ${RATE}/s for ${SECONDS} s: p50 ${percentile(50)} ms, p99 ${percentile(99)} ms, max ${percentile(100)} ms (target p99 < 1,000 ms)`,
    '',
  ].join('\n'),
);
