import { createHash, timingSafeEqual } from 'node:crypto';
import type { onRequestHookHandler } from 'fastify';
import { z } from 'zod';
import { readAuthorization } from '../auth/credentials.ts';
import { invalidCredential, missingCredential } from '../auth/principal.ts';
import { publicSecurity } from '../auth/security.ts';
import { problemSchema } from '../schemas.ts';
import type { App, RouteDeps } from './types.ts';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * `metrics.token`: a scraper must send `Authorization: Bearer <token>`, checked in constant time (both sides
 * hashed first, so neither the length nor a prefix of the token shows in the timing).
 */
function requireScrapeToken(token: string): onRequestHookHandler {
  const expected = digest(token);
  return (request, _reply, done) => {
    const presented = readAuthorization(request, ['Bearer']);
    if (presented === undefined) {
      const detail = 'a metrics token is required';
      return done(
        request.headers.authorization === undefined
          ? missingCredential(['Bearer'], detail)
          : invalidCredential(['Bearer'], detail),
      );
    }
    if (!timingSafeEqual(digest(presented), expected))
      return done(invalidCredential(['Bearer'], 'the metrics token is not valid'));
    done();
  };
}

/**
 * `GET /metrics`: this node's metrics in the Prometheus text format, from the service context's own registry.
 * Answers anyone who reaches the port unless `metrics.token` is set, like the probes in `health.ts`: scrapers
 * normally sit inside the network, and nothing here names a tenant, a credential or a secret. Not routed at all
 * with `metrics.enabled: false`. See docs/decisions/021-metrics-and-access-log.md.
 */
export function metricsRoutes(app: App, { context, config }: RouteDeps): void {
  if (!config.metrics.enabled) return;
  const { token } = config.metrics;
  const { registry } = context.metrics;
  app.get(
    '/metrics',
    {
      schema: {
        tags: ['public'],
        operationId: 'metrics',
        security: token === undefined ? publicSecurity : [{ MetricsToken: [] }],
        summary: 'Metrics in the Prometheus text format (0.0.4)',
        description:
          'Verify results by code and latency, token issuance, cache and key-directory lookups, rate-limited calls, the invalidation bus, the database pool, the backlog of the request feed, where rate limits are counted, and the process. With `metrics.token` set, send it as a bearer token.',
        produces: [registry.contentType],
        response: {
          200: z.string().describe('Prometheus text exposition format 0.0.4'),
          401: problemSchema,
        },
      },
      ...(token === undefined ? {} : { onRequest: requireScrapeToken(token) }),
    },
    async (_request, reply) => {
      const text = await registry.metrics();
      return reply.header('cache-control', 'no-store').type(registry.contentType).send(text);
    },
  );
}
