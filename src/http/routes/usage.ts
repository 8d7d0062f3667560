import { z } from 'zod';
import { MAX_USAGE_BUCKETS, reportUsage } from '../../services/usage/report.ts';
import { usageGranularities } from '../../store/index.ts';
import { authenticateRequest, principalOf } from '../auth/principal.ts';
import { managementSecurity } from '../auth/security.ts';
import { presentUsage, usageReportSchema } from '../representations/usage.ts';
import { isoDateTime, managementErrors } from '../schemas.ts';
import type { App, RouteDeps } from './types.ts';

/** Usage aggregates: verified calls per interval and outcome, from rollups (decision 030). */
export function usageRoutes(app: App, { context }: RouteDeps): void {
  app.get(
    '/api/v1/tenants/:tenantId/usage',
    {
      onRequest: authenticateRequest(context),
      schema: {
        tags: ['audit'],
        security: managementSecurity('read:audit'),
        operationId: 'getUsage',
        summary: 'Verified calls counted per interval and outcome, for the tenant or one credential',
        description: `Counted from rollups the request feed keeps as it is written, never by reading the feed. \`since\` is rounded down and \`until\` up to a bucket boundary; without \`since\` the window is the last 60 minutes, 24 hours or 30 days (by \`interval\`), ending with the current bucket. A window holds at most ${MAX_USAGE_BUCKETS} buckets. Minute buckets are kept 2 days, hour buckets 40 days and day buckets as long as the plan keeps the request feed.`,
        params: z.object({ tenantId: z.string().max(64) }),
        querystring: z.strictObject({
          interval: z.enum(usageGranularities).default('hour').describe('The width of each bucket'),
          since: isoDateTime.optional(),
          until: isoDateTime.optional(),
          keyId: z
            .string()
            .min(1)
            .max(64)
            .optional()
            .describe(
              "One credential's calls (an API key, a client or a personal token); the whole tenant's without",
            ),
        }),
        response: { 200: usageReportSchema, ...managementErrors },
      },
    },
    async (request) => {
      const { interval, since, until, keyId } = request.query;
      const report = await reportUsage(context, principalOf(request), request.params.tenantId, {
        interval,
        since,
        until,
        keyId,
      });
      return presentUsage(report);
    },
  );
}
