import type { Kysely } from 'kysely';
import type { ClientTable, Database } from './schema.ts';

/** One hashed secret of a client. Only the hash is stored; several live during a rotation's grace period. */
export interface ClientSecret {
  secretHash: string;
  pepperVersion: number;
  createdAt: number;
  expiresAt: number | null;
}

export async function insertClientSecret(
  trx: Kysely<Database>,
  tenantId: string,
  clientId: string,
  secret: ClientSecret,
): Promise<void> {
  await trx
    .insertInto('client_secrets')
    .values({
      secret_hash: secret.secretHash,
      client_id: clientId,
      tenant_id: tenantId,
      pepper_version: secret.pepperVersion,
      created_at: secret.createdAt,
      expires_at: secret.expiresAt,
    })
    .execute();
}

/** Ends every secret of the client at `at`, leaving alone those that already end sooner. */
export async function expireClientSecrets(
  trx: Kysely<Database>,
  tenantId: string,
  clientId: string,
  at: number,
): Promise<void> {
  await trx
    .updateTable('client_secrets')
    .set({ expires_at: at })
    .where('tenant_id', '=', tenantId)
    .where('client_id', '=', clientId)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]))
    .execute();
}

/** The client row a secret hash belongs to, with the secret's own expiry; one indexed read. */
export function selectBySecretHash(
  db: Kysely<Database>,
  secretHash: string,
): Promise<(ClientTable & { secret_expires_at: number | null }) | undefined> {
  return db
    .selectFrom('client_secrets as s')
    .innerJoin('clients as c', 'c.id', 's.client_id')
    .selectAll('c')
    .select('s.expires_at as secret_expires_at')
    .where('s.secret_hash', '=', secretHash)
    .whereRef('s.tenant_id', '=', 'c.tenant_id')
    .executeTakeFirst();
}
