// `npm run test:postgres`: the HTTP suite again, every test app on a fresh PostgreSQL database. One throwaway
// cluster serves every test file (each file gets databases of its own on it); without PostgreSQL binaries the run
// is skipped, except under CI=true, where `startPostgres` fails it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startPostgres } from './postgres.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pg = await startPostgres();
if (!pg) {
  process.stdout.write('test:postgres skipped: no PostgreSQL server binaries (see docs/testing.md)\n');
  process.exit(0);
}
const child = spawn(process.execPath, ['--test', '--test-concurrency=2', 'test/http/*.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PORTCULLIS_TEST_STORE: 'postgres', PORTCULLIS_TEST_DATABASE_URL: pg.url },
});
const code = await new Promise<number>((resolve) => child.on('close', (exit) => resolve(exit ?? 1)));
await pg.stop();
process.exit(code);
