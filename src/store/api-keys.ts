import { type Selectable, sql, type Updateable } from 'kysely';
import type { StoredCredits } from '../core/credits.ts';
import type { MaybePromise } from '../core/maybe-promise.ts';
import { appExistsForReference } from './apps.ts';
import { nextDirectorySeq } from './change-counter.ts';
import { type Page, type PageRequest, pageNewestFirst } from './pagination.ts';
import type { ApiKeyTable, TenantTable } from './schema.ts';
import type { Scope } from './scope.ts';

export interface ApiKey {
  id: string;
  tenantId: string;
  name: string;
  mode: ApiKeyTable['mode'];
  type: ApiKeyTable['type'];
  /** The tenant's app (integration) the key belongs to; null for none. A label: it grants nothing. */
  appId: string | null;
  /** Listed scopes of a restricted key; null for a secret key (every entitled scope). */
  scopes: string[] | null;
  ipAllowlist: string[] | null;
  displayPrefix: string;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
  /** When the secret a roll replaced stops (the latest such time, maybe past); null for a key never rolled. */
  previousSecretExpiresAt: number | null;
  /** A JSON object the platform attached to the key; verify returns it. */
  meta: Record<string, unknown> | null;
  /** The platform's own id of the key's owner or customer. */
  externalId: string | null;
  /** Requests per minute for this key instead of the plan's (never above it); null: the plan's. */
  rateLimitPerMinute: number | null;
  /** Usage credits: null when the key's calls are not counted. */
  credits: StoredCredits | null;
}

export interface KeyCredits {
  /** Left as of the last spend or change (a refill due since is applied by the next spend). */
  remaining: number;
  refill: { amount: number; interval: 'day' | 'month' } | null;
}

/** What an update changes; a field left out stays as it is. */
export interface KeyChanges {
  name?: string;
  scopes?: string[] | null;
  expiresAt?: number | null;
  ipAllowlist?: string[] | null;
  meta?: Record<string, unknown> | null;
  externalId?: string | null;
  rateLimitPerMinute?: number | null;
  /** New credits (the count starts again from `remaining`), or null to stop counting. */
  credits?: KeyCredits | null;
}

export interface ApiKeySecret {
  secretHash: string;
  pepperVersion: number;
  createdAt: number;
  expiresAt: number | null;
}

/** Everything verification needs, in one indexed read: the secret, its key and the key's tenant. */
export interface KeyForVerification {
  key_id: string;
  tenant_id: string;
  secret_expires_at: number | null;
  mode: ApiKeyTable['mode'];
  type: ApiKeyTable['type'];
  scopes: string | null;
  ip_allowlist: string | null;
  expires_at: number | null;
  revoked_at: number | null;
  /** The key's meta as stored JSON text, its external id and its rate override (migration 013). */
  meta: string | null;
  external_id: string | null;
  rate_limit_per_minute: number | null;
  /** 1 when the key counts usage credits (verify then spends them where asked), else 0. */
  counts_credits: number;
  tenant_status: string;
  plan_id: string;
}

/**
 * A secret row for the in-memory key directory, as an array: secret hash, key id, tenant id, the secret's
 * expiry, mode, type, scopes, IP allowlist, the key's expiry, the key's revocation, meta, external id, rate
 * override, whether it counts credits.
 */
export type DirectorySecretRow = [
  string,
  string,
  string,
  number | null,
  ApiKeyTable['mode'],
  ApiKeyTable['type'],
  string | null,
  string | null,
  number | null,
  number | null,
  string | null,
  string | null,
  number | null,
  number,
];

/** A tenant row for the key directory: id, status, plan id. */
export type DirectoryTenantRow = [string, TenantTable['status'], string];

/** What changed since a directory-sequence value (everything, from -1), read synchronously. */
export interface DirectoryRows {
  secrets: Iterable<DirectorySecretRow>;
  tenants: Iterable<DirectoryTenantRow>;
}

/** Whether a key counts usage credits, as 0 or 1 on both backends. */
const COUNTS_CREDITS_VALUE = 'CASE WHEN k.credits_remaining IS NULL THEN 0 ELSE 1 END';
const COUNTS_CREDITS = `${COUNTS_CREDITS_VALUE} AS counts_credits`;

