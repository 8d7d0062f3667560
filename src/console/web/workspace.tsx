import { createContext, useContext } from 'react';
import type { Membership } from './session.tsx';

export type Mode = 'live' | 'test';

export interface Workspace {
  tenantId: string;
  mode: Mode;
  membership: Membership;
  /** `/console/w/{tenantId}/{mode}/{path}`, for links inside this workspace and mode. */
  href(path?: string): string;
}

export const WorkspaceContext = createContext<Workspace | null>(null);

/** The workspace and mode of the page; only pages under `/w/:tenantId/:mode` have one. */
export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace outside a workspace route');
  return workspace;
}

export function workspaceHref(tenantId: string, mode: Mode, path = ''): string {
  const rest = path.replace(/^\/+/, '');
  return `/w/${encodeURIComponent(tenantId)}/${mode}${rest ? `/${rest}` : ''}`;
}

/**
 * Whether the signed-in user's role allows a management permission in the current mode. It only decides which
 * controls to show: the server decides again on every request, through the same role table.
 */
export function can(workspace: Pick<Workspace, 'membership' | 'mode'>, permission: string): boolean {
  const { permissions, testModePermissions } = workspace.membership;
  if (permissions.includes('*') || permissions.includes(permission)) return true;
  if (permission.startsWith('read:') && permissions.includes('read:*')) return true;
  return workspace.mode === 'test' && testModePermissions.includes(permission);
}

/** Reading a resource: a role that reads everything, or the permission that manages it. */
export function canRead(workspace: Pick<Workspace, 'membership' | 'mode'>, permission: string): boolean {
  return workspace.membership.readsEverything || can(workspace, permission);
}

const LAST_WORKSPACE = 'portcullis.console.workspace';

export function rememberWorkspace(tenantId: string): void {
  try {
    localStorage.setItem(LAST_WORKSPACE, tenantId);
  } catch {
    // Storage may be off; the first membership is then the default.
  }
}

export function lastWorkspace(): string | null {
  try {
    return localStorage.getItem(LAST_WORKSPACE);
  } catch {
    return null;
  }
}
