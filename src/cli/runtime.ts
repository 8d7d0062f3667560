import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config/load.ts';
import { readOrCreateMasterKey } from '../config/master-key-file.ts';
import { readOrCreatePepper } from '../config/pepper-file.ts';
import { PortcullisError } from '../core/errors.ts';
import { buildServiceContext } from '../services/build-context.ts';
import type { ServiceContext } from '../services/context.ts';
import { joinDeployment } from '../services/deployment.ts';
import { publicIssuerOf } from '../services/oauth-settings.ts';
import { type ConnectionTarget, type Deployment, openStore, type Store } from '../store/index.ts';
import { openRedis } from '../store/redis.ts';

/** Where the data lives: PostgreSQL when `DATABASE_URL` is set, else `<dataDir>/portcullis.db`. */
export function connectionTarget(config: Config): ConnectionTarget {
  if (!config.databaseUrl) return { sqlitePath: join(config.dataDir, 'portcullis.db') };
  const { poolSize, connectionTimeoutMs, idleTimeoutMs, statementTimeoutMs } = config.database;
  return {
    postgresUrl: config.databaseUrl,
    poolSize,
    connectionTimeoutMs,
    idleTimeoutMs,
    statementTimeoutMs,
  };
}

/** The store, with the invalidation bus's losses logged: caches stand aside while it reconnects. */
function openConfiguredStore(
  config: Config,
  logger?: Logger,
  feedWriterOnFirstWrite = false,
): Promise<Store> {
  const onBusError = (error: unknown) =>
    logger?.warn({ err: error }, 'invalidation bus disconnected; caches stand aside until it reconnects');
  return openStore(connectionTarget(config), { onBusError, feedWriterOnFirstWrite });
}

export interface Runtime {
  config: Config;
  store: Store;
  context: ServiceContext;
  /** The deployment record as this node joined it (`services/deployment.ts`). */
  deployment: Deployment;
  close(): Promise<void>;
}

/**
 * Opens the store, builds the service context and joins the deployment; used by every command. With
 * `existing`, a database without a deployment record is refused rather than made the first node's; with
 * `writesNoFeed` (a command, not a server) the request feed's writer thread starts only if it is written to.
 * A node whose pepper or master key does not match the database's stops here, with a message naming the setting.
 */
export async function openRuntime(
  config: Config,
  logger?: Logger,
  options: { existing?: boolean; writesNoFeed?: boolean } = {},
): Promise<Runtime> {
  const store = await openConfiguredStore(config, logger, options.writesNoFeed);
  let context: ServiceContext | undefined;
  let redis: Awaited<ReturnType<typeof openRedis>> | undefined;
  try {
    // Key files are made for a new deployment only: for one that exists, a missing file is restored from the
    // backup, never replaced by a new one that could not open what is stored.
    const create = !(await store.deployment.get());
    const masterKey = readOrCreateMasterKey(config, create);
    const pepper = readOrCreatePepper(config, create);
    redis = config.redisUrl
      ? await openRedis(config.redisUrl, { commandTimeoutMs: config.rateLimit.sharedTimeoutMs })
      : undefined;
    context = buildServiceContext({
      config,
      store,
      pepper,
      masterKey,
      ...(redis ? { redis } : {}),
      onBackgroundError: (error) => logger?.error({ err: error }, 'background write failed; will retry'),
      onSharedLimitsChange: (state, cause) => {
        if (state === 'shared') logger?.info('Redis reachable again: rate limits shared by every node');
        else if (state === 'local')
          logger?.warn({ err: cause }, 'Redis unreachable: rate limits counted per node until it is back');
        else logger?.error({ err: cause }, 'Redis unreachable: limited requests refused until it is back');
      },
    });
    // A database nobody has initialised is not joined by a command that only works on an existing one.
    if (options.existing && !(await store.deployment.get())) {
      throw new PortcullisError(
        'config_invalid',
        'the database of DATABASE_URL holds no Portcullis deployment: check DATABASE_URL, or run "npx portcullis init" to start one there',
      );
    }
    const deployment = await joinDeployment({
      store,
      clock: context.clock,
      random: context.random,
      peppers: context.peppers,
      masterKey,
      pepperSource: config.pepper ? 'PORTCULLIS_PEPPER' : `the pepper file ${join(config.dataDir, 'pepper')}`,
      masterKeySource: config.masterKey
        ? 'PORTCULLIS_MASTER_KEY'
        : `the master key file ${join(config.dataDir, 'master-key')}`,
      publicIssuer: publicIssuerOf(config),
    });
    const opened = context;
    const openedRedis = redis;
    return {
      config,
      store,
      context,
      deployment,
      async close() {
        await opened.requestFeed.close();
        opened.webhooks.sender.close();
        await store.close();
        await openedRedis?.close();
      },
    };
  } catch (error) {
    await context?.requestFeed.close().catch(() => undefined);
    await store.close();
    await redis?.close();
    throw error;
  }
}
