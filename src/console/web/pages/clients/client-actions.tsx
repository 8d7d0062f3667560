import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { ConfirmDialog, Dialog, DialogActions } from '../../components/dialog.tsx';
import { InlineError } from '../../components/states.tsx';
import { useWorkspace } from '../../workspace.tsx';
import { ClientScopes } from './client-scopes.tsx';
import type { ClientView, ClientWithSecret } from './types.ts';

export type ClientAction = { kind: 'rotate' | 'suspend' | 'scopes' | 'delete'; client: ClientView };

/** How long the old secret keeps working after a rotation; the API allows up to 30 days. */
const GRACE_PERIODS = [
  { seconds: 0, label: 'Stops at once' },
  { seconds: 3600, label: 'Keeps working for 1 hour' },
  { seconds: 86_400, label: 'Keeps working for 24 hours' },
  { seconds: 7 * 86_400, label: 'Keeps working for 7 days' },
] as const;

function useClientMutation<T>(mutationFn: () => Promise<T>, onDone: (result: T) => void) {
  const { tenantId } = useWorkspace();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (result) => {
      queryClient.invalidateQueries({ queryKey: ['clients', tenantId] });
      onDone(result);
    },
  });
}

/** The dialog of one action on one client: rotate, suspend, edit scopes, delete. */
export function ClientActionDialog({
  action,
  onClose,
  onRotated,
}: {
  action: ClientAction | null;
  onClose: () => void;
  onRotated: (client: ClientWithSecret) => void;
}) {
  if (!action) return null;
  const key = `${action.kind}-${action.client.id}`;
  switch (action.kind) {
    case 'rotate':
      return <RotateDialog key={key} client={action.client} onClose={onClose} onRotated={onRotated} />;
    case 'suspend':
      return <SuspendDialog key={key} client={action.client} onClose={onClose} />;
    case 'scopes':
      return <ScopesDialog key={key} client={action.client} onClose={onClose} />;
    case 'delete':
      return <DeleteDialog key={key} client={action.client} onClose={onClose} />;
  }
}

function clientPath(tenantId: string, clientId: string) {
  return { params: { path: { tenantId, clientId } } };
}

function RotateDialog({
  client,
  onClose,
  onRotated,
}: {
  client: ClientView;
  onClose: () => void;
  onRotated: (client: ClientWithSecret) => void;
}) {
  const { tenantId } = useWorkspace();
  const graceId = useId();
  const [grace, setGrace] = useState(0);
  const rotate = useClientMutation(
    () =>
      unwrap(
        api.POST('/api/v1/tenants/{tenantId}/clients/{clientId}/rotate-secret', {
          ...clientPath(tenantId, client.id),
          body: { gracePeriodSeconds: grace },
        }),
      ),
    onRotated,
  );
  return (
    <ConfirmDialog
      open
      title={`Rotate the secret of “${client.name}”?`}
      confirmLabel="Rotate secret"
      pending={rotate.isPending}
      onConfirm={() => rotate.mutate()}
      onClose={onClose}
      error={<InlineError error={rotate.error} />}
      message={
        <>
          <p>
            A new secret is generated and shown once. The client ID stays the same. Access tokens already
            issued stay valid until they expire (up to 1 hour).
          </p>
          <label htmlFor={graceId}>The old secret</label>
          <select id={graceId} value={grace} onChange={(event) => setGrace(Number(event.target.value))}>
            {GRACE_PERIODS.map((period) => (
              <option key={period.seconds} value={period.seconds}>
                {period.label}
              </option>
            ))}
          </select>
          <p className="field-hint">
            {grace === 0
              ? 'Integrations using the old secret stop getting tokens immediately.'
              : 'Both secrets work during the grace period, so the integration can switch without downtime.'}
          </p>
        </>
      }
    />
  );
}

function SuspendDialog({ client, onClose }: { client: ClientView; onClose: () => void }) {
  const { tenantId } = useWorkspace();
  const suspend = useClientMutation(
    () =>
      unwrap(
        api.PATCH('/api/v1/tenants/{tenantId}/clients/{clientId}', {
          ...clientPath(tenantId, client.id),
          body: { status: 'suspended' },
        }),
      ),
    onClose,
  );
  return (
    <ConfirmDialog
      open
      title={`Suspend “${client.name}”?`}
      confirmLabel="Suspend client"
      pending={suspend.isPending}
      onConfirm={() => suspend.mutate()}
      onClose={onClose}
      error={<InlineError error={suspend.error} />}
      message={
        <p>
          A suspended client gets no new tokens. Tokens it already has stay valid until they expire (up to 1
          hour). You can reactivate it later; its ID and secret do not change.
        </p>
      }
    />
  );
}

function ScopesDialog({ client, onClose }: { client: ClientView; onClose: () => void }) {
  const { tenantId } = useWorkspace();
  const formId = useId();
  const [scopes, setScopes] = useState<string[]>(client.scopes);
  const save = useClientMutation(
    () =>
      unwrap(
        api.PATCH('/api/v1/tenants/{tenantId}/clients/{clientId}', {
          ...clientPath(tenantId, client.id),
          body: { scopes },
        }),
      ),
    onClose,
  );
  return (
    <Dialog
      open
      title={`Scopes of “${client.name}”`}
      onClose={onClose}
      footer={<DialogActions onCancel={onClose} form={formId} label="Save scopes" pending={save.isPending} />}
    >
      <form
        id={formId}
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <p className="muted">
          The next token request gets the new scopes; no new secret is needed. Tokens already issued keep
          their scopes until they expire.
        </p>
        <ClientScopes selected={scopes} onChange={setScopes} />
        <InlineError error={save.error} />
      </form>
    </Dialog>
  );
}

function DeleteDialog({ client, onClose }: { client: ClientView; onClose: () => void }) {
  const { tenantId } = useWorkspace();
  const remove = useClientMutation(
    () =>
      unwrap(api.DELETE('/api/v1/tenants/{tenantId}/clients/{clientId}', clientPath(tenantId, client.id))),
    onClose,
  );
  return (
    <ConfirmDialog
      open
      title={`Delete “${client.name}”?`}
      confirmLabel="Delete client"
      pending={remove.isPending}
      onConfirm={() => remove.mutate()}
      onClose={onClose}
      error={<InlineError error={remove.error} />}
      message={
        <p>
          The client stops getting tokens now: its secrets and the access tokens it already has stop working.
          Deleting cannot be undone; to restore access, create a new client. It stays in the list as deleted
          (with “Show deleted”) for the record.
        </p>
      }
    />
  );
}
