import { createHash } from 'node:crypto';
import type { Config } from './load.ts';

/**
 * A fingerprint of what in a configuration decides what a credential is and may do: the credential prefixes,
 * the vocabulary (names and implications, not descriptions), the plans and the modes. Two processes with the same
 * fingerprint issue and accept the same keys; the deployment record keeps the last server's (decision 034).
 */
export function credentialConfigFingerprint(config: Config): string {
  const decisive = {
    prefixes: config.credentials.prefixes,
    scopes: config.scopes.map((scope) => [scope.name, [...scope.implies].sort()]),
    plans: config.plans,
    defaultPlan: config.defaultPlan,
    modes: config.modes,
  };
  return createHash('sha256').update(JSON.stringify(decisive)).digest('base64url');
}
