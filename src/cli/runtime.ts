import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino, { type DestinationStream, type Logger, type LoggerOptions, type SerializedError } from 'pino';
import type { Config } from '../config/load.ts';
import { readOrCreateMasterKey } from '../config/master-key-file.ts';
import { readOrCreatePepper } from '../config/pepper-file.ts';
import { buildApp } from '../http/app.ts';
import { systemActor } from '../services/audit/actor.ts';
import { sweepRequestFeed } from '../services/audit/retention.ts';
import { buildServiceContext } from '../services/build-context.ts';
import type { ServiceContext } from '../services/context.ts';
import { bootstrapPlatformKey } from '../services/platform/platform-keys.ts';
import { openStore, type Store } from '../store/index.ts';
import { openRedis } from '../store/redis.ts';

/** Where the data lives: PostgreSQL when `DATABASE_URL` is set, else `<dataDir>/portcullis.db`. */
function openConfiguredStore(config: Config, logger?: Logger): Promise<Store> {
  // The invalidation bus retries by itself; each loss is worth a line, since caches stand aside meanwhile.
  const onBusError = (error: unknown) =>
    logger?.warn({ err: error }, 'invalidation bus disconnected; caches stand aside until it reconnects');
  return config.databaseUrl
    ? openStore({ postgresUrl: config.databaseUrl }, { onBusError })
    : openStore({ sqlitePath: join(config.dataDir, 'portcullis.db') });
}

/**
 * pino's error serializer minus `rawPacket`: on a parser error Node keeps the raw request bytes there,
 * credentials and all. The serialized errors are new objects, so the error itself is left as it was.
 */
function serializeError(error: Error): SerializedError {
  const serialized = pino.stdSerializers.err(error);
  // Not error-like: pino hands the value back as it is, and it is not ours to change.
  if (serialized === (error as unknown)) return serialized;
  const drop = (entry: SerializedError) => {
    delete entry.rawPacket;
    entry.aggregateErrors?.forEach(drop);
  };
  drop(serialized);
  return serialized;
}

/** The server's logger; `destination` is stdout unless given (tests read the lines from memory). */
export function createLogger(config: Config, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: config.logLevel,
    serializers: { err: serializeError },
    // Credentials travel in these headers; they never reach a log line.
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'req.headers["x-api-secret"]',
        'key',
        '*.key',
      ],
      censor: '[redacted]',
    },
  };
  return pino(options, destination);
}

export interface Runtime {
  config: Config;
  store: Store;
  context: ServiceContext;
  close(): Promise<void>;
}

/** Opens the store and builds the service context; used by every command. */
export async function openRuntime(config: Config, logger?: Logger): Promise<Runtime> {
  const masterKey = readOrCreateMasterKey(config);
  const store = await openConfiguredStore(config, logger);
  const pepper = readOrCreatePepper(config);
  const redis = config.redisUrl
    ? await openRedis(config.redisUrl, { commandTimeoutMs: config.rateLimit.sharedTimeoutMs })
    : undefined;
  const context = buildServiceContext({
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
  return {
    config,
    store,
    context,
    async close() {
      await context.requestFeed.close();
      await store.close();
      await redis?.close();
    },
  };
}

/** Creates the first platform key when the database has none. The plaintext goes to the caller once. */
export async function ensurePlatformKey(runtime: Runtime): Promise<string | undefined> {
  const issued = await bootstrapPlatformKey(runtime.context);
  return issued?.plaintext;
}

export interface RunningServer {
  app: FastifyInstance;
  runtime: Runtime;
  url: string;
  /** Stops accepting requests, flushes buffered audit rows and closes the database. */
  close(): Promise<void>;
}

/** How often the signing-key schedule runs; rotations are planned days ahead, a minute is plenty. */
const SIGNING_KEY_TICK_MS = 60_000;

/** Keeps signing keys on schedule and drops revocation rows whose tokens have expired anyway. */
async function runSigningKeySchedule(runtime: Runtime, logger: Logger): Promise<void> {
  const now = runtime.context.clock.now();
  try {
    const steps = await runtime.context.signingKeys.tick(now);
    for (const step of steps) {
      if (step.kind === 'create')
        logger.info({ activeFrom: new Date(step.activeFrom) }, 'signing key created');
      else logger.info({ kid: step.kid }, 'signing key retired');
    }
    await runtime.store.revokedTokens.deleteExpired(now);
  } catch (error) {
    logger.error({ err: error }, 'signing key schedule failed');
  }
}

export async function startServer(runtime: Runtime, logger: Logger): Promise<RunningServer> {
  const { config, context } = runtime;
  const app = await buildApp({ context, config, logger });
  // The first start creates the first signing key; a master key that cannot open the keys fails here.
  await context.signingKeys.tick(context.clock.now());
  // Loaded before the first request rather than during it.
  const loadStarted = performance.now();
  if (context.keyDirectory.current() && context.keyDirectory.size > 0) {
    const ms = Math.round(performance.now() - loadStarted);
    logger.info({ secrets: context.keyDirectory.size, ms }, 'key directory loaded');
  }
  await app.listen({ host: config.server.host, port: config.server.port });
  context.requestFeed.start();
  const sweep = async () => {
    try {
      const removed = await sweepRequestFeed(runtime.store, context.model, context.clock.now());
      if (removed > 0) logger.info({ removed }, 'request feed retention sweep');
    } catch (error) {
      logger.error({ err: error, actor: systemActor.type }, 'retention sweep failed');
    }
  };
  const sweepTimer = setInterval(() => void sweep(), config.audit.retentionSweepIntervalMs);
  sweepTimer.unref();
  void sweep();
  const signingKeyTimer = setInterval(() => void runSigningKeySchedule(runtime, logger), SIGNING_KEY_TICK_MS);
  signingKeyTimer.unref();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.server.port;
  const host = config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host;
  // The issuer is where the server is reached: fetched metadata must match it (RFC 8414 §3.3).
  if (!config.server.publicUrl) context.oauth.issuer = `http://${host}:${port}`;
  return {
    app,
    runtime,
    url: `http://${host}:${port}`,
    async close() {
      clearInterval(sweepTimer);
      clearInterval(signingKeyTimer);
      await app.close();
      await runtime.close();
    },
  };
}
