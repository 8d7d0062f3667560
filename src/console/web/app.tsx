import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError } from './api/problem.ts';
import { Shell } from './layout/shell.tsx';
import { StartPage, WorkspaceGate } from './layout/workspace-gate.tsx';
import { AcceptInvitationPage } from './pages/accept-invitation.tsx';
import { ActivityPage } from './pages/activity.tsx';
import { AppsPage } from './pages/apps.tsx';
import { ClientsPage } from './pages/clients.tsx';
import { InstallationsPage } from './pages/installations.tsx';
import { KeyActivityPage } from './pages/key-activity.tsx';
import { KeysPage } from './pages/keys.tsx';
import { ManagementKeysPage } from './pages/management-keys.tsx';
import { MembersPage } from './pages/members.tsx';
import { NotFoundPage } from './pages/not-found.tsx';
import { OverviewPage } from './pages/overview.tsx';
import { PersonalTokensPage } from './pages/personal-tokens.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { WebhooksPage } from './pages/webhooks.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal will not change by asking again; a network blip might.
      retry: (failures, error) => !(error instanceof ApiError) && failures < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/**
 * Every page of the console. Workspace pages live under `/w/:tenantId/:mode/`, so the workspace and the live /
 * test mode are in every address and survive a reload or a shared link.
 */
const router = createBrowserRouter(
  [
    { path: '/', element: <StartPage /> },
    { path: '/sign-in', element: <SignInPage /> },
    { path: '/accept-invitation', element: <AcceptInvitationPage /> },
    {
      path: '/w/:tenantId/:mode',
      element: <WorkspaceGate />,
      children: [
        {
          element: <Shell />,
          children: [
            { index: true, element: <OverviewPage /> },
            { path: 'keys', element: <KeysPage /> },
            { path: 'keys/:keyId', element: <KeyActivityPage /> },
            { path: 'clients', element: <ClientsPage /> },
            { path: 'apps', element: <AppsPage /> },
            { path: 'installations', element: <InstallationsPage /> },
            { path: 'management-keys', element: <ManagementKeysPage /> },
            { path: 'members', element: <MembersPage /> },
            { path: 'activity', element: <ActivityPage /> },
            { path: 'webhooks', element: <WebhooksPage /> },
            { path: 'webhooks/:endpointId', element: <WebhooksPage /> },
            { path: 'tokens', element: <PersonalTokensPage /> },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
    { path: '*', element: <NotFoundPage /> },
  ],
  { basename: '/console' },
);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