/** The credit columns of a key's credits (refilled as of `at`), or of none. */
function creditColumns(credits: KeyCredits | null, at: number) {
  return {
    credits_remaining: credits?.remaining ?? null,
    credits_refill_amount: credits?.refill?.amount ?? null,
    credits_refill_interval: credits?.refill?.interval ?? null,
    credits_refilled_at: credits ? at : null,
  };
}

const DIRECTORY_COLUMNS = `s.secret_hash, s.key_id, s.tenant_id, s.expires_at, k.mode, k.type, k.scopes,
  k.ip_allowlist, k.expires_at, k.revoked_at, k.meta, k.external_id, k.rate_limit_per_minute,
  ${COUNTS_CREDITS}`;

/** DIRECTORY_COLUMNS with names that survive a row read as an object (two columns are `expires_at`). */
const DIRECTORY_ALIASED_COLUMNS = `s.secret_hash, s.key_id, s.tenant_id, s.expires_at AS secret_expires_at,
  k.mode, k.type, k.scopes, k.ip_allowlist, k.expires_at, k.revoked_at, k.meta, k.external_id,
  k.rate_limit_per_minute, ${COUNTS_CREDITS}`;

/** A secret as the key directory reads it: verification's row without its tenant's, which it reads apart. */
interface SecretDirectoryObject extends Omit<KeyForVerification, 'tenant_status' | 'plan_id'> {
  secret_hash: string;
}

interface TenantDirectoryObject {
  id: string;
  status: TenantTable['status'];
  plan_id: string;
}

function secretTuple(row: SecretDirectoryObject): DirectorySecretRow {
  return [
    row.secret_hash,
    row.key_id,
    row.tenant_id,
    row.secret_expires_at,
    row.mode,
    row.type,
    row.scopes,
    row.ip_allowlist,
    row.expires_at,
    row.revoked_at,
    row.meta,
    row.external_id,
    row.rate_limit_per_minute,
    Number(row.counts_credits),
  ];
}

function tenantTuple(row: TenantDirectoryObject): DirectoryTenantRow {
  return [row.id, row.status, row.plan_id];
}

/**
 * What a key list keeps. `status` is judged at `now`, as the API shows it: revoked wins; expired is an expiry
 * at or before now.
 */
export interface KeyFilter {
  mode?: ApiKey['mode'] | undefined;
  type?: ApiKey['type'] | undefined;
  appId?: string | undefined;
  /** Names starting with this text, case-sensitive. */
  namePrefix?: string | undefined;
  status?: { is: 'active' | 'expired' | 'revoked'; now: number } | undefined;
}

export type InsertKeyResult =
  | { inserted: true }
  | { inserted: false; reason: 'key_limit_reached' | 'app_not_found' };

const VERIFY_SQL = `SELECT s.key_id, s.tenant_id, s.expires_at AS secret_expires_at, k.mode, k.type, k.scopes,
  k.ip_allowlist, k.expires_at, k.revoked_at, k.meta, k.external_id, k.rate_limit_per_minute,
  ${COUNTS_CREDITS}, t.status AS tenant_status, t.plan_id
  FROM api_key_secrets s JOIN api_keys k ON k.id = s.key_id JOIN tenants t ON t.id = k.tenant_id
  WHERE s.secret_hash = ?`;

/** api_keys with the key's stamp from api_key_last_used (migration 005) as `used_at`. */
type KeyRow = Omit<Selectable<ApiKeyTable>, 'last_used_at'> & {
  used_at: number | null;
  previous_secret_expires_at: number | string | null;
};

function toApiKey(row: KeyRow): ApiKey {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    mode: row.mode,
    type: row.type,
    appId: row.app_id,
    scopes: row.scopes === null ? null : (JSON.parse(row.scopes) as string[]),
    ipAllowlist: row.ip_allowlist === null ? null : (JSON.parse(row.ip_allowlist) as string[]),
    displayPrefix: row.display_prefix,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.used_at,
    revokedAt: row.revoked_at,
    previousSecretExpiresAt:
      row.previous_secret_expires_at === null ? null : Number(row.previous_secret_expires_at),
    meta: row.meta === null ? null : (JSON.parse(row.meta) as Record<string, unknown>),
    externalId: row.external_id,
    rateLimitPerMinute: row.rate_limit_per_minute,
    credits:
      row.credits_remaining === null
        ? null
        : {
            remaining: Number(row.credits_remaining),
            refill:
              row.credits_refill_amount === null || row.credits_refill_interval === null
                ? null
                : { amount: Number(row.credits_refill_amount), interval: row.credits_refill_interval },
            refilledAt: Number(row.credits_refilled_at),
          },
  };
}

