import { z } from 'zod';
import { PortcullisError } from '../../core/errors.ts';
import { checkReadiness } from '../../services/readiness.ts';
import { publicSecurity } from '../auth/security.ts';
import { problemSchema } from '../schemas.ts';
import type { App, RouteDeps } from './types.ts';

const readySchema = z.object({
  status: z.literal('ready'),
  checks: z
    .record(z.string(), z.string())
    .describe(
      'Each check by name: `database`, and `redis` where configured. `ok`, or what is wrong: a node stays ready ' +
        'without Redis (`unreachable: limits counted per node`), so this is where to see that it is away',
    ),
});

/**
 * Probes for a load balancer or an orchestrator: `/healthz` says the process answers (liveness) and touches
 * nothing else; `/readyz` says whether this node can serve, running each readiness check.
 */
export function healthRoutes(app: App, { context, config }: RouteDeps): void {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['public'],
        operationId: 'health',
        security: publicSecurity,
        summary: 'Liveness',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({
      status: 'ok' as const,
    }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['public'],
        operationId: 'readiness',
        security: publicSecurity,
        summary: 'Readiness: the database (and Redis where configured) answers in time',
        response: { 200: readySchema, 503: problemSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const readiness = await checkReadiness(context.readiness, {
        timeoutMs: config.server.readinessTimeoutMs,
        // The real cause goes to the log; the answer, public, names the check only.
        onError: (check, error) => request.log.warn({ err: error, check }, 'readiness check failed'),
      });
      if (readiness.ready) return { status: 'ready' as const, checks: readiness.checks };
      const failed = Object.keys(readiness.checks).filter((name) => readiness.checks[name] !== 'ok');
      throw new PortcullisError('service_unavailable', `not ready: ${failed.join(', ')}`, {
        extensions: { checks: readiness.checks },
      });
    },
  );
}
