import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';

/** The tenant's apps (up to 200, the API's largest page), for app names in lists and the app pickers. */
export function useAllApps(tenantId: string, enabled = true) {
  return useQuery({
    queryKey: ['apps', tenantId, 'all'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/tenants/{tenantId}/apps', { params: { path: { tenantId }, query: { limit: 200 } } }),
      ),
    enabled,
  });
}