export class ApiKeyStore {
  readonly #scope: Scope;
  readonly #findForVerification: (secretHash: string) => MaybePromise<KeyForVerification | undefined>;
  readonly #directoryRows: ((sinceSeq: number) => DirectoryRows | undefined) | undefined;

  constructor(scope: Scope) {
    this.#scope = scope;
    const sqlite = scope.sqlite;
    const findThroughBuilder = (secretHash: string) =>
      scope.db
        .selectFrom('api_key_secrets as s')
        .innerJoin('api_keys as k', 'k.id', 's.key_id')
        .innerJoin('tenants as t', 't.id', 'k.tenant_id')
        .select([
          's.key_id',
          's.tenant_id',
          's.expires_at as secret_expires_at',
          'k.mode',
          'k.type',
          'k.scopes',
          'k.ip_allowlist',
          'k.expires_at',
          'k.revoked_at',
          'k.meta',
          'k.external_id',
          'k.rate_limit_per_minute',
          sql<number>`${sql.raw(COUNTS_CREDITS_VALUE)}`.as('counts_credits'),
          't.status as tenant_status',
          't.plan_id',
        ])
        .where('s.secret_hash', '=', secretHash)
        .executeTakeFirst();
    this.#directoryRows = undefined;
    if (sqlite) {
      const arrays = (text: string) => {
        const statement = sqlite.prepare(text);
        statement.setReturnArrays(true);
        return statement;
      };
      const allSecrets = arrays(
        `SELECT ${DIRECTORY_COLUMNS} FROM api_key_secrets s JOIN api_keys k ON k.id = s.key_id`,
      );
      const changedSecrets = arrays(
        `SELECT ${DIRECTORY_COLUMNS} FROM api_keys k JOIN api_key_secrets s ON s.key_id = k.id
          WHERE k.change_seq > ?`,
      );
      const changedTenants = arrays('SELECT id, status, plan_id FROM tenants WHERE change_seq > ?');
      this.#directoryRows = (sinceSeq) =>
        // Inside a query-builder transaction the connection would show rows that may yet roll back.
        sqlite.isTransaction
          ? undefined
          : {
              secrets: (sinceSeq < 0
                ? allSecrets.iterate()
                : changedSecrets.iterate(sinceSeq)) as unknown as Iterable<DirectorySecretRow>,
              tenants: changedTenants.iterate(sinceSeq) as unknown as Iterable<DirectoryTenantRow>,
            };
      // The verify hot path: one prepared statement, no query building, no connection hand-off, no await.
      const statement = sqlite.prepare(VERIFY_SQL);
      // Inside a query-builder transaction the connection would show rows that may yet roll back: wait for
      // it through the query builder instead.
      this.#findForVerification = (secretHash) =>
        sqlite.isTransaction
          ? findThroughBuilder(secretHash)
          : (statement.get(secretHash) as KeyForVerification | undefined);
    } else {
      this.#findForVerification = findThroughBuilder;
    }
  }

  /**
   * SQLite only: the secrets of every key written since `sinceSeq` (a directory-sequence value; -1 for all)
   * and the tenants changed since then, for the in-memory key directory. Undefined where the rows cannot be
   * read now (PostgreSQL; the connection inside a transaction). Read the sequence before calling: a write that
   * commits in between is then read again next time, never missed.
   */
  directoryRows(sinceSeq: number): DirectoryRows | undefined {
    return this.#directoryRows?.(sinceSeq);
  }

