import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api/client.ts';
import type { paths } from './api/openapi';

export type ManagementPermission =
  paths['/api/v1/management-permissions']['get']['responses']['200']['content']['application/json']['items'][number];

/**
 * The built-in management permissions (`manage:keys`, `read:audit`, …) with their descriptions, as the server
 * lists them: what management key pairs and machine clients may hold. No plan gates them.
 */
export function useManagementPermissions() {
  return useQuery({
    queryKey: ['management-permissions'],
    queryFn: () => unwrap(api.GET('/api/v1/management-permissions')),
    staleTime: Infinity,
  });
}
