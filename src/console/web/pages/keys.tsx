import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useId, useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import { ModeBadge, StatusBadge } from '../components/badge.tsx';
import { ConfirmDialog } from '../components/dialog.tsx';
import { formatDate, formatList } from '../components/format.ts';
import { Page } from '../components/page.tsx';
import { usePagedList } from '../components/paged.tsx';
import { PagedTable } from '../components/paged-table.tsx';
import { SecretReveal } from '../components/secret-reveal.tsx';
import { Empty, InlineError } from '../components/states.tsx';
import { can, canRead, useWorkspace } from '../workspace.tsx';
import { useAllApps } from './apps/queries.ts';
import { CreateKeyDialog } from './keys/create-key-dialog.tsx';
import { EditKeyDialog } from './keys/edit-key-dialog.tsx';
import {
  type ApiKeyView,
  fetchKeysPage,
  type IssuedKey,
  type KeyApp,
  type KeyListFilter,
  type KeyStatus,
  keysQueryKey,
} from './keys/keys-api.ts';
import { RollKeyDialog } from './keys/roll-key-dialog.tsx';

const STATUSES: { value: KeyStatus | ''; label: string }[] = [
  { value: '', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'expired', label: 'Expired' },
  { value: 'revoked', label: 'Revoked' },
];

/** When a rolled key's previous secret stops (or stopped): after that it answers `rolled`. */
function PreviousSecret({ stopsAt }: { stopsAt: string | null }) {
  if (!stopsAt) return null;
  const future = Date.parse(stopsAt) > Date.now();
  return (
    <div className="field-hint key-previous-secret">
      {future
        ? `Rolled: the previous secret stops at ${formatDate(stopsAt)}`
        : `Rolled: the previous secret stopped at ${formatDate(stopsAt)} (it now answers “rolled”)`}
    </div>
  );
}

/**
 * The app a key is labelled with, under its name: the app's name, or its id when the loaded apps do not have it
 * (an app beyond the first 200, or the apps failed to load). Nothing while the apps load.
 */
function KeyAppHint({
  appId,
  apps,
  loading,
}: {
  appId: string | null;
  apps: KeyApp[] | undefined;
  loading: boolean;
}) {
  if (appId === null || loading) return null;
  const app = apps?.find((candidate) => candidate.id === appId);
  return <div className="field-hint key-app">App: {app?.name ?? appId}</div>;
}

