import { PortcullisError } from '../../core/errors.ts';
import { isManagementPermission } from '../../core/management-permissions.ts';
import { plansEntitling } from '../../core/plans.ts';
import { matchesAny } from '../../core/scopes.ts';
import type { ServiceContext } from '../context.ts';

/**
 * Checks scopes a credential is about to hold against the vocabulary (unknown → 422 `validation_failed`
 * naming them) and the tenant's plan (not entitled → 403 `plan_required` naming the scope and the plans that
 * entitle it).
 */
export function checkGrantableScopes(
  context: ServiceContext,
  planId: string,
  scopes: readonly string[],
): void {
  const unknown = context.model.vocabulary.unknown(scopes);
  if (unknown.length > 0) {
    throw new PortcullisError('validation_failed', `unknown scope "${unknown[0]}"`, {
      extensions: { field: 'scopes', unknownScopes: unknown },
    });
  }
  const plan = context.model.plans.get(planId);
  const notEntitled = scopes.filter((scope) => !plan || !matchesAny(plan.scopes, scope));
  const [scope] = notEntitled;
  if (scope !== undefined) {
    const plans = plansEntitling(scope, context.model.planList);
    throw new PortcullisError(
      'plan_required',
      `scope "${scope}" needs one of the plans: ${plans.join(', ')}`,
      {
        extensions: { scope, scopes: notEntitled, plans },
      },
    );
  }
}

/**
 * Checks the scopes of a machine client: each is a built-in management permission (not plan-gated, never
 * in the vocabulary's namespace of runtime scopes) or a vocabulary scope the tenant's plan entitles.
 */
export function checkClientScopes(context: ServiceContext, planId: string, scopes: readonly string[]): void {
  checkGrantableScopes(
    context,
    planId,
    scopes.filter((scope) => !isManagementPermission(scope)),
  );
}
