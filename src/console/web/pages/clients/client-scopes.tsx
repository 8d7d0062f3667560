import { ScopeChecklist } from '../../components/scope-checklist.tsx';
import { QueryView } from '../../components/states.tsx';
import { useManagementPermissions } from '../../management-permissions.ts';
import { useWorkspacePlan } from '../../plan.ts';
import { can, useWorkspace } from '../../workspace.tsx';

/**
 * A client's scopes: the vocabulary (plan-gated, as for keys) and, first, the built-in management permissions
 * a machine client may also hold (never plan-gated). Only the permissions the signed-in role holds itself are
 * offered: the server refuses to hand out more.
 */
export function ClientScopes({
  selected,
  onChange,
}: {
  selected: readonly string[];
  onChange: (scopes: string[]) => void;
}) {
  const workspace = useWorkspace();
  const plan = useWorkspacePlan(workspace.tenantId);
  const permissions = useManagementPermissions();
  return (
    <QueryView query={plan} loadingLabel="Loading the scopes">
      {(data) => (
        <ScopeChecklist
          legend="Scopes"
          scopes={data.scopes}
          plan={data.plan}
          plans={data.plans}
          selected={selected}
          onChange={onChange}
          extra={(permissions.data?.items ?? [])
            .filter((permission) => can(workspace, permission.name))
            .map((permission) => ({
              name: permission.name,
              description: `Management: ${permission.description}`,
            }))}
        />
      )}
    </QueryView>
  );
}