/** Settings › API keys: the workspace's keys in the current mode, with create, edit, roll and revoke. */
export function KeysPage() {
  const workspace = useWorkspace();
  const { tenantId, mode } = workspace;
  const manages = can(workspace, 'manage:keys');
  const queryClient = useQueryClient();
  const ids = useId();
  const [status, setStatus] = useState<KeyStatus | ''>('');
  const [appFilter, setAppFilter] = useState('');
  const [nameInput, setNameInput] = useState('');
  const namePrefix = useDeferredValue(nameInput.trim());
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKeyView | null>(null);
  const [rolling, setRolling] = useState<ApiKeyView | null>(null);
  const [editing, setEditing] = useState<ApiKeyView | null>(null);
  const [revealed, setRevealed] = useState<{ title: string; key: IssuedKey } | null>(null);

  // A key's app is only a label; a role that cannot read apps sees neither it nor the app controls.
  const readsApps = canRead(workspace, 'manage:apps');
  const apps = useAllApps(tenantId, readsApps);
  const appList = apps.data?.items;

  const filter: KeyListFilter = {
    mode,
    status: status || undefined,
    namePrefix: namePrefix || undefined,
    appId: (readsApps && appFilter) || undefined,
  };
  const list = usePagedList([...keysQueryKey(tenantId), 'list', filter], (cursor) =>
    fetchKeysPage(tenantId, filter, cursor),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: keysQueryKey(tenantId) });

  const revoke = useMutation({
    mutationFn: (key: ApiKeyView) =>
      unwrap(
        api.DELETE('/api/v1/tenants/{tenantId}/keys/{keyId}', {
          params: { path: { tenantId, keyId: key.id } },
        }),
      ),
    onSuccess: () => {
      setRevoking(null);
      revoke.reset();
      return refresh();
    },
  });

  const filtered = Boolean(status || namePrefix || filter.appId);
  return (
    <Page
      title="API keys"
      description={
        <>
          Long-lived secrets for server-to-server calls and automation, in {mode} mode. Prefer a restricted
          key with only the scopes it needs; a key is shown once, when it is created or rolled.
        </>
      }
      actions={
        manages ? (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            Create key
          </button>
        ) : null
      }
    >
      <search className="toolbar" aria-label="Filter keys">
        <label htmlFor={`${ids}-status`}>
          Status
          <select
            id={`${ids}-status`}
            value={status}
            onChange={(event) => setStatus(event.target.value as KeyStatus | '')}
          >
            {STATUSES.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        {readsApps ? (
          <label htmlFor={`${ids}-app`}>
            App
            <select
              id={`${ids}-app`}
              value={appFilter}
              onChange={(event) => setAppFilter(event.target.value)}
            >
              <option value="">Any app</option>
              {appList?.map((app) => (
                <option key={app.id} value={app.id}>
                  {app.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label htmlFor={`${ids}-name`}>
          Name starts with
          <input
            id={`${ids}-name`}
            type="search"
            maxLength={200}
            value={nameInput}
            onChange={(event) => setNameInput(event.target.value)}
          />
        </label>
      </search>

      <PagedTable
        list={list}
        loadingLabel="Loading keys"
        empty={
          filtered ? (
            <Empty title="No keys match these filters" />
          ) : (
            <Empty title={`No ${mode} keys yet`}>
              <p>
                {manages
                  ? 'Create one for each integration, so each can be revoked on its own.'
                  : 'An owner or manager of this workspace can create them.'}
              </p>
            </Empty>
          )
        }
        caption={`API keys in ${mode} mode`}
        head={[
          'Name',
          'Prefix',
          'Mode',
          'Type',
          'Scopes',
          'Created',
          'Last used',
          'Expires',
          'Status',
          ...(manages ? ['Actions'] : []),
        ]}
      >
        {(key) => (
          <tr key={key.id}>
            <td>
              <Link to={workspace.href(`keys/${encodeURIComponent(key.id)}`)}>{key.name}</Link>
              {readsApps ? <KeyAppHint appId={key.appId} apps={appList} loading={apps.isPending} /> : null}
            </td>
            <td>
              <code>{key.displayPrefix}…</code>
            </td>
            <td>
              <ModeBadge mode={key.mode} />
            </td>
            <td>{key.type}</td>
            <td className="key-scopes">
              {key.scopes === null ? (
                <span className="muted">All the plan entitles</span>
              ) : (
                formatList(key.scopes)
              )}
            </td>
            <td>{formatDate(key.createdAt)}</td>
            <td>{key.lastUsedAt ? formatDate(key.lastUsedAt) : 'Never'}</td>
            <td>{key.expiresAt ? formatDate(key.expiresAt) : 'Never'}</td>
            <td>
              <StatusBadge status={key.status} />
              {key.status === 'active' ? <PreviousSecret stopsAt={key.previousSecretExpiresAt} /> : null}
            </td>
            {manages ? (
              <td className="actions">
                {key.status === 'active' ? (
                  <>
                    <button type="button" onClick={() => setEditing(key)} aria-label={`Edit ${key.name}`}>
                      Edit
                    </button>
                    <button type="button" onClick={() => setRolling(key)} aria-label={`Roll ${key.name}`}>
                      Roll
                    </button>
                  </>
                ) : null}
                {key.status !== 'revoked' ? (
                  <button
                    type="button"
                    className="danger"
                    onClick={() => setRevoking(key)}
                    aria-label={`Revoke ${key.name}`}
                  >
                    Revoke
                  </button>
                ) : null}
              </td>
            ) : null}
          </tr>
        )}
      </PagedTable>

      {manages ? (
        <>
          <CreateKeyDialog
            open={creating}
            apps={readsApps ? appList : undefined}
            onClose={() => setCreating(false)}
            onCreated={(key) => {
              setCreating(false);
              setRevealed({ title: `Key “${key.name}” created`, key });
              void refresh();
            }}
          />
          <EditKeyDialog
            target={editing}
            onClose={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              void refresh();
            }}
          />
          <RollKeyDialog
            target={rolling}
            onClose={() => setRolling(null)}
            onRolled={(key) => {
              setRolling(null);
              setRevealed({ title: `Key “${key.name}” rolled`, key });
              void refresh();
            }}
          />
          <ConfirmDialog
            open={revoking !== null}
            title={`Revoke “${revoking?.name ?? ''}”?`}
            message={
              <p>
                Calls with this key fail from now on. The key stays listed, with its activity, for audit. This
                cannot be undone.
              </p>
            }
            confirmLabel="Revoke key"
            pending={revoke.isPending}
            error={<InlineError error={revoke.error} />}
            onConfirm={() => revoking && revoke.mutate(revoking)}
            onClose={() => {
              setRevoking(null);
              revoke.reset();
            }}
          />
          <SecretReveal
            open={revealed !== null}
            title={revealed?.title ?? ''}
            secrets={revealed ? [{ label: 'Key', value: revealed.key.key }] : []}
            note={`This is the only time the ${revealed?.key.mode ?? ''} key is shown. Copy it now and store it where you keep secrets.`}
            onClose={() => setRevealed(null)}
          />
        </>
      ) : null}
    </Page>
  );
}
