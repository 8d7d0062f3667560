import { sql } from 'kysely';
import type { ClientStatus } from '../core/client-status.ts';
import { appExistsForReference } from './apps.ts';
import {
  type ClientSecret,
  expireClientSecrets,
  insertClientSecret,
  selectBySecretHash,
} from './client-secrets.ts';
import { type Page, type PageRequest, pageNewestFirst } from './pagination.ts';
import type { ClientTable } from './schema.ts';
import type { Scope } from './scope.ts';

export type { ClientSecret } from './client-secrets.ts';

/** An OAuth API client as stored. `expired` is not a stored status: it follows from `expiresAt`. */
export interface Client {
  /** The public `client_id`. */
  id: string;
  tenantId: string;
  appId: string | null;
  name: string;
  mode: ClientTable['mode'];
  /** Scopes the client may request: vocabulary scopes and built-in management permissions. */
  scopes: string[];
  status: ClientTable['status'];
  expiresAt: number | null;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

/** What `findBySecretHash` reads: the secret's own expiry and the client it belongs to. */
export interface ClientBySecret {
  client: Client;
  secretExpiresAt: number | null;
}

export interface ClientChanges {
  scopes?: string[] | undefined;
  status?: 'active' | 'suspended' | undefined;
}

export interface ClientFilter {
  includeDeleted?: boolean | undefined;
  mode?: ClientTable['mode'] | undefined;
  /**
   * The status shown at `now` (`expired` follows from the expiry date). `deleted` lists deleted clients,
   * whatever `includeDeleted` says.
   */
  status?: { is: ClientStatus; now: number } | undefined;
  appId?: string | undefined;
  /** Names starting with these exact characters (case-sensitive, on every database). */
  namePrefix?: string | undefined;
}

export type InsertClientResult = { inserted: true } | { inserted: false; reason: 'app_not_found' };

function toClient(row: ClientTable): Client {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    appId: row.app_id,
    name: row.name,
    mode: row.mode,
    scopes: JSON.parse(row.scopes) as string[],
    status: row.status,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

export class ClientStore {
  readonly #scope: Scope;

  constructor(scope: Scope) {
    this.#scope = scope;
  }

  /** Inserts a client and its first secret. An `appId` must name an app of the same tenant. */
  /** Inserts a client with its first secret; a public app's client has none. */
  async insert(client: Client, secret: ClientSecret | undefined): Promise<InsertClientResult> {
    return this.#scope.write(async (unit) => {
      const trx = unit.db;
      if (client.appId !== null && !(await appExistsForReference(unit, client.tenantId, client.appId)))
        return { inserted: false, reason: 'app_not_found' } as const;
      await trx
        .insertInto('clients')
        .values({
          id: client.id,
          tenant_id: client.tenantId,
          app_id: client.appId,
          name: client.name,
          mode: client.mode,
          scopes: JSON.stringify(client.scopes),
          status: client.status,
          expires_at: client.expiresAt,
          created_at: client.createdAt,
          updated_at: client.updatedAt,
          deleted_at: client.deletedAt,
        })
        .execute();
      if (secret) await insertClientSecret(trx, client.tenantId, client.id, secret);
      return { inserted: true } as const;
    });
  }

  /** The client, deleted ones included (the service decides what a deleted client answers). */
  async get(tenantId: string, clientId: string): Promise<Client | undefined> {
    const row = await this.#scope.db
      .selectFrom('clients')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', clientId)
      .executeTakeFirst();
    return row ? toClient(row) : undefined;
  }