  /**
   * PostgreSQL: the directory rows of the keys and tenants written with these directory-sequence values
   * (`nextDirectorySeq`), named by committed units' notices.
   */
  async directoryRowsWritten(
    seqs: readonly number[],
  ): Promise<{ secrets: DirectorySecretRow[]; tenants: DirectoryTenantRow[] }> {
    const values = [...seqs];
    const tenants = await sql<TenantDirectoryObject>`SELECT id, status, plan_id FROM tenants
      WHERE change_seq = ANY(${values}::bigint[])`.execute(this.#scope.db);
    const secrets = await sql<SecretDirectoryObject>`SELECT ${sql.raw(DIRECTORY_ALIASED_COLUMNS)}
      FROM api_keys k JOIN api_key_secrets s ON s.key_id = k.id
      WHERE k.change_seq = ANY(${values}::bigint[])`.execute(this.#scope.db);
    return { secrets: secrets.rows.map(secretTuple), tenants: tenants.rows.map(tenantTuple) };
  }

  /** PostgreSQL: every tenant's directory row, for a full read of the directory. */
  async directoryTenants(): Promise<DirectoryTenantRow[]> {
    const { rows } = await sql<TenantDirectoryObject>`SELECT id, status, plan_id FROM tenants`.execute(
      this.#scope.db,
    );
    return rows.map(tenantTuple);
  }

  /** PostgreSQL: a page of every secret's directory row in secret-hash order, after `afterHash` ('' first). */
  async directorySecretsPage(afterHash: string, limit: number): Promise<DirectorySecretRow[]> {
    const { rows } = await sql<SecretDirectoryObject>`SELECT ${sql.raw(DIRECTORY_ALIASED_COLUMNS)}
      FROM api_key_secrets s JOIN api_keys k ON k.id = s.key_id
      WHERE s.secret_hash > ${afterHash} ORDER BY s.secret_hash LIMIT ${limit}`.execute(this.#scope.db);
    return rows.map(secretTuple);
  }

  /** The row verification needs; read synchronously on the embedded database. */
  findForVerification(secretHash: string): MaybePromise<KeyForVerification | undefined> {
    return this.#findForVerification(secretHash);
  }

  /** Inserts a key and its first secret unless the tenant already holds `maxActive` active keys. */
  async insertWithinLimit(
    key: ApiKey,
    secret: ApiKeySecret,
    maxActive: number,
    now: number,
  ): Promise<InsertKeyResult> {
    return this.#scope.write(async (unit) => {
      const trx = unit.db;
      if (unit.dialect === 'postgres') {
        // Serialises key creation per tenant so two concurrent creates cannot both pass the count.
        await trx.selectFrom('tenants').select('id').where('id', '=', key.tenantId).forUpdate().execute();
      }
      if (key.appId !== null && !(await appExistsForReference(unit, key.tenantId, key.appId)))
        return { inserted: false, reason: 'app_not_found' } as const;
      const { count } = await trx
        .selectFrom('api_keys')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('tenant_id', '=', key.tenantId)
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .executeTakeFirstOrThrow();
      if (Number(count) >= maxActive) return { inserted: false, reason: 'key_limit_reached' } as const;
      // The key directory learns of the new key by its change_seq; no cache holds it yet, none is emptied.
      const changeSeq = await nextDirectorySeq(unit);
      await trx
        .insertInto('api_keys')
        .values({
          id: key.id,
          tenant_id: key.tenantId,
          name: key.name,
          mode: key.mode,
          type: key.type,
          app_id: key.appId,
          scopes: key.scopes === null ? null : JSON.stringify(key.scopes),
          ip_allowlist: key.ipAllowlist === null ? null : JSON.stringify(key.ipAllowlist),
          display_prefix: key.displayPrefix,
          created_at: key.createdAt,
          expires_at: key.expiresAt,
          last_used_at: null,
          revoked_at: null,
          change_seq: changeSeq,
          meta: key.meta === null ? null : JSON.stringify(key.meta),
          external_id: key.externalId,
          rate_limit_per_minute: key.rateLimitPerMinute,
          ...creditColumns(key.credits, key.credits?.refilledAt ?? key.createdAt),
        })
        .execute();
      await trx
        .insertInto('api_key_secrets')
        .values({
          secret_hash: secret.secretHash,
          key_id: key.id,
          tenant_id: key.tenantId,
          pepper_version: secret.pepperVersion,
          created_at: secret.createdAt,
          expires_at: secret.expiresAt,
        })
        .execute();
      return { inserted: true } as const;
    });
  }

  #keysWithLastUse() {
    return this.#scope.db
      .selectFrom('api_keys')
      .leftJoin('api_key_last_used', 'api_key_last_used.key_id', 'api_keys.id')
      .selectAll('api_keys')
      .select('api_key_last_used.last_used_at as used_at')
      .select((eb) =>
        // Only secrets a roll replaced have an expiry; the current one has none.
        eb
          .selectFrom('api_key_secrets')
          .select((inner) => inner.fn.max('api_key_secrets.expires_at').as('stops'))
          .whereRef('api_key_secrets.key_id', '=', 'api_keys.id')
          .as('previous_secret_expires_at'),
      );
  }

