import assert from 'node:assert/strict';
import test from 'node:test';
import pg from 'pg';
import { startPostgres } from './postgres.ts';

async function selectOne(url: string): Promise<{ one: number; db: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ one: number; db: string }>(
      'select 1 as one, current_database() as db',
    );
    const row = result.rows[0];
    assert.ok(row);
    return row;
  } finally {
    await client.end();
  }
}

test('startPostgres gives each caller its own database on a shared server', async (t) => {
  const [a, b] = await Promise.all([startPostgres(), startPostgres()]);
  if (!a || !b) {
    t.skip('PostgreSQL is not available');
    return;
  }
  assert.notEqual(a.url, b.url);
  assert.equal(new URL(a.url).host, new URL(b.url).host, 'both databases live on one server');

  const [rowA, rowB] = await Promise.all([selectOne(a.url), selectOne(b.url)]);
  assert.equal(rowA.one, 1);
  assert.equal(rowB.one, 1);
  assert.equal(rowA.db, new URL(a.url).pathname.slice(1));
  assert.equal(rowB.db, new URL(b.url).pathname.slice(1));

  await a.stop();
  assert.equal((await selectOne(b.url)).one, 1, 'the other user keeps the server running');
  await assert.rejects(selectOne(a.url), /does not exist/, 'a stopped database is dropped');
  await b.stop();
  await b.stop(); // idempotent
  if (!process.env.PORTCULLIS_TEST_DATABASE_URL) {
    await assert.rejects(selectOne(b.url), /ECONNREFUSED/, 'the last stop shuts the throwaway cluster down');
  }
});
