import type { FastifyInstance } from 'fastify';
import { verifyResultSchema } from '../../services/verification/result.ts';
import { platformSecurity } from '../auth/security.ts';
import { problemSchema } from '../schemas.ts';
import { type VerifyPipelineOptions, verifyBody, verifyPipeline } from '../verify-pipeline.ts';

/**
 * The framework's entry point of the verify pipeline (`verify-pipeline.ts`): reached through `inject()`, with a
 * query string, or whenever the raw listener passes a request on. The pipeline takes over in the route's
 * `onRequest` hook, after the app-wide one (security headers, credentials in the query) and before the
 * framework handles the body: its own checks there would answer where the raw listener does not (a content
 * type it cannot parse got its 415 before the caller was authenticated). The schemas only document the
 * route; the handler is never reached.
 */
export function verifyRoutes(app: FastifyInstance, options: VerifyPipelineOptions): void {
  const handle = verifyPipeline(options);
  app.post(
    '/api/v1/verify',
    {
      schema: {
        tags: ['verification'],
        operationId: 'verify',
        security: platformSecurity,
        summary: 'Verify an API key or access token for a call',
        description:
          'Answers 200 with `valid: true` or `valid: false` and a `code`; a key that fails its checksum is answered without a lookup. Needs a platform key with the `verify` permission.',
        body: verifyBody,
        response: {
          200: verifyResultSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          413: problemSchema,
          415: problemSchema,
          422: problemSchema,
          429: problemSchema,
        },
      },
      onRequest: (request, reply, done) => {
        reply.hijack();
        handle(request.raw, reply.raw);
        done();
      },
    },
    () => {
      throw new Error('unreachable: the onRequest hook answers every verify request');
    },
  );
}
