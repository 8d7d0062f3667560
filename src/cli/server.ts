import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from '../http/app.ts';
import { systemActor } from '../services/audit/actor.ts';
import { sweepRequestFeed } from '../services/audit/retention.ts';
import { agreeOnIssuer } from '../services/deployment.ts';
import { IDEMPOTENCY_KEY_TTL_MS } from '../services/idempotency/keys.ts';
import { publicIssuerOf } from '../services/oauth-settings.ts';
import { undefinedPlansInUse } from '../services/tenants/undefined-plans.ts';
import { sweepUsageRollups } from '../services/usage/retention.ts';
import { DeliveryWorker } from '../services/webhooks/worker.ts';
import type { Runtime } from './runtime.ts';

export interface RunningServer {
  app: FastifyInstance;
  runtime: Runtime;
  url: string;
  /**
   * Stops accepting requests, answers those in flight (each with `Connection: close`; those left at
   * `server.shutdownTimeoutMs` are cut off), writes the buffered request feed and last-used stamps, and closes
   * the database.
   */
  close(): Promise<void>;
}

/** How often the signing-key schedule runs; rotations are planned days ahead, a minute is plenty. */
const SIGNING_KEY_TICK_MS = 60_000;

/**
 * Keeps signing keys on schedule and drops revocation rows, used client-assertion ids, codes and refresh tokens
 * that have expired anyway.
 */
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
    await runtime.store.clientAssertions.deleteExpired(now);
    // Codes live a minute; a refresh token outlives its family's end only as dead weight (decision 031).
    await runtime.store.oauthGrants.deleteExpiredCodes(
      now,
      now - runtime.context.oauth.refreshTokenAbsoluteMs,
    );
    await runtime.store.oauthGrants.deleteEndedRefreshTokens(now);
  } catch (error) {
    logger.error({ err: error }, 'signing key schedule failed');
  }
}

export async function startServer(runtime: Runtime, logger: Logger): Promise<RunningServer> {
  const { config, context } = runtime;
  const app = await buildApp({ context, config, logger });
  if (config.metrics.enabled) context.metrics.includeProcessMetrics();
  // The first start creates the first signing key (the master key was checked as the node joined).
  await context.signingKeys.tick(context.clock.now());
  // Loaded before the first request rather than during it.
  const loadStarted = performance.now();
  if ((await context.keyDirectory.catchUp()) && context.keyDirectory.size > 0) {
    const ms = Math.round(performance.now() - loadStarted);
    logger.info({ secrets: context.keyDirectory.size, ms }, 'key directory loaded');
  }
  for (const { plan, tenants } of await undefinedPlansInUse(runtime.store, context.model))
    logger.warn(
      { plan, tenants, plans: context.model.planList.map((entry) => entry.id) },
      'tenants are on a plan the configuration does not define: their credentials answer tenant_suspended until the plan is restored or they move to another',
    );
  // A node that is not the deployment's first serves the deployment's issuer from its first request.
  const publicIssuer = publicIssuerOf(config);
  context.oauth.issuer = publicIssuer ?? runtime.deployment.issuer ?? context.oauth.issuer;
  const host = config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host;
  // The first node stores its address as the deployment's issuer. With a port set, that is agreed before the
  // first request can arrive, so no answer carries another issuer (two nodes starting at once on an empty
  // database would otherwise each answer with their own until the agreement). Port 0 is known only once
  // listening: agreed right after, as the first request may already be read.
  if (config.server.port !== 0) {
    context.oauth.issuer = await agreeOnIssuer(
      runtime.store,
      publicIssuer,
      `http://${host}:${config.server.port}`,
    );
  }
  await app.listen({ host: config.server.host, port: config.server.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.server.port;
  const url = `http://${host}:${port}`;
  if (config.server.port === 0) {
    try {
      context.oauth.issuer = await agreeOnIssuer(runtime.store, publicIssuer, url);
    } catch (error) {
      await app.close();
      throw error;
    }
  }
  context.requestFeed.start();
  const deliveries = new DeliveryWorker(context, (error) =>
    logger.error({ err: error }, 'webhook delivery failed; will retry'),
  );
  deliveries.start();
  const sweep = async () => {
    try {
      const removed = await sweepRequestFeed(runtime.store, context.model, context.clock.now());
      if (removed > 0) logger.info({ removed }, 'request feed retention sweep');
      const buckets = await sweepUsageRollups(runtime.store, context.model, context.clock.now());
      if (buckets > 0) logger.info({ removed: buckets }, 'usage rollup retention sweep');
      await runtime.store.idempotencyKeys.sweep(context.clock.now() - IDEMPOTENCY_KEY_TTL_MS);
    } catch (error) {
      logger.error({ err: error, actor: systemActor.type }, 'retention sweep failed');
    }
  };
  const sweepTimer = setInterval(() => void sweep(), config.audit.retentionSweepIntervalMs);
  sweepTimer.unref();
  void sweep();
  const signingKeyTimer = setInterval(() => void runSigningKeySchedule(runtime, logger), SIGNING_KEY_TICK_MS);
  signingKeyTimer.unref();
  return {
    app,
    runtime,
    url,
    async close() {
      clearInterval(sweepTimer);
      clearInterval(signingKeyTimer);
      await deliveries.close();
      // A request still unanswered by the deadline (a stalled client) does not keep the buffers from being written.
      const deadline = setTimeout(() => app.server.closeAllConnections(), config.server.shutdownTimeoutMs);
      try {
        await app.close();
      } finally {
        clearTimeout(deadline);
      }
      await runtime.close();
    },
  };
}
