import { useMemo } from 'react';
import { Navigate, Outlet, useLocation, useParams, useSearchParams } from 'react-router';
import { ErrorState, Loading } from '../components/states.tsx';
import { useSession } from '../session.tsx';
import {
  lastWorkspace,
  type Mode,
  rememberWorkspace,
  type Workspace,
  WorkspaceContext,
  workspaceHref,
} from '../workspace.tsx';

/** The sign-in, coming back here after: `next` is a path of this origin (the router's paths lack `/console`). */
function signInHref(location: { pathname: string; search: string }): string {
  return `/sign-in?next=${encodeURIComponent(`/console${location.pathname}${location.search}`)}`;
}

/**
 * `/console`: the workspace the hand-off named (`?workspace=`), else the last one used, else the first, in live
 * mode; the sign-in when nobody is signed in.
 */
export function StartPage() {
  const session = useSession();
  const location = useLocation();
  const [params] = useSearchParams();
  if (session.isPending) return <Loading label="Opening the console" />;
  if (session.isError) return <ErrorState error={session.error} retry={() => session.refetch()} />;
  if (!session.data) return <Navigate to={signInHref(location)} replace />;
  const { memberships } = session.data;
  const wanted = params.get('workspace') ?? lastWorkspace();
  const chosen = memberships.find((m) => m.tenantId === wanted) ?? memberships[0];
  if (!chosen) {
    return (
      <main className="centered">
        <h1>No workspace yet</h1>
        <p>
          You are signed in as {session.data.user.email}, but you are not a member of any workspace. Ask an
          owner of a workspace to invite you.
        </p>
      </main>
    );
  }
  return <Navigate to={workspaceHref(chosen.tenantId, 'live')} replace />;
}

/** The workspace routes: a signed-in member of `:tenantId`, in mode `:mode`, or a page that says why not. */
export function WorkspaceGate() {
  const { tenantId = '', mode = '' } = useParams();
  const session = useSession();
  const location = useLocation();
  const membership = session.data?.memberships.find((m) => m.tenantId === tenantId);
  const workspace = useMemo<Workspace | null>(
    () =>
      membership && (mode === 'live' || mode === 'test')
        ? {
            tenantId,
            mode: mode as Mode,
            membership,
            href: (path = '') => workspaceHref(tenantId, mode as Mode, path),
          }
        : null,
    [membership, tenantId, mode],
  );
  if (session.isPending) return <Loading label="Opening the console" />;
  if (session.isError) return <ErrorState error={session.error} retry={() => session.refetch()} />;
  if (!session.data) return <Navigate to={signInHref(location)} replace />;
  if (mode !== 'live' && mode !== 'test') return <Navigate to={workspaceHref(tenantId, 'live')} replace />;
  if (!workspace) {
    return (
      <main className="centered">
        <h1>Not your workspace</h1>
        <p>You are not a member of this workspace, or you were removed from it.</p>
        <p>
          <a href="/console">Open your workspaces</a>
        </p>
      </main>
    );
  }
  rememberWorkspace(tenantId);
  return (
    <WorkspaceContext.Provider value={workspace}>
      <Outlet />
    </WorkspaceContext.Provider>
  );
}
