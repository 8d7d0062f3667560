import type { FastifyInstance } from 'fastify';
import { verifyResultSchema } from '../../services/verification/result.ts';
import { platformSecurity } from '../auth/security.ts';
import { problemSchema } from '../schemas.ts';
import { type VerifyPipelineOptions, verifyBody, verifyPipeline } from '../verify-pipeline.ts';

/**
 * The framework's entry point of the verify pipeline (`verify-pipeline.ts`): reached through `inject()`, with a
 * query string, or whenever the raw listener passes a request on. It reads nothing itself: the body stays in
 * the stream for the pipeline, and the schemas here only document the route.
 */
export async function verifyRoutes(app: FastifyInstance, options: VerifyPipelineOptions): Promise<void> {
  const handle = verifyPipeline(options);
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    scope.post(
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
          },
        },
        // The pipeline validates and answers; these compilers keep the framework from doing either.
        validatorCompiler: () => () => true,
        serializerCompiler: () => (data) => JSON.stringify(data),
      },
      (request, reply) => {
        reply.hijack();
        handle(request.raw, reply.raw);
      },
    );
  });
}
