import { type Page, type PageRequest, pageNewestFirst } from './pagination.ts';
import type { PlatformKeyTable } from './schema.ts';
import type { Scope } from './scope.ts';

export interface PlatformKey {
  id: string;
  name: string;
  permissions: string[];
  displayPrefix: string;
  createdAt: number;
  revokedAt: number | null;
}

export interface NewPlatformKey extends Omit<PlatformKey, 'revokedAt'> {
  secretHash: string;
  pepperVersion: number;
}

type Row = Pick<
  PlatformKeyTable,
  'id' | 'name' | 'permissions' | 'display_prefix' | 'created_at' | 'revoked_at'
>;

// Every column but the hash and its pepper: what a list or a lookup by id returns.
const PUBLIC_COLUMNS = ['id', 'name', 'permissions', 'display_prefix', 'created_at', 'revoked_at'] as const;

function toPlatformKey(row: Row): PlatformKey {
  return {
    id: row.id,
    name: row.name,
    permissions: JSON.parse(row.permissions) as string[],
    displayPrefix: row.display_prefix,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

/** Platform management keys: the operator's credentials, outside every tenant. */
export class PlatformKeyStore {
  readonly #scope: Scope;

  constructor(scope: Scope) {
    this.#scope = scope;
  }

  async insert(key: NewPlatformKey): Promise<void> {
    await this.#scope.write((unit) =>
      unit.db
        .insertInto('platform_keys')
        .values({
          id: key.id,
          name: key.name,
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

  async findBySecretHash(secretHash: string): Promise<PlatformKey | undefined> {
    const row = await this.#scope.db
      .selectFrom('platform_keys')
      .selectAll()
      .where('secret_hash', '=', secretHash)
      .executeTakeFirst();
    return row ? toPlatformKey(row) : undefined;
  }

  async get(id: string): Promise<PlatformKey | undefined> {
    const row = await this.#scope.db
      .selectFrom('platform_keys')
      .select(PUBLIC_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toPlatformKey(row) : undefined;
  }

  /** Newest first, a page at a time. */
  list(page: PageRequest): Promise<Page<PlatformKey>> {
    return pageNewestFirst(
      this.#scope.db.selectFrom('platform_keys').select(PUBLIC_COLUMNS),
      page,
      toPlatformKey,
    );
  }

  /** Soft delete; revoking twice keeps the first time. Returns false for an unknown id. */
  async revoke(id: string, now: number): Promise<boolean> {
    await this.#scope.write(async (unit) => {
      const result = await unit.db
        .updateTable('platform_keys')
        .set({ revoked_at: now })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      // Cached platform-key authentications must see the revocation on the very next request.
      if (Number(result.numUpdatedRows) > 0) unit.changed({ kind: 'platform_key', keyId: id });
    });
    const row = await this.#scope.db
      .selectFrom('platform_keys')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    return row !== undefined;
  }

  async count(): Promise<number> {
    const row = await this.#scope.db
      .selectFrom('platform_keys')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
}
