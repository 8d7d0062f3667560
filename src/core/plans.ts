import type { Mode } from './credential-format.ts';
import { matchesAnyRolePattern } from './roles.ts';
import { matchesAny, type ScopeVocabulary } from './scopes.ts';

/** A named entitlement set. Stored credentials never change when a tenant's plan does. */
export interface PlanDefinition {
  id: string;
  name: string;
  description: string;
  /** Scope patterns the plan entitles (`read:*`, `mcp:*`, `*`). */
  scopes: readonly string[];
  requestsPerMinute: number;
  maxActiveKeys: number;
  requestRetentionDays: number;
  features: readonly string[];
}

/** The scopes a mode permits at all, as patterns. Default: everything in both modes. */
export type ModePolicy = Record<Mode, readonly string[]>;

/** What a credential holds: every entitled scope (`secret` keys) or an explicit list. */
export type GrantedScopes = { kind: 'all' } | { kind: 'listed'; scopes: readonly string[] };

/**
 * Effective scopes = (granted scopes expanded by `implies`) ∩ (what the plan entitles now) ∩ (what the mode
 * allows). Computed at request time, so a downgrade narrows and an upgrade re-lights without a write.
 */
export function effectiveScopes(
  granted: GrantedScopes,
  vocabulary: ScopeVocabulary,
  plan: PlanDefinition,
  modePatterns: readonly string[],
  rolePatterns?: readonly string[],
): string[] {
  const candidates = granted.kind === 'all' ? vocabulary.names : vocabulary.expand(granted.scopes);
  return candidates.filter(
    (scope) =>
      matchesAny(plan.scopes, scope) &&
      matchesAny(modePatterns, scope) &&
      (rolePatterns === undefined || matchesAnyRolePattern(rolePatterns, scope)),
  );
}

/** A member role's runtime patterns (`config.roles`), narrowing a personal token's scopes in one tenant. */
export interface RoleNarrowing {
  role: string;
  patterns: readonly string[];
}

/** Plans whose entitlements include `scope`, for `plan_required` answers. */
export function plansEntitling(scope: string, plans: readonly PlanDefinition[]): string[] {
  return plans.filter((plan) => matchesAny(plan.scopes, scope)).map((plan) => plan.id);
}

/** Memoises effective scopes per (grant, plan, mode); the inputs are immutable config and stored lists. */
export class EffectiveScopeCache {
  readonly #cache = new Map<string, readonly string[]>();
  readonly #vocabulary: ScopeVocabulary;
  readonly #modes: ModePolicy;

  constructor(vocabulary: ScopeVocabulary, modes: ModePolicy) {
    this.#vocabulary = vocabulary;
    this.#modes = modes;
  }

  /**
   * `grantKey` is a stable string for the grant, e.g. the stored JSON list or `*`; `grant` turns it into the
   * grant only on a cache miss, so the hot path skips parsing.
   */
  get(
    grantKey: string,
    grant: GrantedScopes | (() => GrantedScopes),
    plan: PlanDefinition,
    mode: Mode,
    role?: RoleNarrowing,
  ): readonly string[] {
    const cacheKey = `${plan.id}\u0000${mode}\u0000${role?.role ?? ''}\u0000${grantKey}`;
    let scopes = this.#cache.get(cacheKey);
    if (!scopes) {
      // Frozen: callers share the array, and the verify answer caches its JSON by it.
      scopes = Object.freeze(
        effectiveScopes(
          typeof grant === 'function' ? grant() : grant,
          this.#vocabulary,
          plan,
          this.#modes[mode],
          role?.patterns,
        ),
      );
      if (this.#cache.size > 10_000) this.#cache.clear();
      this.#cache.set(cacheKey, scopes);
    }
    return scopes;
  }
}
