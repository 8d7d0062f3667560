import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { PASSWORD_ROLE, startPostgres } from '../support/postgres.ts';
import { type CliResult, freePort, makeTempDir, removeDir, runCli } from './server.ts';

const PASSWORD = 'Right-Pass-7cQ2';
const WRONG_PASSWORD = 'Wrong-Pass-9xZ4';

const postgres = await startPostgres();
after(() => postgres?.stop());

/** The URL of `base` with another user and password. */
function withCredentials(base: string, user: string, password: string): string {
  const url = new URL(base);
  url.username = user;
  url.password = password;
  return url.toString();
}

/** Runs `portcullis <args>` against `databaseUrl` on a fresh data dir. */
async function runAgainst(args: string[], databaseUrl: string): Promise<CliResult> {
  const dataDir = await makeTempDir('database-errors');
  try {
    return await runCli(args, {
      PORTCULLIS_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
    });
  } finally {
    await removeDir(dataDir);
  }
}

/** Creates the password role (once per cluster); false when the server lets a wrong password in anyway. */
async function passwordIsChecked(adminUrl: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE ${PASSWORD_ROLE} LOGIN PASSWORD '${PASSWORD}'`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42710') throw error;
  } finally {
    await admin.end();
  }
  const probe = new pg.Client({ connectionString: withCredentials(adminUrl, PASSWORD_ROLE, WRONG_PASSWORD) });
  try {
    await probe.connect();
    await probe.end();
    return false;
  } catch {
    return true;
  }
}

// The process exits with the database's own words for why it cannot connect, and never the password.
describe('a database that cannot be reached or refuses the login', () => {
  for (const command of [['serve'], ['migrate'], ['init', '--json']]) {
    it(`${command[0]}: a closed port exits 1 naming connect ECONNREFUSED and the address`, async () => {
      const port = await freePort();
      const url = `postgres://portcullis:${WRONG_PASSWORD}@127.0.0.1:${port}/portcullis`;
      const result = await runAgainst(command, url);
      const output = result.stdout + result.stderr;
      assert.equal(result.code, 1, output);
      const reason = `cannot connect to the database: connect ECONNREFUSED 127\\.0\\.0\\.1:${port}`;
      if (command.includes('--json')) {
        // With --json the failure is one JSON object on stdout, and nothing on stderr.
        const failure = JSON.parse(result.stdout) as { error: string; message: string };
        assert.equal(failure.error, 'service_unavailable');
        assert.match(failure.message, new RegExp(`^${reason}`));
      } else {
        assert.match(result.stderr, new RegExp(`service_unavailable: ${reason}`));
      }
      assert.ok(!output.includes(WRONG_PASSWORD), 'the password is never printed');
    });
  }

  it('a wrong password exits 1 naming the failed authentication and the user, not the password', async (t) => {
    if (!postgres) return t.skip('PostgreSQL not installed');
    if (!(await passwordIsChecked(postgres.url))) return t.skip('this PostgreSQL trusts every login');
    const result = await runAgainst(['serve'], withCredentials(postgres.url, PASSWORD_ROLE, WRONG_PASSWORD));
    const output = result.stdout + result.stderr;
    assert.equal(result.code, 1, output);
    assert.match(
      result.stderr,
      new RegExp(
        `cannot connect to the database: password authentication failed for user "${PASSWORD_ROLE}"`,
      ),
    );
    assert.ok(!output.includes(WRONG_PASSWORD) && !output.includes(PASSWORD), 'no password is printed');
  });
});
