import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/openapi';
import { usePagedList } from '../../components/paged.tsx';
import type { Mode } from '../../workspace.tsx';

const ENDPOINTS = '/api/v1/tenants/{tenantId}/webhooks/endpoints' as const;
const ENDPOINT = '/api/v1/tenants/{tenantId}/webhooks/endpoints/{endpointId}' as const;

export type Endpoint = paths[typeof ENDPOINT]['get']['responses']['200']['content']['application/json'];
export type EndpointWithSecret =
  paths[typeof ENDPOINTS]['post']['responses']['201']['content']['application/json'];
export type EndpointInput = paths[typeof ENDPOINTS]['post']['requestBody']['content']['application/json'];
export type EndpointChanges = NonNullable<
  paths[typeof ENDPOINT]['patch']['requestBody']
>['content']['application/json'];
export type Delivery =
  paths[`${typeof ENDPOINT}/deliveries`]['get']['responses']['200']['content']['application/json']['items'][number];
export type EventType =
  paths['/api/v1/webhooks/event-types']['get']['responses']['200']['content']['application/json']['items'][number];

/** Every webhook query of a workspace starts with this: mutations invalidate it whole. */
export const webhooksKey = (tenantId: string) => ['webhooks', tenantId] as const;

/** The endpoints of one mode, newest first, page by page. */
export function useEndpoints(tenantId: string, mode: Mode) {
  return usePagedList<Endpoint>([...webhooksKey(tenantId), 'endpoints', mode], (cursor) =>
    unwrap(
      api.GET(ENDPOINTS, {
        params: { path: { tenantId }, query: { mode, limit: 50, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  );
}

export function useEndpoint(tenantId: string, endpointId: string) {
  return useQuery({
    queryKey: [...webhooksKey(tenantId), 'endpoint', endpointId],
    queryFn: () => unwrap(api.GET(ENDPOINT, { params: { path: { tenantId, endpointId } } })),
  });
}

/** How often the deliveries are read again: often while one is due within a minute, seldom while one waits longer. */
function pollInterval(deliveries: readonly Delivery[], now: number): number | null {
  const pending = deliveries.filter((delivery) => delivery.status === 'pending');
  if (pending.length === 0) return null;
  const dueSoon = pending.some(
    (delivery) => !delivery.nextAttemptAt || Date.parse(delivery.nextAttemptAt) - now < 60_000,
  );
  return dueSoon ? 2_000 : 30_000;
}

/**
 * An endpoint's deliveries, newest first. While one is pending (just sent, or waiting for a retry) the list
 * refreshes itself, so a test event's outcome appears without a reload.
 */
export function useDeliveries(tenantId: string, endpointId: string) {
  const list = usePagedList<Delivery>([...webhooksKey(tenantId), 'deliveries', endpointId], (cursor) =>
    unwrap(
      api.GET(`${ENDPOINT}/deliveries`, {
        params: { path: { tenantId, endpointId }, query: { limit: 25, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  );
  const interval = pollInterval(list.items, Date.now());
  const { refetch } = list;
  useEffect(() => {
    if (interval === null) return;
    const timer = setInterval(() => refetch(), interval);
    return () => clearInterval(timer);
  }, [interval, refetch]);
  return list;
}

/** The catalogue, the same for every workspace. */
export function useEventTypes() {
  return useQuery({
    queryKey: ['webhook-event-types'],
    queryFn: () => unwrap(api.GET('/api/v1/webhooks/event-types')),
    staleTime: Infinity,
  });
}

/** A mutation on the workspace's webhooks that refreshes every webhook query after it succeeds. */
export function useWebhookMutation<Input, Output>(
  tenantId: string,
  mutationFn: (input: Input) => Promise<Output>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey(tenantId) }),
  });
}

export const webhookCalls = {
  create: (tenantId: string, body: EndpointInput) =>
    unwrap(api.POST(ENDPOINTS, { params: { path: { tenantId } }, body })),
  update: (tenantId: string, endpointId: string, body: EndpointChanges) =>
    unwrap(api.PATCH(ENDPOINT, { params: { path: { tenantId, endpointId } }, body })),
  remove: (tenantId: string, endpointId: string) =>
    unwrap(api.DELETE(ENDPOINT, { params: { path: { tenantId, endpointId } } })),
  rotate: (tenantId: string, endpointId: string, gracePeriodSeconds: number) =>
    unwrap(
      api.POST(`${ENDPOINT}/rotate-secret`, {
        params: { path: { tenantId, endpointId } },
        body: { gracePeriodSeconds },
      }),
    ),
  test: (tenantId: string, endpointId: string) =>
    unwrap(api.POST(`${ENDPOINT}/test`, { params: { path: { tenantId, endpointId } } })),
  retry: (tenantId: string, deliveryId: string) =>
    unwrap(
      api.POST('/api/v1/tenants/{tenantId}/webhooks/deliveries/{deliveryId}/retry', {
        params: { path: { tenantId, deliveryId } },
      }),
    ),
};

/** Why an endpoint is disabled, in words, from the API's `disabledReason`. */
export function disabledReasonText(reason: string | null): string {
  switch (reason) {
    case 'manual':
      return 'By a member or through the API';
    case 'gone':
      return 'The endpoint answered 410 Gone';
    case 'failing':
      return 'Its deliveries failed for too long';
    default:
      return reason ?? 'No reason recorded';
  }
}
