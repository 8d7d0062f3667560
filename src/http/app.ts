import swagger from '@fastify/swagger';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type HTTPMethods,
  LogController,
} from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from '../config/load.ts';
import { PortcullisError } from '../core/errors.ts';
import type { ServiceContext } from '../services/context.ts';
import { addAccessLog } from './access-log.ts';
import { refuseQueryCredentials } from './auth/credentials.ts';
import { answerClientError } from './client-error.ts';
import { referenceIntroduction } from './docs/guides.ts';
import { keySchemesPhrase } from './docs/llms.ts';
import { drainableServer } from './drain.ts';
import { withFastVerify } from './fast-verify.ts';
import { addIdempotency, documentIdempotencyKey } from './idempotency.ts';
import { documentBodyRefusals, documentProblemMediaType, handleError, sendProblem } from './problem.ts';
import { appRoutes } from './routes/apps.ts';
import { auditRoutes } from './routes/audit.ts';
import { authorizeRoutes } from './routes/authorize.ts';
import { clientRoutes } from './routes/clients.ts';
import { consoleRoutes } from './routes/console.ts';
import { docsRoutes } from './routes/docs.ts';
import { healthRoutes } from './routes/health.ts';
import { installationRoutes } from './routes/installations.ts';
import { keyRoutes } from './routes/keys.ts';
import { managementKeyRoutes } from './routes/management-keys.ts';
import { memberRoutes } from './routes/members.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { oauthRoutes } from './routes/oauth.ts';
import { personalTokenRoutes } from './routes/personal-tokens.ts';
import { platformKeyRoutes } from './routes/platform-keys.ts';
import { publicRoutes } from './routes/public.ts';
import { registerRoutes } from './routes/register.ts';
import { sessionRoutes } from './routes/session.ts';
import { signingKeyRoutes } from './routes/signing-keys.ts';
import { tenantRoutes } from './routes/tenants.ts';
import type { App } from './routes/types.ts';
import { usageRoutes } from './routes/usage.ts';
import { userRoutes } from './routes/users.ts';
import { verifyRoutes } from './routes/verify.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { wellKnownRoutes } from './routes/well-known.ts';
import { whoamiRoutes } from './routes/whoami.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

/** The longest path parameter the router matches; ids are far shorter. */
const MAX_PARAM_LENGTH = 200;

/**
 * The methods routed at the path of `url` (the query plays no part), for `Allow`. For a path the router
 * refuses (bad percent-encoding, a parameter over MAX_PARAM_LENGTH) `findRoute` returns the router's error
 * handler rather than null, so such a path, like a target that is not a path, counts as unrouted.
 */
function routedMethods(app: FastifyInstance, url: string): string[] {
  const path = url.split('?', 1)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURI(path);
  } catch {
    return [];
  }
  if (!decoded.startsWith('/') || decoded.split('/').some((segment) => segment.length > MAX_PARAM_LENGTH))
    return [];
  return app.supportedMethods.filter(
    (method) => app.findRoute({ method: method as HTTPMethods, url: path }) !== null,
  );
}

/** 404 for a path no route matches; 405 for a path other methods answer, naming them in `Allow`. */
function noRouteProblem(app: FastifyInstance, url: string): PortcullisError {
  const allowed = routedMethods(app, url);
  if (allowed.length === 0) return new PortcullisError('not_found', 'no such route');
  // RFC 9110 §15.5.6: a 405 must carry `Allow` with the target's methods (HEAD comes with every GET route).
  return new PortcullisError('method_not_allowed', 'this path does not answer this method', {
    headers: { allow: allowed.join(', ') },
  });
}

