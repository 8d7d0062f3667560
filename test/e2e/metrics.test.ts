// `portcullis serve` with the access log on and a metrics token: the scrape needs the token and carries the
// process metrics besides Portcullis's own; access lines reach stdout; the process still exits 0 on SIGTERM.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, firstPlatformKey, makeTempDir, removeDir, type ServerProcess, startServer } from './server.ts';

const TOKEN = 'e2e-metrics-token-5f9a1c7e3b2d4f6a8c0e';

describe('portcullis serve: /metrics and the access log', () => {
  let dataDir: string;
  let server: ServerProcess;
  let platformKey: string;
  before(async () => {
    dataDir = await makeTempDir('metrics');
    server = await startServer(dataDir, { PORTCULLIS_ACCESS_LOG: 'true', PORTCULLIS_METRICS_TOKEN: TOKEN });
    platformKey = firstPlatformKey(server) as string;
    assert.ok(platformKey);
  });
  after(async () => {
    await server?.stop();
    await removeDir(dataDir);
  });

  it('the scrape needs the token; with it, Portcullis’s metrics and the process’s', async () => {
    assert.equal((await call(server, 'GET', '/metrics')).status, 401);
    const scraped = await call(server, 'GET', '/metrics', { auth: `Bearer ${TOKEN}` });
    assert.equal(scraped.status, 200);
    assert.equal(scraped.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    for (const series of [
      'portcullis_verify_results_total{code="valid"}',
      'portcullis_invalidation_bus_connected 1',
      'process_cpu_seconds_total',
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
    ]) {
      assert.ok(scraped.text.includes(series), series);
    }
  });

  it('a management request is one access line on stdout, naming no secret', async () => {
    const created = await call(server, 'POST', '/api/v1/tenants', {
      auth: `Bearer ${platformKey}`,
      body: { name: 'Logged' },
    });
    assert.equal(created.status, 201);
    // Written once the answer is sent, and read from the child's pipe: it may arrive just after the answer.
    const accessLine = () =>
      server
        .stdout()
        .split('\n')
        .filter((line) => line.includes('"msg":"access"'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((entry) => entry.route === '/api/v1/tenants' && entry.method === 'POST');
    for (let waited = 0; accessLine() === undefined && waited < 5_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const line = accessLine();
    assert.ok(line, server.stdout());
    assert.equal(line.status, 201);
    assert.equal((line.principal as { kind: string }).kind, 'platform_key');
    assert.ok(!server.stdout().includes(platformKey), 'the platform key is never in the output');
    assert.ok(!server.stdout().includes(TOKEN));
  });

  it('exits 0 on SIGTERM: the process metrics hold nothing open', async () => {
    assert.equal(await server.stop(), 0);
  });
});
