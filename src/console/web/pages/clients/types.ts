import type { paths } from '../../api/openapi';

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

export type ClientView = Json<
  paths['/api/v1/tenants/{tenantId}/clients/{clientId}']['get']['responses']['200']
>;
export type ClientWithSecret = Json<paths['/api/v1/tenants/{tenantId}/clients']['post']['responses']['201']>;
export type ClientStatus = ClientView['status'];
export type AppView = Json<paths['/api/v1/tenants/{tenantId}/apps/{appId}']['get']['responses']['200']>;

/**
 * Whether an app's clients authenticate with `private_key_jwt` (assertions signed by a key the app holds or
 * publishes) rather than with a secret: such a client has no secret to show or rotate.
 */
export function signsWithKeys(app: AppView | undefined): boolean {
  return app !== undefined && (app.jwks !== null || app.jwksUri !== null);
}

export const CLIENT_STATUSES: readonly ClientStatus[] = ['active', 'suspended', 'expired', 'deleted'];

/** Longest expiry the server accepts for a client, in days (`MAX_CLIENT_EXPIRY_DAYS`). */
export const MAX_EXPIRY_DAYS = 3650;
