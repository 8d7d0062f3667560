import type { ExpressionBuilder } from 'kysely';
import type { Database } from './schema.ts';

/**
 * A row's `credential_id` is one of the tenant's API keys or clients of `mode`: the mode filter of the request
 * feed and of the usage rollups, which record a credential's id but not its mode.
 */
export function credentialOfMode(
  eb: ExpressionBuilder<Database, 'request_log'> | ExpressionBuilder<Database, 'usage_rollups'>,
  tenantId: string,
  mode: 'live' | 'test',
) {
  const rows = eb as ExpressionBuilder<Database, 'request_log'>;
  return rows.or([
    rows(
      'credential_id',
      'in',
      rows
        .selectFrom('api_keys')
        .select('api_keys.id')
        .where('api_keys.tenant_id', '=', tenantId)
        .where('api_keys.mode', '=', mode),
    ),
    rows(
      'credential_id',
      'in',
      rows
        .selectFrom('clients')
        .select('clients.id')
        .where('clients.tenant_id', '=', tenantId)
        .where('clients.mode', '=', mode),
    ),
  ]);
}
