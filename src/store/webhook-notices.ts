import type { Scope } from './scope.ts';

/** An API key whose expiry is near or just past, as a `key.expiring` / `key.expired` event tells of it. */
export interface ExpiringKey {
  id: string;
  tenantId: string;
  name: string;
  mode: 'live' | 'test';
  expiresAt: number;
}

/** Events sent at most once per subject and window: key expiry notices, rate-limit notices. */
export class WebhookNoticeStore {
  readonly #scope: Scope;

  constructor(scope: Scope) {
    this.#scope = scope;
  }

  /**
   * Whether this is the first notice of `kind` for `subjectId` in the window starting at `windowStart`; it is
   * recorded either way. Concurrent nodes: the primary key lets one insert win.
   */
  async firstNotice(kind: string, subjectId: string, windowStart: number, now: number): Promise<boolean> {
    return this.#scope.write(async (unit) => {
      const result = await unit.db
        .insertInto('webhook_notices')
        .values({ kind, subject_id: subjectId, window_start: windowStart, created_at: now })
        .onConflict((conflict) => conflict.columns(['kind', 'subject_id', 'window_start']).doNothing())
        .executeTakeFirst();
      return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
    });
  }

  /**
   * Unrevoked keys of tenants with an enabled webhook endpoint, expiring in [from, to), that have no notice of
   * `kind` yet.
   */
  async keysExpiringBetween(kind: string, from: number, to: number, limit: number): Promise<ExpiringKey[]> {
    const rows = await this.#scope.db
      .selectFrom('api_keys')
      .select(['id', 'tenant_id', 'name', 'mode', 'expires_at'])
      .where('expires_at', '>=', from)
      .where('expires_at', '<', to)
      .where('revoked_at', 'is', null)
      .where(({ exists, not, selectFrom }) =>
        not(
          exists(
            selectFrom('webhook_notices')
              .select('kind')
              .whereRef('webhook_notices.subject_id', '=', 'api_keys.id')
              .where('webhook_notices.kind', '=', kind),
          ),
        ),
      )
      .where('tenant_id', 'in', (eb) =>
        eb.selectFrom('webhook_endpoints').select('tenant_id').where('disabled_at', 'is', null),
      )
      .orderBy('expires_at', 'asc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      tenantId: row.tenant_id,
      name: row.name,
      mode: row.mode,
      expiresAt: Number(row.expires_at),
    }));
  }

  /** The mode of a key, for a notice about it; undefined when it is gone. */
  async keyMode(tenantId: string, keyId: string): Promise<'live' | 'test' | undefined> {
    const row = await this.#scope.db
      .selectFrom('api_keys')
      .select('mode')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', keyId)
      .executeTakeFirst();
    return row?.mode;
  }

  /** Drops notices whose window started before `before`. */
  async sweep(before: number): Promise<void> {
    await this.#scope.write((unit) =>
      unit.db.deleteFrom('webhook_notices').where('window_start', '<', before).execute(),
    );
  }
}
