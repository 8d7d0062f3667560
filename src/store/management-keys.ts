import type { Selectable } from 'kysely';
import { type Page, type PageRequest, pageNewestFirst } from './pagination.ts';
import type { ManagementKeyTable, TenantTable } from './schema.ts';
import type { Scope } from './scope.ts';

/** A tenant management key pair as shown: the id is the public `X-Api-Key`; the secret is never kept. */
export interface ManagementKey {
  id: string;
  tenantId: string;
  name: string;
  /** A test-mode pair manages only test-mode objects. */
  mode: 'live' | 'test';
  permissions: string[];
  displayPrefix: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface NewManagementKey extends Omit<ManagementKey, 'lastUsedAt' | 'revokedAt'> {
  secretHash: string;
  pepperVersion: number;
}

/** What authentication needs, in one read: the key, its stored hash and its tenant's status. */
export interface ManagementKeyForAuthentication {
  key: ManagementKey;
  secretHash: string;
  pepperVersion: number;
  tenantStatus: TenantTable['status'];
}

type Row = Omit<Selectable<ManagementKeyTable>, 'secret_hash' | 'pepper_version'>;

function toManagementKey(row: Row): ManagementKey {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    mode: row.mode,
    permissions: JSON.parse(row.permissions) as string[],
    displayPrefix: row.display_prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

// Every column but the hash: what a tenant-scoped read returns.
const PUBLIC_COLUMNS = [
  'id',
  'tenant_id',
  'name',
  'mode',
  'permissions',
  'display_prefix',
  'created_at',
  'last_used_at',
  'revoked_at',
] as const;

/** Tenant management key pairs (`X-Api-Key` + `X-Api-Secret`). Only the secret's hash is stored. */
export interface ManagementKeyFilter {
  mode?: 'live' | 'test' | undefined;
  status?: 'active' | 'revoked' | undefined;
}

export class ManagementKeyStore {
  readonly #scope: Scope;

  constructor(scope: Scope) {
    this.#scope = scope;
  }

  async insert(key: NewManagementKey): Promise<void> {
    await this.#scope.write((unit) =>
      unit.db
        .insertInto('management_keys')
        .values({
          id: key.id,
          tenant_id: key.tenantId,
          name: key.name,
          mode: key.mode,
          permissions: JSON.stringify(key.permissions),
          secret_hash: key.secretHash,
          pepper_version: key.pepperVersion,
          display_prefix: key.displayPrefix,
          created_at: key.createdAt,
          last_used_at: null,
          revoked_at: null,
        })
        .execute(),
    );
  }

  /**
   * The key a presented `X-Api-Key` names, with its hash and tenant status. The one read without a tenant id:
   * the credential names its tenant, and the caller confines it to that tenant afterwards.
   */
  async findForAuthentication(keyId: string): Promise<ManagementKeyForAuthentication | undefined> {
    const row = await this.#scope.db
      .selectFrom('management_keys as m')
      .innerJoin('tenants as t', 't.id', 'm.tenant_id')
      .select([
        'm.id',
        'm.tenant_id',
        'm.name',
        'm.mode',
        'm.permissions',
        'm.display_prefix',
        'm.created_at',
        'm.last_used_at',
        'm.revoked_at',
        'm.secret_hash',
        'm.pepper_version',
        't.status as tenant_status',
      ])
      .where('m.id', '=', keyId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      key: toManagementKey(row),
      secretHash: row.secret_hash,
      pepperVersion: row.pepper_version,
      tenantStatus: row.tenant_status,
    };
  }

  async get(tenantId: string, keyId: string): Promise<ManagementKey | undefined> {
    const row = await this.#scope.db
      .selectFrom('management_keys')
      .select(PUBLIC_COLUMNS)
      .where('tenant_id', '=', tenantId)
      .where('id', '=', keyId)
      .executeTakeFirst();
    return row ? toManagementKey(row) : undefined;
  }

  /** Newest first; only one mode's pairs when `mode` is given, only active or revoked ones when `status` is. */
  async list(
    tenantId: string,
    page: PageRequest,
    filter: ManagementKeyFilter = {},
  ): Promise<Page<ManagementKey>> {
    let query = this.#scope.db
      .selectFrom('management_keys')
      .select(PUBLIC_COLUMNS)
      .where('tenant_id', '=', tenantId);
    if (filter.mode !== undefined) query = query.where('mode', '=', filter.mode);
    if (filter.status === 'active') query = query.where('revoked_at', 'is', null);
    if (filter.status === 'revoked') query = query.where('revoked_at', 'is not', null);
    return pageNewestFirst(query, page, toManagementKey);
  }

  /** Soft delete: the row stays for audit; revoking twice keeps the first time. Undefined for an unknown id. */
  async revoke(tenantId: string, keyId: string, now: number): Promise<ManagementKey | undefined> {
    await this.#scope.write(async (unit) => {
      const result = await unit.db
        .updateTable('management_keys')
        .set({ revoked_at: now })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', keyId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) > 0) unit.changed({ kind: 'management_key', tenantId, keyId });
    });
    return this.get(tenantId, keyId);
  }

  /** Stamps the last use; a stamp never moves backwards. */
  async recordLastUsed(tenantId: string, keyId: string, at: number): Promise<void> {
    await this.#scope.db
      .updateTable('management_keys')
      .set({ last_used_at: at })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', keyId)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', at)]))
      .execute();
  }
}
