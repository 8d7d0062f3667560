import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/openapi';
import { Dialog, DialogActions } from '../../components/dialog.tsx';
import { InlineError, QueryView } from '../../components/states.tsx';
import { useManagementPermissions } from '../../management-permissions.ts';
import { can, useWorkspace } from '../../workspace.tsx';

type CreateBody = NonNullable<
  paths['/api/v1/tenants/{tenantId}/management-keys']['post']['requestBody']
>['content']['application/json'];
export type IssuedManagementKey =
  paths['/api/v1/tenants/{tenantId}/management-keys']['post']['responses']['201']['content']['application/json'];
type PermissionName = CreateBody['permissions'][number];

/**
 * Issue a key pair in the workspace's current mode, holding management permissions from the server's own
 * list. A role hands out only the permissions it holds (the server refuses more), so the others are shown
 * disabled, saying why.
 */
export function CreateManagementKeyDialog({
  open,
  onClose,
  onIssued,
}: {
  open: boolean;
  onClose: () => void;
  onIssued: (issued: IssuedManagementKey) => void;
}) {
  const workspace = useWorkspace();
  const { tenantId, mode } = workspace;
  const queryClient = useQueryClient();
  const permissions = useManagementPermissions();
  const formId = useId();
  const nameId = useId();
  const baseId = useId();
  const [name, setName] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const issue = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/tenants/{tenantId}/management-keys', {
          params: { path: { tenantId } },
          // The names come from the server's list, the same list its body schema accepts.
          body: { name: name.trim(), mode, permissions: selected as PermissionName[] },
        }),
      ),
    onSuccess: (issued) => {
      queryClient.invalidateQueries({ queryKey: ['management-keys', tenantId] });
      setName('');
      setSelected([]);
      issue.reset();
      onIssued(issued);
    },
  });
  const close = () => {
    issue.reset();
    onClose();
  };
  const toggle = (permission: string, on: boolean) =>
    setSelected((now) =>
      on ? [...now.filter((p) => p !== permission), permission] : now.filter((p) => p !== permission),
    );
  return (
    <Dialog
      open={open}
      title={`New ${mode} management key`}
      onClose={close}
      footer={
        <DialogActions
          onCancel={close}
          form={formId}
          label="Create key pair"
          pendingLabel="Creating…"
          pending={issue.isPending}
        />
      }
    >
      <form
        id={formId}
        onSubmit={(event) => {
          event.preventDefault();
          issue.mutate();
        }}
      >
        <p className="muted">
          Your backend sends the pair as <code>X-Api-Key</code> and <code>X-Api-Secret</code> to the
          management API. It is created in <strong>{mode}</strong> mode
          {mode === 'test' ? ' and sees only test-mode objects' : ''}.
        </p>
        <label htmlFor={nameId}>Name</label>
        <input
          id={nameId}
          value={name}
          onChange={(event) => setName(event.target.value)}
          required
          maxLength={200}
          autoComplete="off"
        />
        <QueryView query={permissions} loadingLabel="Loading the permissions">
          {(data) => (
            <fieldset>
              <legend>Permissions</legend>
              <ul className="checklist">
                {data.items.map((permission, index) => {
                  const id = `${baseId}-${index}`;
                  const grantable = can(workspace, permission.name);
                  return (
                    <li key={permission.name} className={grantable ? '' : 'disabled'}>
                      <input
                        id={id}
                        type="checkbox"
                        disabled={!grantable}
                        checked={selected.includes(permission.name)}
                        onChange={(event) => toggle(permission.name, event.target.checked)}
                        aria-describedby={`${id}-hint`}
                      />{' '}
                      <label htmlFor={id}>
                        <code>{permission.name}</code>
                      </label>
                      <div id={`${id}-hint`} className="field-hint">
                        {permission.description}
                        {grantable ? '' : ' · Your role does not hold it, so it cannot hand it out'}
                      </div>
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          )}
        </QueryView>
        <InlineError error={issue.error} />
      </form>
    </Dialog>
  );
}
