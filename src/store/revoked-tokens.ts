import type { Scope } from './scope.ts';

/** An access token revoked before its expiry (RFC 7009), known by its `jti`. */
export interface RevokedToken {
  jti: string;
  tenantId: string;
  /** The token's own `exp`, in ms: after it the row is useless, since the token no longer verifies. */
  expiresAt: number;
}

/** Revoked access-token ids, kept only until the tokens would have expired anyway. */
export class RevokedTokenStore {
  readonly #scope: Scope;

  constructor(scope: Scope) {
    this.#scope = scope;
  }

  /** Records a revocation; revoking the same `jti` again keeps the first row. */
  async insert(token: RevokedToken): Promise<void> {
    await this.#scope.write(async (unit) => {
      await unit.db
        .insertInto('revoked_tokens')
        .values({ jti: token.jti, tenant_id: token.tenantId, expires_at: token.expiresAt })
        .onConflict((conflict) => conflict.column('jti').doNothing())
        .execute();
      // Verified-token caches must see the revocation on the very next request.
      unit.changed({ kind: 'access_token', tenantId: token.tenantId, jti: token.jti });
    });
  }

  async isRevoked(jti: string): Promise<boolean> {
    const row = await this.#scope.db
      .selectFrom('revoked_tokens')
      .select('jti')
      .where('jti', '=', jti)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Deletes rows whose token has expired by `now` (`expires_at ≤ now`); returns how many. */
  async deleteExpired(now: number): Promise<number> {
    const result = await this.#scope.write((unit) =>
      unit.db.deleteFrom('revoked_tokens').where('expires_at', '<=', now).executeTakeFirst(),
    );
    return Number(result.numDeletedRows);
  }
}
