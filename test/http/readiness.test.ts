import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkReadiness, type ReadinessCheck } from '../../src/services/readiness.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { assertProblem } from './support.ts';

const readyz = (t: TestApp) => t.app.inject({ method: 'GET', url: '/readyz' });

/** A test app whose store the test may close under it (the app's own close then leaves the store alone). */
async function withClosableStore(work: (t: TestApp) => Promise<void>, config: unknown = {}): Promise<void> {
  const t = await startTestApp({ config });
  const closeStore = t.store.close;
  let storeClosed = false;
  t.store.close = async () => {
    if (!storeClosed) await closeStore();
    storeClosed = true;
  };
  try {
    await work(t);
  } finally {
    await t.close();
  }
}

describe('GET /readyz', () => {
  it('answers 200 ready with each check when the database answers; no credential, never cached', async () => {
    const t = await startTestApp();
    try {
      const response = await readyz(t);
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json(), { status: 'ready', checks: { database: 'ok' } });
      assert.equal(response.headers['cache-control'], 'no-store');
      assert.deepEqual((await t.app.inject({ method: 'GET', url: '/healthz' })).json(), { status: 'ok' });
    } finally {
      await t.close();
    }
  });

  it('a check that is not required (Redis) and fails: still 200 ready, the check saying what is wrong', async () => {
    const t = await startTestApp();
    try {
      const away: ReadinessCheck = {
        name: 'redis',
        required: false,
        check: async () => 'unreachable: limits counted per node',
      };
      t.context.readiness = [...t.context.readiness, away];
      const response = await readyz(t);
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json(), {
        status: 'ready',
        checks: { database: 'ok', redis: 'unreachable: limits counted per node' },
      });
    } finally {
      await t.close();
    }
  });

  it('a database that fails the query: 503 problem naming the check, not the cause; liveness still 200', () =>
    withClosableStore(async (t) => {
      await t.store.close();
      const response = await readyz(t);
      const problem = assertProblem(response, 503, 'service_unavailable');
      assert.equal(problem.detail, 'not ready: database');
      assert.deepEqual(problem.checks, { database: 'failed' });
      assert.doesNotMatch(response.body, /postgres|sqlite|memory|pool|127\.0\.0\.1/i);
      assert.equal((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
    }));

  it('a check that does not answer in time is reported as timed out; the others still answer', () =>
    withClosableStore(
      async (t) => {
        const hanging: ReadinessCheck = { name: 'redis', check: () => new Promise(() => {}) };
        t.context.readiness = [...t.context.readiness, hanging];
        const started = performance.now();
        const response = await readyz(t);
        assert.ok(performance.now() - started < 2000, 'answered at the timeout, not after the check');
        const problem = assertProblem(response, 503, 'service_unavailable');
        assert.equal(problem.detail, 'not ready: redis');
        assert.deepEqual(problem.checks, { database: 'ok', redis: 'timed out' });
      },
      { server: { readinessTimeoutMs: 50 } },
    ));
});

describe('checkReadiness', () => {
  const check = (name: string, answer: () => Promise<string>): ReadinessCheck => ({ name, check: answer });

  it('ready only when every check answers ok; a reason is kept, a throw is failed and its cause told', async () => {
    const told: string[] = [];
    const options = {
      timeoutMs: 1000,
      onError: (name: string, error: unknown) => told.push(`${name}: ${error}`),
    };
    assert.deepEqual(await checkReadiness([], options), { ready: true, checks: {} });
    const mixed = await checkReadiness(
      [
        check('database', async () => 'ok'),
        check('redis', async () => 'disconnected'),
        check('queue', async () => {
          throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
        }),
      ],
      options,
    );
    assert.deepEqual(mixed, {
      ready: false,
      checks: { database: 'ok', redis: 'disconnected', queue: 'failed' },
    });
    assert.deepEqual(told, ['queue: Error: connect ECONNREFUSED 127.0.0.1:6379']);
  });
});
