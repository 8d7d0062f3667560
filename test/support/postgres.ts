// Gives tests a real PostgreSQL database.
//
// - PORTCULLIS_TEST_DATABASE_URL set: each call creates a fresh database on that server.
// - Otherwise: a throwaway cluster (initdb + pg_ctl) is started once per process, shared by
//   every caller, each getting its own database; it is stopped when the last caller stops.
// - No PostgreSQL binaries: resolves to undefined (tests skip), or throws when CI=true.
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * The one role the throwaway cluster authenticates by password (scram-sha-256); every other role is trusted.
 * Tests create it with a password of their choosing (`CREATE ROLE … LOGIN PASSWORD …`).
 */
export const PASSWORD_ROLE = 'portcullis_password_auth';

export interface TestPostgres {
  /** Connection URL of a fresh, empty database. */
  url: string;
  /** Drops the database (and stops the throwaway cluster once its last user has stopped). */
  stop(): Promise<void>;
}

interface Cluster {
  dir: string;
  port: number;
  pgCtl: string;
  /** Prefix for running commands as the `postgres` OS user (when we are root). */
  asUser: string[];
  onExit: () => void;
}

const run = promisify(execFile);
const DB_OPTIONS = '-F -c fsync=off -c synchronous_commit=off -c full_page_writes=off';

let clusterPromise: Promise<Cluster> | undefined;
let users = 0;

/** Whether `startPostgres` can give a database here: an external server, or PostgreSQL's binaries. */
export function postgresAvailable(): boolean {
  return Boolean(process.env.PORTCULLIS_TEST_DATABASE_URL) || findBinDir() !== undefined;
}

export async function startPostgres(): Promise<TestPostgres | undefined> {
  const external = process.env.PORTCULLIS_TEST_DATABASE_URL;
  if (external) return createDatabase(external, async () => {});

  const binDir = findBinDir();
  if (!binDir) {
    if (process.env.CI === 'true') {
      throw new Error(
        'PostgreSQL is required in CI: no initdb/pg_ctl found on PATH or under /usr/lib/postgresql/*/bin ' +
          '(install the postgresql package or set PORTCULLIS_TEST_DATABASE_URL)',
      );
    }
    return undefined;
  }

  users++;
  let cluster: Cluster;
  try {
    clusterPromise ??= startCluster(binDir).catch((error: unknown) => {
      clusterPromise = undefined;
      throw error;
    });
    cluster = await clusterPromise;
  } catch (error) {
    users--;
    throw error;
  }
  const release = async (): Promise<void> => {
    if (--users > 0) return;
    clusterPromise = undefined;
    await stopCluster(cluster);
  };
  try {
    return await createDatabase(`postgres://postgres@127.0.0.1:${cluster.port}/postgres`, release);
  } catch (error) {
    await release();
    throw error;
  }
}

/** Creates a randomly named database on the server at adminUrl; stop() drops it, then calls after(). */
async function createDatabase(adminUrl: string, after: () => Promise<void>): Promise<TestPostgres> {
  const name = `portcullis_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let stopping: Promise<void> | undefined;
  return {
    url: url.toString(),
    stop: () => {
      stopping ??= (async () => {
        try {
          await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        } finally {
          await after();
        }
      })();
      return stopping;
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Directory holding initdb and pg_ctl: PATH first, else the highest /usr/lib/postgresql/<version>/bin. */
function findBinDir(): string | undefined {
  const hasBoth = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  for (const dir of (process.env.PATH ?? '').split(delimiter)) if (dir && hasBoth(dir)) return dir;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+(\.\d+)?$/.test(v)) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(root, v, 'bin')).find(hasBoth);
}

async function startCluster(binDir: string): Promise<Cluster> {
  const dir = await mkdtemp(join(tmpdir(), 'portcullis-pg-'));
  const pgCtl = join(binDir, 'pg_ctl');
  const asUser: string[] = [];
  try {
    if (process.getuid?.() === 0) {
      // initdb refuses to run as root: run the cluster as the `postgres` OS user.
      const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
      const [uid, gid] = await Promise.all([id('-u'), id('-g')]).catch(() => {
        throw new Error('Running as root needs a `postgres` OS user to own the throwaway PostgreSQL cluster');
      });
      await chown(dir, uid, gid);
      asUser.push('runuser', '-u', 'postgres', '--');
    }
    const exec = (bin: string, args: string[]) => run(...command(asUser, bin, args), { cwd: dir });
    const data = join(dir, 'data');
    const initdbArgs = ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'];
    await exec(join(binDir, 'initdb'), initdbArgs);
    // Every role is trusted except one, which must give its password: tests of a refused password use it.
    const hba = join(data, 'pg_hba.conf');
    await writeFile(
      hba,
      `host all ${PASSWORD_ROLE} 127.0.0.1/32 scram-sha-256\n${await readFile(hba, 'utf8')}`,
    );
    // The port is free when we look; another process may take it before postgres binds, so retry.
    const log = join(dir, 'postgres.log');
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const options = `${DB_OPTIONS} -c listen_addresses=127.0.0.1 -p ${port} -k '${dir}'`;
      try {
        await exec(pgCtl, ['start', '-D', data, '-l', log, '-w', '-t', '60', '-o', options]);
      } catch (error) {
        if (attempt < 3) continue;
        const serverLog = await readFile(log, 'utf8').catch(() => '');
        throw new Error(`could not start PostgreSQL: ${String(error)}\n${serverLog}`);
      }
      // Safety net for a test process that exits without stopping: don't leave postgres behind.
      const onExit = () => {
        spawnSync(...command(asUser, pgCtl, ['stop', '-D', data, '-m', 'immediate']), { stdio: 'ignore' });
        rmSync(dir, { recursive: true, force: true });
      };
      process.once('exit', onExit);
      return { dir, port, pgCtl, asUser, onExit };
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function stopCluster(cluster: Cluster): Promise<void> {
  process.removeListener('exit', cluster.onExit);
  const stop = ['stop', '-D', join(cluster.dir, 'data'), '-m', 'immediate'];
  try {
    await run(...command(cluster.asUser, cluster.pgCtl, stop), { cwd: cluster.dir });
  } finally {
    await rm(cluster.dir, { recursive: true, force: true });
  }
}

/** [file, args] to run bin, through the `runuser` prefix when there is one. */
function command(asUser: string[], bin: string, args: string[]): [string, string[]] {
  const [file = bin, ...rest] = [...asUser, bin, ...args];
  return [file, rest];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not find a free port'))));
    });
  });
}
