import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import { useSession, useSessionReset } from '../session.tsx';
import { can, canRead, type Mode, useWorkspace, workspaceHref } from '../workspace.tsx';

interface NavItem {
  path: string;
  label: string;
  /** Shown only when the role may read it. */
  visible: (workspace: ReturnType<typeof useWorkspace>) => boolean;
}

const NAV: NavItem[] = [
  { path: '', label: 'Developers', visible: () => true },
  { path: 'keys', label: 'API keys', visible: (w) => canRead(w, 'manage:keys') },
  { path: 'clients', label: 'API clients', visible: (w) => canRead(w, 'manage:clients') },
  { path: 'apps', label: 'Apps', visible: (w) => canRead(w, 'manage:apps') },
  { path: 'installations', label: 'Installed apps', visible: (w) => canRead(w, 'manage:apps') },
  { path: 'management-keys', label: 'Management keys', visible: (w) => canRead(w, 'manage:management-keys') },
  { path: 'webhooks', label: 'Webhooks', visible: (w) => canRead(w, 'manage:webhooks') },
  { path: 'members', label: 'Members', visible: (w) => can(w, 'manage:members') },
  { path: 'activity', label: 'Activity', visible: (w) => canRead(w, 'read:audit') },
  { path: 'tokens', label: 'Personal tokens', visible: () => true },
];

/** The path inside the workspace (`keys/key_…` → `keys`), to keep the page when the workspace or mode changes. */
function sectionOf(pathname: string): string {
  const parts = pathname.split('/').filter(Boolean);
  // ['w', tenantId, mode, section, …] (the router's basename is already gone)
  return parts[3] ?? '';
}

export function Shell() {
  const workspace = useWorkspace();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const resetSession = useSessionReset();
  const [menuOpen, setMenuOpen] = useState(false);
  const switcherId = useId();
  const navId = useId();
  const section = sectionOf(location.pathname);
  const signOut = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/session')),
    onSettled: () => {
      // Leave the workspace first, so its gate never sees the session gone and adds a `next` back into it.
      navigate('/sign-in', { replace: true });
      resetSession(null);
    },
  });
  const memberships = session.data?.memberships ?? [];
  const switchMode = (mode: Mode) => navigate(workspaceHref(workspace.tenantId, mode, section));

  return (
    <div className={`shell mode-${workspace.mode}`}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Portcullis</span>
        <label className="switcher" htmlFor={switcherId}>
          <span className="visually-hidden">Workspace</span>
          <select
            id={switcherId}
            value={workspace.tenantId}
            onChange={(event) => navigate(workspaceHref(event.target.value, workspace.mode, section))}
          >
            {memberships.map((m) => (
              <option key={m.tenantId} value={m.tenantId}>
                {m.tenantName} ({m.role})
              </option>
            ))}
          </select>
        </label>
        <fieldset className="mode-switch">
          <legend className="visually-hidden">Mode</legend>
          {(['live', 'test'] as const).map((mode) => (
            <button
              key={mode}
              type="button"
              aria-pressed={workspace.mode === mode}
              className={workspace.mode === mode ? 'on' : ''}
              onClick={() => switchMode(mode)}
            >
              {mode === 'live' ? 'Live' : 'Test'}
            </button>
          ))}
        </fieldset>
        <span className="user">{session.data?.user.name ?? session.data?.user.email}</span>
        <button type="button" className="link" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          Sign out
        </button>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls={navId}
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
      </header>
      <div className="mode-banner" role="status" data-testid="mode-banner">
        {workspace.mode === 'test'
          ? 'Test mode: you see and create test objects only. Nothing here touches live data.'
          : 'Live mode'}
      </div>
      <div className="body">
        <nav id={navId} className={menuOpen ? 'sidenav open' : 'sidenav'} aria-label="Settings › Developers">
          <ul>
            {NAV.filter((item) => item.visible(workspace)).map((item) => (
              <li key={item.path}>
                <NavLink
                  to={workspace.href(item.path)}
                  end={item.path === ''}
                  onClick={() => setMenuOpen(false)}
                >
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