  /**
   * Newest first; deleted clients only when asked for (or filtered for); narrowed by each filter given. The
   * filters are part of the query, so every page is full and the cursor stays the last row's position.
   */
  async list(tenantId: string, page: PageRequest, filter: ClientFilter = {}): Promise<Page<Client>> {
    let query = this.#scope.db.selectFrom('clients').selectAll().where('tenant_id', '=', tenantId);
    const status = filter.status;
    if (status?.is === 'deleted') query = query.where('status', '=', 'deleted');
    else if (!filter.includeDeleted || status !== undefined) query = query.where('status', '!=', 'deleted');
    if (status?.is === 'expired') {
      query = query.where('expires_at', 'is not', null).where('expires_at', '<=', status.now);
    } else if (status?.is === 'active' || status?.is === 'suspended') {
      const { is, now } = status;
      query = query
        .where('status', '=', is)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]));
    }
    if (filter.mode !== undefined) query = query.where('mode', '=', filter.mode);
    if (filter.appId !== undefined) query = query.where('app_id', '=', filter.appId);
    if (filter.namePrefix !== undefined && filter.namePrefix !== '') {
      // substr + length count characters on SQLite and PostgreSQL alike; LIKE would differ in case folding
      // and need its wildcards escaped.
      const prefix = filter.namePrefix;
      query = query.where(sql<boolean>`substr(name, 1, length(cast(${prefix} as text))) = ${prefix}`);
    }
    return pageNewestFirst(query, page, toClient);
  }

  /**
   * Changes scopes and/or status of a client that is not deleted; returns it as it now is, or undefined
   * when the tenant has no such live client.
   */
  async update(
    tenantId: string,
    clientId: string,
    changes: ClientChanges,
    now: number,
  ): Promise<Client | undefined> {
    const values: Partial<ClientTable> = { updated_at: now };
    if (changes.scopes !== undefined) values.scopes = JSON.stringify(changes.scopes);
    if (changes.status !== undefined) values.status = changes.status;
    const updated = await this.#scope.write(async (unit) => {
      const result = await unit.db
        .updateTable('clients')
        .set(values)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', clientId)
        .where('status', '!=', 'deleted')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      // Scopes and status decide the next token: cached client authentications must see them.
      unit.changed({ kind: 'client', tenantId, clientId });
      return true;
    });
    if (!updated) return undefined;
    return this.get(tenantId, clientId);
  }

  /**
   * Adds a new secret to a live client of this tenant; every older secret stops at `oldSecretsExpireAt`
   * unless it already stops sooner. Returns false, writing nothing, for another tenant's or a deleted client.
   */
  async rotateSecret(
    tenantId: string,
    clientId: string,
    secret: ClientSecret,
    oldSecretsExpireAt: number,
  ): Promise<boolean> {
    return this.#scope.write(async (unit) => {
      const trx = unit.db;
      // The secret insert names the client only by id: without this check it could attach a secret to
      // another tenant's client.
      const owned = await trx
        .selectFrom('clients')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', clientId)
        .where('status', '!=', 'deleted')
        .executeTakeFirst();
      if (!owned) return false;
      await expireClientSecrets(trx, tenantId, clientId, oldSecretsExpireAt);
      await insertClientSecret(trx, tenantId, clientId, secret);
      unit.changed({ kind: 'client', tenantId, clientId });
      await trx
        .updateTable('clients')
        .set({ updated_at: secret.createdAt })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', clientId)
        .execute();
      return true;
    });
  }

  /** Marks a client deleted for good and ends every secret now. Undefined when there is no live client. */
  async delete(tenantId: string, clientId: string, now: number): Promise<Client | undefined> {
    const deleted = await this.#scope.write(async (unit) => {
      const trx = unit.db;
      const result = await trx
        .updateTable('clients')
        .set({ status: 'deleted', deleted_at: now, updated_at: now })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', clientId)
        .where('status', '!=', 'deleted')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await expireClientSecrets(trx, tenantId, clientId, now);
      // A deleted client's tokens stop at once: verified-token caches must see it.
      unit.changed({ kind: 'client', tenantId, clientId });
      return true;
    });
    return deleted ? this.get(tenantId, clientId) : undefined;
  }

  /**
   * The one read without a tenant id: a secret hash names a single secret across all tenants, so the
   * presented secret itself says which tenant's client it is.
   */
  async findBySecretHash(secretHash: string): Promise<ClientBySecret | undefined> {
    const row = await selectBySecretHash(this.#scope.db, secretHash);
    if (!row) return undefined;
    const { secret_expires_at, ...client } = row;
    return { client: toClient(client), secretExpiresAt: secret_expires_at };
  }

  /**
   * Which tenant a `client_id` belongs to, and nothing else. A `client_id` is a globally unique public
   * identifier (the token endpoint receives it before any tenant is known); every read of the client itself
   * goes through `get` with the tenant this returns.
   */
  async tenantOf(clientId: string): Promise<string | undefined> {
    const row = await this.#scope.db
      .selectFrom('clients')
      .select('tenant_id')
      .where('id', '=', clientId)
      .executeTakeFirst();
    return row?.tenant_id;
  }
}
