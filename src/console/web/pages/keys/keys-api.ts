import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/openapi';
import type { PageOf } from '../../components/paged.tsx';
import type { Mode } from '../../workspace.tsx';

export type ApiKeyView =
  paths['/api/v1/tenants/{tenantId}/keys/{keyId}']['get']['responses']['200']['content']['application/json'];
export type IssuedKey =
  paths['/api/v1/tenants/{tenantId}/keys']['post']['responses']['201']['content']['application/json'];
export type CreateKeyBody = NonNullable<
  paths['/api/v1/tenants/{tenantId}/keys']['post']['requestBody']
>['content']['application/json'];
export type UpdateKeyBody = NonNullable<
  paths['/api/v1/tenants/{tenantId}/keys/{keyId}']['patch']['requestBody']
>['content']['application/json'];
export type KeyStatus = ApiKeyView['status'];
/** What the keys pages need of an app: its id and name, for the App filter, the row label and the picker. */
export type KeyApp = Pick<
  paths['/api/v1/tenants/{tenantId}/apps']['get']['responses']['200']['content']['application/json']['items'][number],
  'id' | 'name'
>;

export type RequestRow =
  paths['/api/v1/tenants/{tenantId}/audit/requests']['get']['responses']['200']['content']['application/json']['items'][number];
type RequestQuery = NonNullable<
  paths['/api/v1/tenants/{tenantId}/audit/requests']['get']['parameters']['query']
>;
export type Outcome = NonNullable<RequestQuery['outcome']>;

/** Every outcome the request feed records: `valid`, or the refusal code. */
export const OUTCOMES = [
  'valid',
  'malformed',
  'not_found',
  'revoked',
  'rolled',
  'expired',
  'tenant_suspended',
  'ip_not_allowed',
  'insufficient_scope',
  'rate_limited',
  'usage_exceeded',
  'wrong_issuer',
  'workspace_required',
  'workspace_not_allowed',
] as const satisfies readonly Outcome[];

export interface KeyListFilter {
  mode: Mode;
  status?: KeyStatus | undefined;
  namePrefix?: string | undefined;
  /** Only the keys labelled with this app. */
  appId?: string | undefined;
}

/** Query keys start with the resource and the tenant, so one prefix invalidates every list and key of it. */
export const keysQueryKey = (tenantId: string) => ['keys', tenantId] as const;

export function fetchKeysPage(
  tenantId: string,
  filter: KeyListFilter,
  cursor: string | undefined,
): Promise<PageOf<ApiKeyView>> {
  return unwrap(
    api.GET('/api/v1/tenants/{tenantId}/keys', {
      params: {
        path: { tenantId },
        query: {
          mode: filter.mode,
          ...(filter.status ? { status: filter.status } : {}),
          ...(filter.namePrefix ? { namePrefix: filter.namePrefix } : {}),
          ...(filter.appId ? { appId: filter.appId } : {}),
          ...(cursor ? { cursor } : {}),
        },
      },
    }),
  );
}

export interface RequestFilter {
  keyId: string;
  outcome?: Outcome | undefined;
  status?: number | undefined;
  rateLimited?: boolean | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

export function fetchRequestsPage(
  tenantId: string,
  filter: RequestFilter,
  cursor: string | undefined,
): Promise<PageOf<RequestRow>> {
  const { keyId, outcome, status, rateLimited, since, until } = filter;
  return unwrap(
    api.GET('/api/v1/tenants/{tenantId}/audit/requests', {
      params: {
        path: { tenantId },
        query: {
          keyId,
          ...(outcome ? { outcome } : {}),
          ...(status !== undefined ? { status } : {}),
          ...(rateLimited !== undefined ? { rateLimited: rateLimited ? 'true' : 'false' } : {}),
          ...(since ? { since } : {}),
          ...(until ? { until } : {}),
          ...(cursor ? { cursor } : {}),
        },
      },
    }),
  );
}

/** A date from an `<input type="date">` (local calendar day) as the end of that day, ISO; undefined for none. */
export function endOfDayIso(date: string): string | undefined {
  if (!date) return undefined;
  const end = new Date(`${date}T23:59:59.999`);
  return Number.isNaN(end.getTime()) ? undefined : end.toISOString();
}

/** A `<input type="datetime-local">` value as ISO; undefined for none. */
export function localDateTimeIso(value: string): string | undefined {
  if (!value) return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/** One CIDR block or address a line; blank lines dropped. */
export function allowlistLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}
