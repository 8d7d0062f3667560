import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { credentialConfigFingerprint } from '../config/fingerprint.ts';
import { type Config, loadConfig } from '../config/load.ts';
import { CommandFailure, type CommonFlags, UsageError } from './args.ts';
import { openRuntime, type Runtime } from './runtime.ts';

/** The config a command runs with: the file and environment, with `--data-dir` over both. */
export function localConfig(flags: CommonFlags): Config {
  const dataDir = flags['data-dir'];
  if (dataDir !== undefined && dataDir.trim() === '') throw new UsageError('--data-dir: must not be empty');
  return loadConfig({
    path: flags.config,
    env: dataDir === undefined ? process.env : { ...process.env, PORTCULLIS_DATA_DIR: dataDir },
  });
}

/** Where the data is, for people: the SQLite file, or the PostgreSQL server and database without credentials. */
export function describeTarget(config: Config): string {
  if (!config.databaseUrl) return `${join(config.dataDir, 'portcullis.db')} (SQLite)`;
  try {
    const url = new URL(config.databaseUrl);
    return `postgres://${url.host}${url.pathname} (PostgreSQL)`;
  } catch {
    return 'the PostgreSQL database of DATABASE_URL';
  }
}

const POINT_AT_IT =
  'point at it with --data-dir PATH or PORTCULLIS_DATA_DIR (or "dataDir" in the --config file)';

/** On SQLite, the database file must exist: a command other than `init` and `serve` never starts a new one. */
export function requireDatabase(config: Config): void {
  if (!config.databaseUrl && !existsSync(join(config.dataDir, 'portcullis.db'))) {
    throw new CommandFailure(
      `no Portcullis database at ${join(config.dataDir, 'portcullis.db')}: ${POINT_AT_IT}, set DATABASE_URL for PostgreSQL, or run "npx portcullis init" to create a new one there`,
    );
  }
}

/**
 * Refuses to go on where a command would otherwise create a new deployment by accident (run from another
 * directory, `./data` is somewhere else): the database, and the pepper and master-key files the environment
 * does not replace, must already exist. Only `init` and `serve` create them.
 */
function requireExisting(config: Config): void {
  requireDatabase(config);
  const files = [
    { present: config.pepper !== undefined, name: 'pepper', env: 'PORTCULLIS_PEPPER' },
    { present: config.masterKey !== undefined, name: 'master-key', env: 'PORTCULLIS_MASTER_KEY' },
  ];
  for (const file of files) {
    const path = join(config.dataDir, file.name);
    if (!file.present && !existsSync(path)) {
      throw new CommandFailure(
        `${path} is missing and ${file.env} is not set: ${POINT_AT_IT}, set ${file.env}, or restore the file from the backup`,
      );
    }
  }
}

/**
 * Opens the data for one command. `create` (init and serve only) may start a new deployment; every other
 * command works on an existing one. `serving`: the process will serve requests and write the request feed.
 */
export async function openLocal(
  flags: CommonFlags,
  options: { create?: boolean; serving?: boolean; config?: Config; logger?: Logger } = {},
): Promise<Runtime> {
  const config = options.config ?? localConfig(flags);
  if (!options.create) requireExisting(config);
  const runtime = await openRuntime(config, options.logger, {
    existing: !options.create,
    writesNoFeed: !options.serving,
  });
  // init and serve say which configuration the deployment runs with; every other command must use the same.
  if (options.create) {
    await runtime.store.deployment.recordServedConfig({
      fingerprint: credentialConfigFingerprint(config),
      source: config.source,
    });
  }
  return runtime;
}

/**
 * Refuses a command whose configuration differs from the one the deployment's server started with: keys it
 * issued would carry prefixes, scopes or plans the server does not know (decision 034).
 */
function requireServedConfig(runtime: Runtime): void {
  const served = runtime.deployment.servedConfig;
  if (!served || served.fingerprint === credentialConfigFingerprint(runtime.config)) return;
  const sameFile = served.source === runtime.config.source;
  throw new CommandFailure(
    sameFile
      ? `${served.source} has changed since the server started with it: restart the server with it, or run this command with the file the server has`
      : `the server of this deployment runs with ${served.source}, this command with ${runtime.config.source}: point it at the same configuration with --config PATH or PORTCULLIS_CONFIG`,
  );
}

/** Opens the data, runs one command on it and closes it again. */
export async function withLocal<T>(flags: CommonFlags, run: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openLocal(flags);
  if (!flags.json) process.stderr.write(`Using ${describeTarget(runtime.config)}\n`);
  try {
    requireServedConfig(runtime);
    return await run(runtime);
  } finally {
    await runtime.close();
  }
}
