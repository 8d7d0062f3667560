import { fileURLToPath } from 'node:url';
import suite from '../fixtures/suite-vocabulary.json' with { type: 'json' };

/**
 * The suite's vocabulary and plans: scopes in every shape a platform uses (`bookings:write`, `read:conversions`,
 * `hub-protocol.read`, patterns such as `mcp:*`, implied scopes) gated over three plans, so one suite exercises
 * them all. The server's own default is the small neutral set in `src/config/defaults.ts`.
 */
export const SUITE_VOCABULARY_PATH = fileURLToPath(
  new URL('../fixtures/suite-vocabulary.json', import.meta.url),
);

export const suiteScopes = suite.scopes;
export const suitePlans = suite.plans;

/** `config` with the suite's scopes and plans wherever it names none of its own. */
export function withSuiteVocabulary(config: unknown = {}): unknown {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) return config;
  const given = config as Record<string, unknown>;
  return {
    ...given,
    ...(given.scopes === undefined ? { scopes: suite.scopes } : {}),
    ...(given.plans === undefined ? { plans: suite.plans } : {}),
  };
}
