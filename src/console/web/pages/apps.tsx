import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import { ConfirmDialog } from '../components/dialog.tsx';
import { formatDate } from '../components/format.ts';
import { Page } from '../components/page.tsx';
import { usePagedList } from '../components/paged.tsx';
import { PagedTable } from '../components/paged-table.tsx';
import { Empty, InlineError } from '../components/states.tsx';
import { can, useWorkspace } from '../workspace.tsx';
import { AppFormDialog } from './apps/app-form.tsx';
import { type AppView, signsWithKeys } from './clients/types.ts';

function UrlList({ values }: { values: string[] }) {
  if (values.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="url-list">
      {values.map((value) => (
        <li key={value}>
          <code>{value}</code>
        </li>
      ))}
    </ul>
  );
}

/** How the app's clients prove who they are, in a few words. */
function clientAuthentication(app: AppView): string {
  if (app.type === 'public') return 'PKCE, no secret';
  if (!signsWithKeys(app)) return 'Clients hold secrets';
  if (app.jwksUri) return `Clients sign with keys from ${app.jwksUri}`;
  const count = app.jwks?.keys.length ?? 0;
  return `Clients sign with keys (${count} public ${count === 1 ? 'key' : 'keys'})`;
}

/** Settings > Apps: the integrations registered in this workspace, shared by live and test mode. */
export function AppsPage() {
  const workspace = useWorkspace();
  const { tenantId } = workspace;
  const writable = can(workspace, 'manage:apps');
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<AppView | 'new' | null>(null);
  const [deleting, setDeleting] = useState<AppView | null>(null);
  const list = usePagedList<AppView>(['apps', tenantId, 'paged'], (cursor) =>
    unwrap(
      api.GET('/api/v1/tenants/{tenantId}/apps', {
        params: { path: { tenantId }, query: cursor ? { cursor } : {} },
      }),
    ),
  );
  const remove = useMutation({
    mutationFn: (app: AppView) =>
      unwrap(
        api.DELETE('/api/v1/tenants/{tenantId}/apps/{appId}', {
          params: { path: { tenantId, appId: app.id } },
        }),
      ),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['apps', tenantId] });
      setDeleting(null);
    },
  });

  return (
    <Page
      title="Apps"
      description="An app is the identity of an integration: its name and logo, the origins browsers may call from and the redirect URIs of its sign-in flow. Apps are shared by live and test mode."
      actions={
        writable ? (
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            Register app
          </button>
        ) : null
      }
    >
      {writable ? null : <p className="muted">Your role can see apps but not register or change them.</p>}
      <PagedTable
        list={list}
        loadingLabel="Loading apps"
        empty={
          <Empty title="No apps yet">
            <p>
              {writable
                ? 'Register an app for each integration that signs users in or calls from a browser.'
                : 'An owner or manager of this workspace can register them.'}
            </p>
          </Empty>
        }
        caption="Apps"
        head={[
          'Logo',
          'Name',
          'Type',
          'Allowed origins',
          'Redirect URIs',
          'Homepage',
          'Created',
          ...(writable ? ['Actions'] : []),
        ]}
      >
        {(app) => (
          <tr key={app.id}>
            <td>
              {app.logoUrl ? (
                <img className="app-logo" src={app.logoUrl} alt={`${app.name} logo`} width={32} height={32} />
              ) : (
                <span className="muted">—</span>
              )}
            </td>
            <td>
              {app.name}
              <div className="field-hint nowrap">
                <code>{app.id}</code>
              </div>
            </td>
            <td>
              {app.type}
              <div className="field-hint">{clientAuthentication(app)}</div>
            </td>
            <td>
              <UrlList values={app.allowedOrigins} />
            </td>
            <td>
              <UrlList values={app.redirectUris} />
            </td>
            <td>
              {app.homepageUrl ? (
                <a href={app.homepageUrl} rel="noopener noreferrer" target="_blank">
                  {app.homepageUrl}
                </a>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
            <td>{formatDate(app.createdAt)}</td>
            {writable ? (
              <td className="actions">
                <div className="row-actions">
                  <button type="button" onClick={() => setEditing(app)}>
                    Edit<span className="visually-hidden"> {app.name}</span>
                  </button>
                  <button type="button" className="danger" onClick={() => setDeleting(app)}>
                    Delete<span className="visually-hidden"> {app.name}</span>
                  </button>
                </div>
              </td>
            ) : null}
          </tr>
        )}
      </PagedTable>
      {writable && editing ? (
        <AppFormDialog
          key={editing === 'new' ? 'new' : editing.id}
          app={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {writable ? (
        <ConfirmDialog
          open={deleting !== null}
          title={`Delete “${deleting?.name ?? ''}”?`}
          confirmLabel="Delete app"
          pending={remove.isPending}
          onConfirm={() => deleting && remove.mutate(deleting)}
          onClose={() => {
            remove.reset();
            setDeleting(null);
          }}
          error={<InlineError error={remove.error} />}
          message={
            <p>
              The app's origins and redirect URIs stop working. An app can be deleted only once none of its
              API clients is left (suspended ones count): delete those first.
            </p>
          }
        />
      ) : null}
    </Page>
  );
}
