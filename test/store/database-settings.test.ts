import assert from 'node:assert/strict';
import { type AddressInfo, createServer } from 'node:net';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { connectionTarget } from '../../src/cli/runtime.ts';
import { loadConfig } from '../../src/config/load.ts';
import type { PortcullisError } from '../../src/core/errors.ts';
import { describeDatabaseError } from '../../src/store/database-error.ts';
import { openConnection, openStore } from '../../src/store/index.ts';
import { startPostgres } from '../support/postgres.ts';

const postgres = await startPostgres();
after(() => postgres?.stop());

describe('database settings', () => {
  it('config: the pool settings reach the PostgreSQL target, with defaults; out-of-range values are refused', () => {
    const env = { DATABASE_URL: 'postgres://portcullis@db.internal/portcullis' };
    assert.deepEqual(connectionTarget(loadConfig({ env })), {
      postgresUrl: env.DATABASE_URL,
      poolSize: 10,
      connectionTimeoutMs: 5000,
      idleTimeoutMs: 10_000,
      statementTimeoutMs: 0,
    });
    const tuned = loadConfig({ env, object: { database: { poolSize: 40, statementTimeoutMs: 15_000 } } });
    assert.deepEqual(connectionTarget(tuned), {
      postgresUrl: env.DATABASE_URL,
      poolSize: 40,
      connectionTimeoutMs: 5000,
      idleTimeoutMs: 10_000,
      statementTimeoutMs: 15_000,
    });
    assert.throws(
      () => loadConfig({ env, object: { database: { poolSize: 0 } } }),
      /config\.database\.poolSize/,
    );
    assert.ok(
      'sqlitePath' in connectionTarget(loadConfig({ env: {} })),
      'no DATABASE_URL: the embedded database',
    );
  });

  it('PostgreSQL: a statement running past statementTimeoutMs is cancelled by the server', async (t) => {
    if (!postgres) return t.skip('PostgreSQL not installed');
    const { db } = openConnection({ postgresUrl: postgres.url, statementTimeoutMs: 100 });
    try {
      const shown = await sql<{ statement_timeout: string }>`show statement_timeout`.execute(db);
      assert.equal(shown.rows[0]?.statement_timeout, '100ms');
      await assert.rejects(
        sql`select pg_sleep(2)`.execute(db),
        /canceling statement due to statement timeout/,
      );
    } finally {
      await db.destroy();
    }
  });

  it('a server that accepts and never answers: opening fails at connectionTimeoutMs, saying so', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const started = performance.now();
      await assert.rejects(
        openStore({
          postgresUrl: `postgres://portcullis@127.0.0.1:${port}/portcullis`,
          connectionTimeoutMs: 200,
        }),
        (error: PortcullisError) => {
          assert.equal(error.code, 'service_unavailable');
          assert.match(error.detail, /^cannot connect to the database: .*timeout/);
          return true;
        },
      );
      assert.ok(performance.now() - started < 3000);
    } finally {
      silent.close();
    }
  });

  it('the real cause of a connection error is told, without the password or the URL', () => {
    const url = 'postgres://portcullis:p%40ss-Word-91@db.internal:5432/portcullis';
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' });
    assert.equal(describeDatabaseError(refused, url), 'connect ECONNREFUSED 10.0.0.5:5432');
    // Node tries each address of a name and reports them together, with an empty message.
    const both = new AggregateError([
      new Error('connect ECONNREFUSED ::1:5432'),
      new Error('connect ECONNREFUSED 127.0.0.1:5432'),
    ]);
    assert.equal(
      describeDatabaseError(both, url),
      'connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432',
    );
    const quoting = new Error(`cannot parse ${url}: password p@ss-Word-91 or p%40ss-Word-91 refused`);
    assert.equal(
      describeDatabaseError(quoting, url),
      'cannot parse [redacted]: password [redacted] or [redacted] refused',
    );
    const code = Object.assign(new Error(''), { code: 'ETIMEDOUT' });
    assert.equal(describeDatabaseError(code), 'ETIMEDOUT');
  });
});
