import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { Dialog, DialogActions } from '../../components/dialog.tsx';
import { daysFromNow, formatDate } from '../../components/format.ts';
import { InlineError } from '../../components/states.tsx';
import { useWorkspace } from '../../workspace.tsx';
import { ClientScopes } from './client-scopes.tsx';
import { type AppView, type ClientWithSecret, MAX_EXPIRY_DAYS, signsWithKeys } from './types.ts';

/**
 * Create a client in the workspace's current mode: name, optional app (a confidential one: only those may
 * have clients with secrets), scopes and an optional expiry in days. The answer holds the secret, once.
 */
export function CreateClientDialog({
  open,
  apps,
  onClose,
  onCreated,
}: {
  open: boolean;
  apps: AppView[] | undefined;
  onClose: () => void;
  onCreated: (client: ClientWithSecret) => void;
}) {
  const workspace = useWorkspace();
  const { tenantId, mode } = workspace;
  const queryClient = useQueryClient();
  const formId = useId();
  const nameId = useId();
  const appId = useId();
  const expiryId = useId();
  const [name, setName] = useState('');
  const [app, setApp] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [days, setDays] = useState('');
  const confidential = (apps ?? []).filter((candidate) => candidate.type === 'confidential');
  const reset = () => {
    setName('');
    setApp('');
    setScopes([]);
    setDays('');
  };
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/tenants/{tenantId}/clients', {
          params: { path: { tenantId } },
          body: {
            name: name.trim(),
            scopes,
            mode,
            ...(app ? { appId: app } : {}),
            ...(days ? { expiresInDays: Number(days) } : {}),
          },
        }),
      ),
    onSuccess: (created) => {
      queryClient.invalidateQueries({ queryKey: ['clients', tenantId] });
      reset();
      create.reset();
      onCreated(created);
    },
  });
  const dayCount = Number(days);
  const close = () => {
    create.reset();
    onClose();
  };
  return (
    <Dialog
      open={open}
      title={`New ${mode} API client`}
      onClose={close}
      footer={
        <DialogActions
          onCancel={close}
          form={formId}
          label="Create client"
          pendingLabel="Creating…"
          pending={create.isPending}
        />
      }
    >
      <form
        id={formId}
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <p className="muted">
          A client gets a client ID and a secret, and exchanges them for 1-hour access tokens with the client
          credentials grant. It is created in <strong>{mode}</strong> mode.
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
        <label htmlFor={appId}>App</label>
        <select
          id={appId}
          value={app}
          onChange={(event) => setApp(event.target.value)}
          aria-describedby={`${appId}-hint`}
        >
          <option value="">No app</option>
          {confidential.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
              {signsWithKeys(candidate) ? ' (signs with keys, no secret)' : ''}
            </option>
          ))}
        </select>
        <p id={`${appId}-hint`} className="field-hint">
          Optional: the integration this client belongs to. Only confidential apps can have clients with a
          secret; the clients of an app that holds public keys have none and sign assertions instead
          (private_key_jwt).{' '}
          {confidential.length === 0 ? (
            <>
              This workspace has none yet: <Link to={workspace.href('apps')}>create an app</Link> first if you
              want one.
            </>
          ) : null}
        </p>
        <ClientScopes selected={scopes} onChange={setScopes} />
        <label htmlFor={expiryId}>Expires in (days)</label>
        <input
          id={expiryId}
          type="number"
          min={1}
          max={MAX_EXPIRY_DAYS}
          step={1}
          inputMode="numeric"
          value={days}
          onChange={(event) => setDays(event.target.value)}
          aria-describedby={`${expiryId}-hint`}
        />
        <p id={`${expiryId}-hint`} className="field-hint">
          {days && Number.isInteger(dayCount) && dayCount >= 1
            ? `Stops getting tokens on ${formatDate(daysFromNow(dayCount))}. An expired client cannot be restored: you create a new one.`
            : 'Leave empty for a client that does not expire (until suspended or deleted).'}
        </p>
        <InlineError error={create.error} />
      </form>
    </Dialog>
  );
}
