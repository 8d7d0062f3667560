import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import type { paths } from '../api/openapi';
import { ConfirmDialog } from '../components/dialog.tsx';
import { formatDate, formatList } from '../components/format.ts';
import { Page } from '../components/page.tsx';
import { usePagedList } from '../components/paged.tsx';
import { PagedTable } from '../components/paged-table.tsx';
import { Empty, InlineError } from '../components/states.tsx';
import { can, useWorkspace } from '../workspace.tsx';

type Installation =
  paths['/api/v1/tenants/{tenantId}/installations']['get']['responses']['200']['content']['application/json']['items'][number];

const PUBLISHER: Record<Installation['app']['publisher'], string> = {
  tenant: 'This workspace',
  platform: 'The platform',
  registered: 'Self-registered (not by the platform)',
};

function AppCell({ installation }: { installation: Installation }) {
  const { app } = installation;
  return (
    <div className="installed-app">
      {app.logoUrl ? <img src={app.logoUrl} alt="" width={28} height={28} className="app-logo" /> : null}
      <div>
        <strong>{app.name}</strong>
        {app.homepageUrl ? (
          <div>
            <a href={app.homepageUrl} rel="noopener noreferrer" target="_blank">
              {new URL(app.homepageUrl).host}
            </a>
          </div>
        ) : null}
        <div className="field-hint">
          <code>{installation.clientId}</code>
        </div>
      </div>
    </div>
  );
}

/**
 * Settings › Installed apps: the integrations this workspace's owners and managers approved through the OAuth
 * consent screen, with what each may do. Uninstalling refuses every token of the installation from the next
 * request on.
 */
export function InstallationsPage() {
  const workspace = useWorkspace();
  const { tenantId } = workspace;
  const writable = can(workspace, 'manage:apps');
  const queryClient = useQueryClient();
  const [removing, setRemoving] = useState<Installation | null>(null);
  const list = usePagedList<Installation>(['installations', tenantId], (cursor) =>
    unwrap(
      api.GET('/api/v1/tenants/{tenantId}/installations', {
        params: { path: { tenantId }, query: cursor ? { cursor } : {} },
      }),
    ),
  );
  const uninstall = useMutation({
    mutationFn: (installation: Installation) =>
      unwrap(
        api.DELETE('/api/v1/tenants/{tenantId}/installations/{installationId}', {
          params: { path: { tenantId, installationId: installation.id } },
        }),
      ),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['installations', tenantId] });
      setRemoving(null);
    },
  });

  return (
    <Page
      title="Installed apps"
      description="Apps an owner or manager of this workspace approved on the consent screen (OAuth authorization code with PKCE). Each holds the scopes it was granted until it is uninstalled."
    >
      {writable ? null : <p className="muted">Your role can see installed apps but not uninstall them.</p>}
      <PagedTable
        list={list}
        empty={
          <Empty title="No installed apps">
            <p>
              When an app asks to be installed, an owner or manager approves it on the consent screen, and it
              appears here.
            </p>
          </Empty>
        }
        caption="Installed apps"
        head={['App', 'Published by', 'Scopes granted', 'For', 'Approved by', 'Installed', 'Updated', '']}
      >
        {(installation) => (
          <tr key={installation.id}>
            <td>
              <AppCell installation={installation} />
            </td>
            <td>{PUBLISHER[installation.app.publisher]}</td>
            <td className="scopes">{formatList(installation.scopes)}</td>
            <td>{installation.resource ? <code>{installation.resource}</code> : 'The default API'}</td>
            <td>{installation.approvedByName ?? 'A removed user'}</td>
            <td>{formatDate(installation.createdAt)}</td>
            <td>{formatDate(installation.updatedAt)}</td>
            <td className="actions">
              {writable ? (
                <button
                  type="button"
                  className="danger"
                  aria-label={`Uninstall ${installation.app.name}`}
                  onClick={() => setRemoving(installation)}
                >
                  Uninstall
                </button>
              ) : null}
            </td>
          </tr>
        )}
      </PagedTable>
      <ConfirmDialog
        open={removing !== null}
        title={`Uninstall ${removing?.app.name ?? ''}?`}
        message={
          <p>
            Its access and refresh tokens stop working at once, on every request. The app must ask to be
            installed again, and someone must approve it.
          </p>
        }
        confirmLabel="Uninstall"
        pending={uninstall.isPending}
        error={uninstall.isError ? <InlineError error={uninstall.error} /> : null}
        onConfirm={() => removing && uninstall.mutate(removing)}
        onClose={() => {
          setRemoving(null);
          uninstall.reset();
        }}
      />
    </Page>
  );
}