  async get(tenantId: string, keyId: string): Promise<ApiKey | undefined> {
    const row = await this.#keysWithLastUse()
      .where('api_keys.tenant_id', '=', tenantId)
      .where('api_keys.id', '=', keyId)
      .executeTakeFirst();
    return row ? toApiKey(row) : undefined;
  }

  /** Newest first, narrowed by `filter`; the cursor stays the position in the unfiltered order. */
  async list(tenantId: string, page: PageRequest, filter: KeyFilter = {}): Promise<Page<ApiKey>> {
    let query = this.#keysWithLastUse().where('api_keys.tenant_id', '=', tenantId);
    const { mode, type, appId, namePrefix, status } = filter;
    if (mode !== undefined) query = query.where('api_keys.mode', '=', mode);
    if (appId !== undefined) query = query.where('api_keys.app_id', '=', appId);
    if (type !== undefined) query = query.where('api_keys.type', '=', type);
    if (namePrefix !== undefined && namePrefix !== '') {
      // substr counts characters (code points) on both backends; LIKE would need escaping and folds case on
      // SQLite only.
      const length = [...namePrefix].length;
      query = query.where(sql<boolean>`substr(api_keys.name, 1, ${length}) = ${namePrefix}`);
    }
    if (status !== undefined) {
      const now = status.now;
      if (status.is === 'revoked') query = query.where('api_keys.revoked_at', 'is not', null);
      else {
        query = query.where('api_keys.revoked_at', 'is', null);
        query =
          status.is === 'expired'
            ? query.where('api_keys.expires_at', '<=', now)
            : query.where((eb) =>
                eb.or([eb('api_keys.expires_at', 'is', null), eb('api_keys.expires_at', '>', now)]),
              );
      }
    }
    return pageNewestFirst(query, page, toApiKey);
  }

