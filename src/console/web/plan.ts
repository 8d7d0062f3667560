import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api/client.ts';
import type { paths } from './api/openapi';

export type Tenant =
  paths['/api/v1/tenants/{tenantId}']['get']['responses']['200']['content']['application/json'];
export type Plan =
  paths['/api/v1/plans']['get']['responses']['200']['content']['application/json']['items'][number];
export type ScopeDefinition =
  paths['/api/v1/scopes']['get']['responses']['200']['content']['application/json']['items'][number];

export function useTenant(tenantId: string) {
  return useQuery({
    queryKey: ['tenant', tenantId],
    queryFn: () => unwrap(api.GET('/api/v1/tenants/{tenantId}', { params: { path: { tenantId } } })),
  });
}

export function usePlans() {
  return useQuery({
    queryKey: ['plans'],
    queryFn: () => unwrap(api.GET('/api/v1/plans')),
    staleTime: Infinity,
  });
}

export function useScopes() {
  return useQuery({
    queryKey: ['scopes'],
    queryFn: () => unwrap(api.GET('/api/v1/scopes')),
    staleTime: Infinity,
  });
}

/** Whether a plan's scope patterns (`*` at the end matches any suffix) include `scope`, as the server decides. */
export function planEntitles(plan: Pick<Plan, 'scopes'> | undefined, scope: string): boolean {
  if (!plan) return false;
  return plan.scopes.some((pattern) =>
    pattern.endsWith('*') ? scope.startsWith(pattern.slice(0, -1)) : pattern === scope,
  );
}

export interface WorkspacePlan {
  tenant: Tenant;
  plan: Plan | undefined;
  plans: Plan[];
  scopes: ScopeDefinition[];
}

/** The workspace's tenant, its plan, every plan and the vocabulary: what the key and client forms need. */
export function useWorkspacePlan(tenantId: string) {
  const tenant = useTenant(tenantId);
  const plans = usePlans();
  const scopes = useScopes();
  const pending = tenant.isPending || plans.isPending || scopes.isPending;
  const error = tenant.error ?? plans.error ?? scopes.error;
  const data: WorkspacePlan | undefined =
    tenant.data && plans.data && scopes.data
      ? {
          tenant: tenant.data,
          plan: plans.data.items.find((plan) => plan.id === tenant.data.plan),
          plans: plans.data.items,
          scopes: scopes.data.items,
        }
      : undefined;
  return {
    isPending: pending,
    isError: Boolean(error),
    error,
    data,
    refetch: () => Promise.all([tenant.refetch(), plans.refetch(), scopes.refetch()]),
  };
}

/** Names of the plans that entitle `scope`, as a phrase: "Pro or Scale". */
export function plansPhrase(definition: Pick<ScopeDefinition, 'plans'>, plans: Plan[]): string {
  const names = definition.plans.map((id) => plans.find((plan) => plan.id === id)?.name ?? id);
  return names.length > 0 ? names.join(' or ') : 'no plan';
}