/** The router's refusals as problems: Fastify's default is JSON of its own quoting the path, where a key may be. */
function routerProblem(error: FastifyError): FastifyError | PortcullisError {
  if (error.code === 'FST_ERR_BAD_URL')
    return new PortcullisError('bad_request', 'the request path is not valid percent-encoding');
  // No id is that long, so the path names nothing.
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return new PortcullisError('not_found', 'no such resource');
  return error;
}

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
    trustProxy: config.server.trustProxy,
    onError: (error: unknown) => logger.error({ err: error }, 'verify failed'),
  };
  const server = drainableServer();
  const app = Fastify({
    loggerInstance: logger,
    // Per-request log lines cost time on the verify path; the request feed is the record of calls.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.server.bodyLimitBytes,
    trustProxy: config.server.trustProxy,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    // Bytes the HTTP parser refuses never reach a route; they are answered here (Fastify attaches this to the
    // server `serverFactory` returns too).
    clientErrorHandler: (error, socket) => answerClientError(error, socket, logger),
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // The router's own refusals come before any hook, so the security headers are set here.
    frameworkErrors: (error, request, reply) => {
      reply.headers(SECURITY_HEADERS);
      return handleError(routerProblem(error), request, reply);
    },
    // The verify hot path is answered before the framework's router (src/http/fast-verify.ts).
    serverFactory: (handler) => server.create(withFastVerify(verify, handler)),
  }).withTypeProvider<ZodTypeProvider>() as App;

  // Bodies are JSON only: Fastify's built-in text/plain parser would hand a string to the body schema
  // (422) where an unsupported content type should be 415.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.decorateRequest('principal', null);
  app.decorateRequest('consoleSession', null);
  // Closing: the requests in flight are answered, each with `Connection: close` (src/http/drain.ts).
  app.addHook('preClose', server.drain);
  // Fastify's own 404 is not a problem document. Unrouted requests are answered by the onRequest hook below,
  // before their body is read; this gives the same answer to `reply.callNotFound()`.
  app.setNotFoundHandler((request, reply) => sendProblem(reply, noRouteProblem(app, request.url)));

  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    try {
      refuseQueryCredentials(request, context.oauth.legacyQueryCredentials);
      // Before the body is read, so a body error (400, 413, 415) never hides the 404 or 405.
      if (request.is404) throw noRouteProblem(app, request.url);
      done();
    } catch (error) {
      done(error as Error);
    }
  });

  if (config.accessLog) addAccessLog(app);
  addIdempotency(app, context);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Portcullis',
        version: '1',
        // Rendered at the top of the API reference (/docs/): the way from there to the guides.
        description: referenceIntroduction(),
      },
      components: {
        securitySchemes: {
          PlatformKey: { type: 'http', scheme: 'bearer', description: 'A platform management key' },
          RuntimeApiKey: {
            type: 'apiKey',
            in: 'header',
            name: 'Authorization',
            description: `A runtime API key: ${keySchemesPhrase(config.credentials.authorizationSchemes)}`,
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
          ConsoleSession: {
            type: 'apiKey',
            in: 'cookie',
            name: '__Host-portcullis_session',
            description:
              'A console session (`POST /api/v1/session` or the hand-off). State-changing requests also need a same-origin `Origin` (or `Sec-Fetch-Site: same-origin`), `X-Requested-With: XMLHttpRequest` and `X-CSRF-Token` (the `csrfToken` of `GET /api/v1/session`).',
          },
          InitialAccessToken: {
            type: 'http',
            scheme: 'bearer',
            description:
              'An initial access token for dynamic client registration (RFC 7591 §3), when configured',
          },
          MetricsToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'The scrape token of `GET /metrics`, when `metrics.token` is set',
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
    transformObject: (documents) =>
      'openapiObject' in documents
        ? documentBodyRefusals(documentProblemMediaType(documentIdempotencyKey(documents.openapiObject)))
        : documents.swaggerObject,
  });

  const deps = { context, config };
  healthRoutes(app, deps);
  metricsRoutes(app, deps);
  publicRoutes(app, deps);
  platformKeyRoutes(app, deps);
  wellKnownRoutes(app, deps);
  signingKeyRoutes(app, deps);
  tenantRoutes(app, deps);
  keyRoutes(app, deps);
  appRoutes(app, deps);
  clientRoutes(app, deps);
  installationRoutes(app, deps);
  managementKeyRoutes(app, deps);
  userRoutes(app, deps);
  memberRoutes(app, deps);
  sessionRoutes(app, deps);
  personalTokenRoutes(app, deps);
  verifyRoutes(app, verify);
  whoamiRoutes(app, deps);
  auditRoutes(app, deps);
  usageRoutes(app, deps);
  webhookRoutes(app, deps);
  await oauthRoutes(app, deps);
  await authorizeRoutes(app, deps);
  registerRoutes(app, deps);
  await consoleRoutes(app);
  await docsRoutes(app, deps);
  return app;
}
