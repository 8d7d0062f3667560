import { z } from 'zod';
import { rotateSigningKey } from '../../services/tokens/rotate-signing-key.ts';
import { authenticateRequest, principalOf } from '../auth/principal.ts';
import { platformSecurity } from '../auth/security.ts';
import { managementErrors, timestamp, toIso } from '../schemas.ts';
import type { App, RouteDeps } from './types.ts';

const rotatedSchema = z.object({
  kid: z.string().describe('The key that signs from now on'),
  activeFrom: timestamp,
  retired: z
    .array(z.object({ kid: z.string(), retiredAt: timestamp, expiresAt: timestamp }))
    .describe(
      'Keys that stopped signing; each stays in the JWKS until `expiresAt`, when its last token has expired',
    ),
});

/** The operator's control over access-token signing keys. */
export function signingKeyRoutes(app: App, { context }: RouteDeps): void {
  app.post(
    '/api/v1/platform/signing-keys/rotate',
    {
      onRequest: authenticateRequest(context),
      schema: {
        tags: ['platform'],
        operationId: 'rotateSigningKey',
        security: platformSecurity,
        summary: 'Rotate the access-token signing key now',
        response: { 200: rotatedSchema, ...managementErrors },
      },
    },
    async (request) => {
      const rotated = await rotateSigningKey(context, principalOf(request));
      return {
        kid: rotated.kid,
        activeFrom: toIso(rotated.activeFrom),
        retired: rotated.retired.map((key) => ({
          kid: key.kid,
          retiredAt: toIso(key.retiredAt),
          expiresAt: toIso(key.expiresAt),
        })),
      };
    },
  );
}
