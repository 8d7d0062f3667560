import type { Config } from '../config/load.ts';
import type { Mode } from '../core/credential-format.ts';
import { EffectiveScopeCache, type ModePolicy, type PlanDefinition } from '../core/plans.ts';
import { type Role, type RoleGrant, roleGrantOf, roles } from '../core/roles.ts';
import { ScopeVocabulary } from '../core/scopes.ts';

/** The platform's rules as configured: vocabulary, plans, modes and credential prefixes. */
export interface PlatformModel {
  vocabulary: ScopeVocabulary;
  plans: ReadonlyMap<string, PlanDefinition>;
  planList: readonly PlanDefinition[];
  defaultPlan: string;
  modes: ModePolicy;
  prefixes: Config['credentials']['prefixes'];
  effectiveScopes: EffectiveScopeCache;
  /** Each member role's management permissions and runtime scope patterns (`config.roles`). */
  roles: Readonly<Record<Role, RoleGrant>>;
}

export function buildPlatformModel(config: Config): PlatformModel {
  const vocabulary = new ScopeVocabulary(config.scopes);
  const modes: Record<Mode, readonly string[]> = { live: config.modes.live, test: config.modes.test };
  return {
    vocabulary,
    plans: new Map(config.plans.map((plan) => [plan.id, plan])),
    planList: config.plans,
    defaultPlan: config.defaultPlan,
    modes,
    prefixes: config.credentials.prefixes,
    effectiveScopes: new EffectiveScopeCache(vocabulary, modes),
    roles: Object.fromEntries(roles.map((role) => [role, roleGrantOf(role, config.roles[role])])) as Record<
      Role,
      RoleGrant
    >,
  };
}
