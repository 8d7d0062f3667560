import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import { ModeBadge, StatusBadge } from '../components/badge.tsx';
import { formatDate, formatList } from '../components/format.ts';
import { Page } from '../components/page.tsx';
import { usePagedList } from '../components/paged.tsx';
import { PagedTable } from '../components/paged-table.tsx';
import { SecretReveal } from '../components/secret-reveal.tsx';
import { Empty, InlineError } from '../components/states.tsx';
import { can, canRead, useWorkspace } from '../workspace.tsx';
import { useAllApps } from './apps/queries.ts';
import { type ClientAction, ClientActionDialog } from './clients/client-actions.tsx';
import { CreateClientDialog } from './clients/create-client.tsx';
import {
  CLIENT_STATUSES,
  type ClientStatus,
  type ClientView,
  type ClientWithSecret,
  signsWithKeys,
} from './clients/types.ts';

/** Settings > API clients (seed 002): machine clients, their one-time secrets and their lifecycle. */
export function ClientsPage() {
  const workspace = useWorkspace();
  const { tenantId, mode } = workspace;
  const writable = can(workspace, 'manage:clients');
  const queryClient = useQueryClient();
  const statusId = useId();
  const deletedId = useId();
  const [status, setStatus] = useState<ClientStatus | ''>('');
  const [showDeleted, setShowDeleted] = useState(false);
  const [creating, setCreating] = useState(false);
  const [action, setAction] = useState<ClientAction | null>(null);
  const [revealed, setRevealed] = useState<{
    title: string;
    client: ClientWithSecret;
    rotated: boolean;
  } | null>(null);
  const apps = useAllApps(tenantId, canRead(workspace, 'manage:apps'));
  const appOf = (appId: string | null) =>
    appId === null ? undefined : apps.data?.items.find((app) => app.id === appId);
  const appName = (appId: string | null) => (appId === null ? '—' : (appOf(appId)?.name ?? appId));
  const list = usePagedList<ClientView>(['clients', tenantId, mode, { status, showDeleted }], (cursor) =>
    unwrap(
      api.GET('/api/v1/tenants/{tenantId}/clients', {
        params: {
          path: { tenantId },
          query: {
            mode,
            includeDeleted: showDeleted ? 'true' : 'false',
            ...(status ? { status } : {}),
            ...(cursor ? { cursor } : {}),
          },
        },
      }),
    ),
  );
  const reactivate = useMutation({
    mutationFn: (client: ClientView) =>
      unwrap(
        api.PATCH('/api/v1/tenants/{tenantId}/clients/{clientId}', {
          params: { path: { tenantId, clientId: client.id } },
          body: { status: 'active' },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['clients', tenantId] }),
  });

  return (
    <Page
      title="API clients"
      description={
        <>
          Machine clients exchange a client ID and secret for 1-hour access tokens (OAuth client credentials).
          The secret is shown once, when the client is created or its secret rotated. Showing{' '}
          <strong>{mode}</strong> mode clients.
        </>
      }
      actions={
        writable ? (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            Create client
          </button>
        ) : null
      }
    >
      {writable ? null : (
        <p className="muted">Your role can see API clients but not create or change them.</p>
      )}
      <div className="toolbar">
        <label htmlFor={statusId}>
          Status
          <select
            id={statusId}
            value={status}
            onChange={(event) => setStatus(event.target.value as ClientStatus | '')}
          >
            <option value="">Any</option>
            {CLIENT_STATUSES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        <p className="toolbar-check">
          <input
            id={deletedId}
            type="checkbox"
            checked={showDeleted}
            onChange={(event) => setShowDeleted(event.target.checked)}
          />{' '}
          <label htmlFor={deletedId}>Show deleted</label>
        </p>
      </div>
      <InlineError error={reactivate.error} />
      <PagedTable
        list={list}
        loadingLabel="Loading clients"
        empty={
          <Empty title={status ? `No ${status} ${mode} clients` : `No ${mode} API clients yet`}>
            <p>
              {writable
                ? 'Create one for each integration, so one leaked secret never affects the others.'
                : 'An owner or manager of this workspace can create them.'}
            </p>
          </Empty>
        }
        caption={`API clients in ${mode} mode`}
        head={[
          'Name',
          'Client ID',
          'App',
          'Mode',
          'Scopes',
          'Status',
          'Expires',
          'Created',
          ...(writable ? ['Actions'] : []),
        ]}
      >
        {(client) => (
          <tr key={client.id}>
            <td>{client.name}</td>
            <td className="nowrap">
              <code>{client.id}</code>
            </td>
            <td>{appName(client.appId)}</td>
            <td>
              <ModeBadge mode={client.mode} />
            </td>
            <td>{formatList(client.scopes)}</td>
            <td>
              <StatusBadge status={client.status} />
            </td>
            <td>{client.expiresAt ? formatDate(client.expiresAt) : 'Never'}</td>
            <td>{formatDate(client.createdAt)}</td>
            {writable ? (
              <td className="actions">
                <ClientRowActions
                  client={client}
                  keyAuthenticated={signsWithKeys(appOf(client.appId))}
                  onAction={setAction}
                  onReactivate={() => reactivate.mutate(client)}
                  reactivating={reactivate.isPending && reactivate.variables?.id === client.id}
                />
              </td>
            ) : null}
          </tr>
        )}
      </PagedTable>
      {writable ? (
        <>
          <CreateClientDialog
            open={creating}
            apps={apps.data?.items}
            onClose={() => setCreating(false)}
            onCreated={(client) => {
              setCreating(false);
              setRevealed({ title: `Client “${client.name}” created`, client, rotated: false });
            }}
          />
          <ClientActionDialog
            action={action}
            onClose={() => setAction(null)}
            onRotated={(client) => {
              setAction(null);
              setRevealed({ title: `New secret for “${client.name}”`, client, rotated: true });
            }}
          />
        </>
      ) : null}
      <SecretReveal
        open={revealed !== null}
        title={revealed?.title ?? ''}
        secrets={
          revealed
            ? [
                { label: 'Client ID', value: revealed.client.client_id },
                // A public app's client has no secret: it proves itself with PKCE alone.
                ...(revealed.client.client_secret
                  ? [{ label: 'Client secret', value: revealed.client.client_secret }]
                  : []),
              ]
            : []
        }
        note={
          revealed?.rotated
            ? 'The new secret is shown only now. Copy it and update the integration; the client ID is unchanged.'
            : revealed && !revealed.client.client_secret && signsWithKeys(appOf(revealed.client.appId))
              ? 'This client has no secret: it authenticates with private_key_jwt, signing assertions with a private key whose public half its app holds. Copy the client ID into the integration; it stays visible in this list.'
              : 'The client secret is shown only now. Copy both values and store the secret where you keep secrets; the client ID stays visible in this list.'
        }
        onClose={() => setRevealed(null)}
      />
    </Page>
  );
}

function Hidden({ name }: { name: string }) {
  return <span className="visually-hidden"> {name}</span>;
}

/** What a row offers: a deleted client nothing, an expired one only deletion (it is frozen). */
function ClientRowActions({
  client,
  keyAuthenticated,
  onAction,
  onReactivate,
  reactivating,
}: {
  client: ClientView;
  /** The client's app holds its keys: it has no secret to rotate. */
  keyAuthenticated: boolean;
  onAction: (action: ClientAction) => void;
  onReactivate: () => void;
  reactivating: boolean;
}) {
  if (client.status === 'deleted') return <span className="muted">—</span>;
  const live = client.status !== 'expired';
  return (
    <div className="row-actions">
      {live && !keyAuthenticated ? (
        <button type="button" onClick={() => onAction({ kind: 'rotate', client })}>
          Rotate secret
          <Hidden name={client.name} />
        </button>
      ) : null}
      {client.status === 'active' ? (
        <button type="button" onClick={() => onAction({ kind: 'suspend', client })}>
          Suspend
          <Hidden name={client.name} />
        </button>
      ) : null}
      {client.status === 'suspended' ? (
        <button type="button" onClick={onReactivate} disabled={reactivating}>
          Reactivate
          <Hidden name={client.name} />
        </button>
      ) : null}
      {live ? (
        <button type="button" onClick={() => onAction({ kind: 'scopes', client })}>
          Edit scopes
          <Hidden name={client.name} />
        </button>
      ) : null}
      <button type="button" className="danger" onClick={() => onAction({ kind: 'delete', client })}>
        Delete
        <Hidden name={client.name} />
      </button>
    </div>
  );
}
