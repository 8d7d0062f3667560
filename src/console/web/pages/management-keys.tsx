import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import type { paths } from '../api/openapi';
import { ModeBadge, StatusBadge } from '../components/badge.tsx';
import { ConfirmDialog } from '../components/dialog.tsx';
import { formatDate, formatList } from '../components/format.ts';
import { Page } from '../components/page.tsx';
import { usePagedList } from '../components/paged.tsx';
import { PagedTable } from '../components/paged-table.tsx';
import { SecretReveal } from '../components/secret-reveal.tsx';
import { Empty, InlineError } from '../components/states.tsx';
import { can, useWorkspace } from '../workspace.tsx';
import { CreateManagementKeyDialog, type IssuedManagementKey } from './management-keys/create-key.tsx';

type ManagementKeyView =
  paths['/api/v1/tenants/{tenantId}/management-keys/{keyId}']['get']['responses']['200']['content']['application/json'];
type KeyStatus = ManagementKeyView['status'];

/** Settings > Management keys: `X-Api-Key` / `X-Api-Secret` pairs for the tenant's own automation. */
export function ManagementKeysPage() {
  const workspace = useWorkspace();
  const { tenantId, mode } = workspace;
  const writable = can(workspace, 'manage:management-keys');
  const queryClient = useQueryClient();
  const statusId = useId();
  const [status, setStatus] = useState<KeyStatus | ''>('');
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<IssuedManagementKey | null>(null);
  const [revoking, setRevoking] = useState<ManagementKeyView | null>(null);
  const list = usePagedList<ManagementKeyView>(['management-keys', tenantId, mode, { status }], (cursor) =>
    unwrap(
      api.GET('/api/v1/tenants/{tenantId}/management-keys', {
        params: {
          path: { tenantId },
          query: { mode, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) },
        },
      }),
    ),
  );
  const revoke = useMutation({
    mutationFn: (key: ManagementKeyView) =>
      unwrap(
        api.DELETE('/api/v1/tenants/{tenantId}/management-keys/{keyId}', {
          params: { path: { tenantId, keyId: key.id } },
        }),
      ),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['management-keys', tenantId] });
      setRevoking(null);
    },
  });

  return (
    <Page
      title="Management keys"
      description={
        <>
          Key pairs let your own backend call the management API for this workspace (create keys and clients,
          read the activity feed…) with only the permissions you give them. Showing <strong>{mode}</strong>{' '}
          mode pairs.
        </>
      }
      actions={
        writable ? (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            Create key pair
          </button>
        ) : null
      }
    >
      {writable ? null : (
        <p className="muted">Your role can see management keys but not create or revoke them.</p>
      )}
      <div className="toolbar">
        <label htmlFor={statusId}>
          Status
          <select
            id={statusId}
            value={status}
            onChange={(event) => setStatus(event.target.value as KeyStatus | '')}
          >
            <option value="">Any</option>
            <option value="active">active</option>
            <option value="revoked">revoked</option>
          </select>
        </label>
      </div>
      <PagedTable
        list={list}
        loadingLabel="Loading management keys"
        empty={
          <Empty title={status ? `No ${status} ${mode} management keys` : `No ${mode} management keys yet`}>
            <p>
              {writable
                ? 'Create one for each backend job, with the fewest permissions it needs.'
                : 'An owner or manager of this workspace can create them.'}
            </p>
          </Empty>
        }
        caption={`Management keys in ${mode} mode`}
        head={[
          'Name',
          'Key ID',
          'Mode',
          'Permissions',
          'Status',
          'Created',
          'Last used',
          ...(writable ? ['Actions'] : []),
        ]}
      >
        {(key) => (
          <tr key={key.id}>
            <td>{key.name}</td>
            <td className="nowrap">
              <code>{key.id}</code>
              <div className="field-hint">
                Secret starts <code>{key.displayPrefix}</code>
              </div>
            </td>
            <td>
              <ModeBadge mode={key.mode} />
            </td>
            <td>{formatList(key.permissions)}</td>
            <td>
              <StatusBadge status={key.status} />
              {key.revokedAt ? <div className="field-hint">{formatDate(key.revokedAt)}</div> : null}
            </td>
            <td>{formatDate(key.createdAt)}</td>
            <td>{key.lastUsedAt ? formatDate(key.lastUsedAt) : 'Never'}</td>
            {writable ? (
              <td className="actions">
                {key.status === 'active' ? (
                  <button type="button" className="danger" onClick={() => setRevoking(key)}>
                    Revoke<span className="visually-hidden"> {key.name}</span>
                  </button>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            ) : null}
          </tr>
        )}
      </PagedTable>
      {writable ? (
        <>
          <CreateManagementKeyDialog
            open={creating}
            onClose={() => setCreating(false)}
            onIssued={(key) => {
              setCreating(false);
              setIssued(key);
            }}
          />
          <ConfirmDialog
            open={revoking !== null}
            title={`Revoke “${revoking?.name ?? ''}”?`}
            confirmLabel="Revoke key pair"
            pending={revoke.isPending}
            onConfirm={() => revoking && revoke.mutate(revoking)}
            onClose={() => {
              revoke.reset();
              setRevoking(null);
            }}
            error={<InlineError error={revoke.error} />}
            message={
              <p>
                Every request with this pair is refused from now on. Revoking cannot be undone; the pair stays
                in the list as revoked.
              </p>
            }
          />
        </>
      ) : null}
      <SecretReveal
        open={issued !== null}
        title={`Key pair “${issued?.name ?? ''}” created`}
        secrets={
          issued
            ? [
                { label: 'API key (X-Api-Key)', value: issued.apiKey },
                { label: 'API secret (X-Api-Secret)', value: issued.apiSecret },
              ]
            : []
        }
        note="The secret is shown only now. Copy both values; the key ID stays visible in this list, the secret never again."
        onClose={() => setIssued(null)}
      />
    </Page>
  );
}
