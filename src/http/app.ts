import { createServer } from 'node:http';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from '../config/load.ts';
import { PortcullisError } from '../core/errors.ts';
import type { ServiceContext } from '../services/context.ts';
import { refuseQueryCredentials } from './auth/credentials.ts';
import { withFastVerify } from './fast-verify.ts';
import { handleError, sendProblem } from './problem.ts';
import { appRoutes } from './routes/apps.ts';
import { auditRoutes } from './routes/audit.ts';
import { clientRoutes } from './routes/clients.ts';
import { keyRoutes } from './routes/keys.ts';
import { managementKeyRoutes } from './routes/management-keys.ts';
import { oauthRoutes } from './routes/oauth.ts';
import { platformKeyRoutes } from './routes/platform-keys.ts';
import { publicRoutes } from './routes/public.ts';
import { signingKeyRoutes } from './routes/signing-keys.ts';
import { tenantRoutes } from './routes/tenants.ts';
import type { App } from './routes/types.ts';
import { verifyRoutes } from './routes/verify.ts';
import { wellKnownRoutes } from './routes/well-known.ts';
import { whoamiRoutes } from './routes/whoami.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

export interface AppOptions {
  context: ServiceContext;
  config: Config;
  logger: FastifyBaseLogger;
}

/** Builds the HTTP app: problem details, security headers, the OpenAPI document and every route. */
export async function buildApp({ context, config, logger }: AppOptions): Promise<FastifyInstance> {
  const verify = {
    context,
    bodyLimitBytes: config.server.bodyLimitBytes,
    onError: (error: unknown) => logger.error({ err: error }, 'verify failed'),
  };
  const app = Fastify({
    loggerInstance: logger,
    // Per-request log lines cost time on the verify path; the request feed is the record of calls.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.server.bodyLimitBytes,
    trustProxy: config.server.trustProxy,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
    // The verify hot path is answered before the framework's router (src/http/fast-verify.ts).
    serverFactory: (handler) => createServer(withFastVerify(verify, handler)),
  }).withTypeProvider<ZodTypeProvider>() as App;

  // Bodies are JSON only: Fastify's built-in text/plain parser would hand a string to the body schema
  // (422) where an unsupported content type should be 415.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.decorateRequest('principal', null);
  app.setNotFoundHandler((_request, reply) =>
    sendProblem(reply, new PortcullisError('not_found', 'no such route')),
  );

  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    try {
      refuseQueryCredentials(request, context.oauth.legacyQueryCredentials);
      done();
    } catch (error) {
      done(error as Error);
    }
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Portcullis',
        version: '1',
        description: 'API keys, scopes, plans, rate limits and audit feeds for a multi-tenant platform.',
      },
      components: {
        securitySchemes: {
          PlatformKey: { type: 'http', scheme: 'bearer', description: 'A platform management key' },
          RuntimeApiKey: {
            type: 'apiKey',
            in: 'header',
            name: 'Authorization',
            description: 'A runtime API key: `ApiKey <key>` or `Bearer <key>`',
          },
          ApiKey: {
            type: 'apiKey',
            in: 'header',
            name: 'X-Api-Key',
            description: 'The id of a tenant management key pair; send with `X-Api-Secret`',
          },
          ApiSecret: {
            type: 'apiKey',
            in: 'header',
            name: 'X-Api-Secret',
            description: 'The secret of a tenant management key pair',
          },
          ClientSecretBasic: {
            type: 'http',
            scheme: 'basic',
            description: 'An OAuth client: `client_id` and `client_secret` (RFC 6749 §2.3.1)',
          },
          M2MBearerToken: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description:
              'An access token (RFC 9068) from the client credentials grant, with management scopes',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  const deps = { context, config };
  publicRoutes(app, deps);
  platformKeyRoutes(app, deps);
  wellKnownRoutes(app, deps);
  signingKeyRoutes(app, deps);
  tenantRoutes(app, deps);
  keyRoutes(app, deps);
  appRoutes(app, deps);
  clientRoutes(app, deps);
  managementKeyRoutes(app, deps);
  await verifyRoutes(app, verify);
  whoamiRoutes(app, deps);
  auditRoutes(app, deps);
  await oauthRoutes(app, deps);
  return app;
}
