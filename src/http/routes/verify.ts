import { isIP } from 'node:net';
import { z } from 'zod';
import type { ServiceContext } from '../../services/context.ts';
import { recordUsage, type VerifyResult } from '../../services/verification/result.ts';
import { verifyCachedCredential, verifyCredential } from '../../services/verification/verify-credential.ts';
import { requirePlatform } from '../auth/platform.ts';
import { modeSchema, problemSchema, scopeSchema } from '../schemas.ts';
import type { App, RouteDeps } from './types.ts';

const ratelimitSchema = z.object({ limit: z.number(), remaining: z.number(), resetSeconds: z.number() });

const effectiveScopes = z
  .array(z.string())
  .readonly()
  .describe('Effective scopes: granted ∩ plan now ∩ mode, expanded by implies');

const verifyResultSchema = z.union([
  z.object({
    valid: z.literal(true),
    credentialType: z.literal('api_key'),
    tenantId: z.string(),
    keyId: z.string(),
    mode: modeSchema,
    type: z.enum(['secret', 'restricted']),
    scopes: effectiveScopes,
    ratelimit: ratelimitSchema,
  }),
  z.object({
    valid: z.literal(true),
    credentialType: z.literal('access_token'),
    tenantId: z.string(),
    clientId: z.string().describe('The client the token was issued to'),
    mode: modeSchema,
    scopes: effectiveScopes,
    ratelimit: ratelimitSchema,
  }),
  z.object({
    valid: z.literal(false),
    code: z.enum([
      'malformed',
      'not_found',
      'revoked',
      'expired',
      'tenant_suspended',
      'ip_not_allowed',
      'insufficient_scope',
      'rate_limited',
    ]),
    credentialType: z.enum(['api_key', 'access_token']).optional(),
    tenantId: z.string().optional(),
    keyId: z.string().optional(),
    clientId: z.string().optional(),
    missingScopes: z.array(z.string()).optional(),
    retryAfterSeconds: z.number().optional(),
    ratelimit: ratelimitSchema.optional(),
  }),
]);

export const verifyBody = z.strictObject({
  key: z.string().max(4096).describe('The API key or access token the caller presented'),
  scopes: z.array(scopeSchema).max(50).optional().describe('Scopes the call needs'),
  method: z
    .string()
    .regex(/^[A-Za-z]{1,16}$/)
    .optional(),
  path: z.string().max(2048).optional(),
  ip: z
    .string()
    .max(64)
    .refine((value) => isIP(value) !== 0, 'is not an IP address')
    .optional(),
});

/** The platform's API asks here whether a presented key may make a call. Reads only; usage is buffered. */
export function verifyRoutes(app: App, { context }: RouteDeps): void {
  app.post(
    '/api/v1/verify',
    {
      schema: {
        tags: ['verification'],
        summary: 'Verify an API key or access token for a call',
        description:
          'Answers 200 with `valid: true` or `valid: false` and a `code`; a key that fails its checksum is answered without a lookup. Needs a platform key with the `verify` permission.',
        body: verifyBody,
        response: { 200: verifyResultSchema, 401: problemSchema, 403: problemSchema, 422: problemSchema },
      },
      // The service builds the result in exactly the documented shape; re-validating it on the hot path
      // would cost more than the verification itself.
      serializerCompiler: () => (data) => verifyResultJson(data as VerifyResult),
    },
    async (request, reply) => {
      await requirePlatform(context, request, 'verify');
      return answerVerify(context, request.body, () => reply.elapsedTime);
    },
  );
}

export type VerifyBody = z.output<typeof verifyBody>;

/** Verifies and records the call in the request feed; shared by this route and the fast path. */
export async function answerVerify(
  context: ServiceContext,
  body: VerifyBody,
  elapsedMs: () => number,
): Promise<VerifyResult> {
  const result = await verifyCredential(context, body.key, { scopes: body.scopes, ip: body.ip });
  return recorded(context, body, result, elapsedMs);
}

/** `answerVerify` without waiting, when the credential's standing is cached; undefined otherwise. */
export function answerCachedVerify(
  context: ServiceContext,
  body: VerifyBody,
  elapsedMs: () => number,
): VerifyResult | undefined {
  const result = verifyCachedCredential(context, body.key, { scopes: body.scopes, ip: body.ip });
  return result && recorded(context, body, result, elapsedMs);
}

function recorded(
  context: ServiceContext,
  { method, path, ip }: VerifyBody,
  result: VerifyResult,
  elapsedMs: () => number,
): VerifyResult {
  recordUsage(context, result, {
    method: method?.toUpperCase() ?? null,
    path: path ?? null,
    ip: ip ?? null,
    latencyMs: elapsedMs(),
  });
  return result;
}

const scopesJson = new WeakMap<readonly string[], string>();

/**
 * The answer as JSON. A valid answer's scopes are one shared array per (grant, plan, mode) from the effective
 * scope cache, never changed once made, so their JSON (most of the answer) is made once per array.
 */
export function verifyResultJson(result: VerifyResult): string {
  if (!result.valid) return JSON.stringify(result);
  const { scopes, ...rest } = result;
  let scopesText = scopesJson.get(scopes);
  if (scopesText === undefined) {
    scopesText = JSON.stringify(scopes);
    scopesJson.set(scopes, scopesText);
  }
  return `${JSON.stringify(rest).slice(0, -1)},"scopes":${scopesText}}`;
}