  /** Soft delete: the row stays for audit. Revoking a revoked key changes nothing. */
  async revoke(tenantId: string, keyId: string, now: number): Promise<ApiKey | undefined> {
    await this.#scope.write(async (unit) => {
      const trx = unit.db;
      const result = await trx
        .updateTable('api_keys')
        .set({ revoked_at: now, change_seq: await nextDirectorySeq(unit) })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', keyId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) > 0) unit.changed({ kind: 'api_key', tenantId, keyId });
    });
    return this.get(tenantId, keyId);
  }

  /**
   * Changes what `changes` names on a key that is neither revoked nor past its expiry at `now`; the key after
   * the change, or undefined when there is no such key (of this tenant, still usable). Verification sees the
   * change on its next call on every node (directory sequence and invalidation, as a revocation).
   */
  async update(
    tenantId: string,
    keyId: string,
    changes: KeyChanges,
    now: number,
  ): Promise<ApiKey | undefined> {
    const values: Updateable<ApiKeyTable> = {};
    const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
    if (changes.name !== undefined) values.name = changes.name;
    if (changes.scopes !== undefined) values.scopes = json(changes.scopes);
    if (changes.expiresAt !== undefined) values.expires_at = changes.expiresAt;
    if (changes.ipAllowlist !== undefined) values.ip_allowlist = json(changes.ipAllowlist);
    if (changes.meta !== undefined) values.meta = json(changes.meta);
    if (changes.externalId !== undefined) values.external_id = changes.externalId;
    if (changes.rateLimitPerMinute !== undefined) values.rate_limit_per_minute = changes.rateLimitPerMinute;
    if (changes.credits !== undefined) Object.assign(values, creditColumns(changes.credits, now));
    const updated = await this.#scope.write(async (unit) => {
      const result = await unit.db
        .updateTable('api_keys')
        .set({ ...values, change_seq: await nextDirectorySeq(unit) })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', keyId)
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      unit.changed({ kind: 'api_key', tenantId, keyId });
      return true;
    });
    return updated ? this.get(tenantId, keyId) : undefined;
  }

  /**
   * Spends `amount` usage credits of a key in one atomic statement, refilling it first when its refill is due
   * (its last refill before the start of the current period: `dayStart` or `monthStart`). The credits left, or
   * undefined when there are fewer than `amount` (nothing is spent) or the key counts none.
   */
  async spendCredits(
    tenantId: string,
    keyId: string,
    amount: number,
    now: number,
    periods: { dayStart: number; monthStart: number },
  ): Promise<number | undefined> {
    return this.#scope.write(async (unit) => {
      // PostgreSQL types bare parameters from their context, and a CASE gives it none: cast each number.
      const big = (value: number) => sql<number>`CAST(${value} AS bigint)`;
      const due = sql<boolean>`(credits_refill_amount IS NOT NULL AND credits_refilled_at < CASE
        credits_refill_interval WHEN 'day' THEN ${big(periods.dayStart)} ELSE ${big(periods.monthStart)} END)`;
      const available = sql<number>`CASE WHEN ${due} THEN credits_refill_amount ELSE credits_remaining END`;
      const row = await unit.db
        .updateTable('api_keys')
        .set({
          credits_remaining: sql`${available} - ${big(amount)}`,
          credits_refilled_at: sql`CASE WHEN ${due} THEN ${big(now)} ELSE credits_refilled_at END`,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', keyId)
        .where('credits_remaining', 'is not', null)
        .where(available, '>=', big(amount))
        .returning('credits_remaining')
        .executeTakeFirst();
      return row?.credits_remaining === undefined || row.credits_remaining === null
        ? undefined
        : Number(row.credits_remaining);
    });
  }

  /**
   * Adds a new secret to a key; every older secret stops at `oldSecretsExpireAt` (now, or the end of a grace
   * period) unless it already stops sooner. A key of another tenant is left alone.
   */
  async roll(
    tenantId: string,
    keyId: string,
    secret: ApiKeySecret,
    displayPrefix: string,
    oldSecretsExpireAt: number,
  ): Promise<void> {
    await this.#scope.write(async (unit) => {
      const trx = unit.db;
      // The secret insert below names the key only by id: without this check it would attach a secret
      // to another tenant's key.
      const owned = await trx
        .selectFrom('api_keys')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', keyId)
        .executeTakeFirst();
      if (!owned) return;
      await trx
        .updateTable('api_key_secrets')
        .set({ expires_at: oldSecretsExpireAt })
        .where('tenant_id', '=', tenantId)
        .where('key_id', '=', keyId)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', oldSecretsExpireAt)]))
        .execute();
      await trx
        .insertInto('api_key_secrets')
        .values({
          secret_hash: secret.secretHash,
          key_id: keyId,
          tenant_id: tenantId,
          pepper_version: secret.pepperVersion,
          created_at: secret.createdAt,
          expires_at: secret.expiresAt,
        })
        .execute();
      await trx
        .updateTable('api_keys')
        .set({
          display_prefix: displayPrefix,
          change_seq: await nextDirectorySeq(unit),
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', keyId)
        .execute();
      unit.changed({ kind: 'api_key', tenantId, keyId });
    });
  }

  /** Batched last-used stamps from the verify path, into api_key_last_used; a stamp never moves backwards. */
  async recordLastUsed(stamps: ReadonlyMap<string, number>): Promise<void> {
    if (stamps.size === 0) return;
    const entries = [...stamps];
    await this.#scope.write(async (unit) => {
      for (let start = 0; start < entries.length; start += 500) {
        await unit.db
          .insertInto('api_key_last_used')
          .values(
            entries.slice(start, start + 500).map(([keyId, at]) => ({ key_id: keyId, last_used_at: at })),
          )
          .onConflict((conflict) =>
            conflict
              .column('key_id')
              .doUpdateSet({ last_used_at: (eb) => eb.ref('excluded.last_used_at') })
              .where('excluded.last_used_at', '>', (eb) => eb.ref('api_key_last_used.last_used_at')),
          )
          .execute();
      }
    });
  }
}
