import type { Selectable } from 'kysely';
import type { AuthorizationCodeTable, RefreshTokenTable } from './schema.ts';
import type { Scope } from './scope.ts';

/** What an authorization code was issued for; the code itself is kept only as its hash. */
export interface AuthorizationCode {
  codeHash: string;
  pepperVersion: number;
  familyId: string;
  tenantId: string;
  installationId: string;
  clientId: string;
  userId: string;
  redirectUri: string;
  codeChallenge: string;
  scopes: string[];
  resource: string | null;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

/** A refresh token's row; the token itself is kept only as its hash. */
export interface RefreshToken {
  tokenHash: string;
  pepperVersion: number;
  familyId: string;
  tenantId: string;
  installationId: string;
  clientId: string;
  userId: string;
  scopes: string[];
  resource: string | null;
  createdAt: number;
  /** Idle expiry. */
  expiresAt: number;
  /** Absolute expiry of the family. */
  familyExpiresAt: number;
  consumedAt: number | null;
  revokedAt: number | null;
  accessJti: string;
  accessExpiresAt: number;
}

function toCode(row: Selectable<AuthorizationCodeTable>): AuthorizationCode {
  return {
    codeHash: row.code_hash,
    pepperVersion: row.pepper_version,
    familyId: row.family_id,
    tenantId: row.tenant_id,
    installationId: row.installation_id,
    clientId: row.client_id,
    userId: row.user_id,
    redirectUri: row.redirect_uri,
    codeChallenge: row.code_challenge,
    scopes: JSON.parse(row.scopes) as string[],
    resource: row.resource,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
  };
}

function toRefresh(row: Selectable<RefreshTokenTable>): RefreshToken {
  return {
    tokenHash: row.token_hash,
    pepperVersion: row.pepper_version,
    familyId: row.family_id,
    tenantId: row.tenant_id,
    installationId: row.installation_id,
    clientId: row.client_id,
    userId: row.user_id,
    scopes: JSON.parse(row.scopes) as string[],
    resource: row.resource,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    familyExpiresAt: row.family_expires_at,
    consumedAt: row.consumed_at,
    revokedAt: row.revoked_at,
    accessJti: row.access_jti,
    accessExpiresAt: row.access_expires_at,
  };
}

/**
 * Authorization codes and refresh-token families. Found by hash (the only handle a client holds); every other
 * read takes the tenant id.
 */
export class OAuthGrantStore {
  readonly #scope: Scope;

  constructor(scope: Scope) {
    this.#scope = scope;
  }

  async insertCode(code: AuthorizationCode): Promise<void> {
    await this.#scope.write((unit) =>
      unit.db
        .insertInto('authorization_codes')
        .values({
          code_hash: code.codeHash,
          pepper_version: code.pepperVersion,
          family_id: code.familyId,
          tenant_id: code.tenantId,
          installation_id: code.installationId,
          client_id: code.clientId,
          user_id: code.userId,
          redirect_uri: code.redirectUri,
          code_challenge: code.codeChallenge,
          scopes: JSON.stringify(code.scopes),
          resource: code.resource,
          created_at: code.createdAt,
          expires_at: code.expiresAt,
          used_at: null,
        })
        .execute(),
    );
  }

  async findCode(codeHash: string): Promise<AuthorizationCode | undefined> {
    const row = await this.#scope.db
      .selectFrom('authorization_codes')
      .selectAll()
      .where('code_hash', '=', codeHash)
      .executeTakeFirst();
    return row && toCode(row);
  }

  /** Marks a code used; false when it already was (a replay), so two redemptions cannot both win. */
  async spendCode(codeHash: string, now: number): Promise<boolean> {
    return this.#scope.write(async (unit) => {
      const result = await unit.db
        .updateTable('authorization_codes')
        .set({ used_at: now })
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    });
  }

  /**
   * Deletes unspent codes that expired before `before`, and spent ones that expired before `spentBefore`: a
   * spent code is kept longer so that its replay still revokes the family it started.
   */
  async deleteExpiredCodes(before: number, spentBefore: number): Promise<number> {
    const result = await this.#scope.write((unit) =>
      unit.db
        .deleteFrom('authorization_codes')
        .where((eb) =>
          eb.or([
            eb.and([eb('expires_at', '<', before), eb('used_at', 'is', null)]),
            eb('expires_at', '<', spentBefore),
          ]),
        )
        .executeTakeFirst(),
    );
    return Number(result.numDeletedRows);
  }

  /**
   * Deletes refresh tokens whose family ended before `before`: consumed and revoked rows of a live family stay,
   * since a replay of one of them must still be recognised.
   */
  async deleteEndedRefreshTokens(before: number): Promise<number> {
    const result = await this.#scope.write((unit) =>
      unit.db.deleteFrom('refresh_tokens').where('family_expires_at', '<', before).executeTakeFirst(),
    );
    return Number(result.numDeletedRows);
  }

  async insertRefreshToken(token: RefreshToken): Promise<void> {
    await this.#scope.write((unit) =>
      unit.db
        .insertInto('refresh_tokens')
        .values({
          token_hash: token.tokenHash,
          pepper_version: token.pepperVersion,
          family_id: token.familyId,
          tenant_id: token.tenantId,
          installation_id: token.installationId,
          client_id: token.clientId,
          user_id: token.userId,
          scopes: JSON.stringify(token.scopes),
          resource: token.resource,
          created_at: token.createdAt,
          expires_at: token.expiresAt,
          family_expires_at: token.familyExpiresAt,
          consumed_at: null,
          revoked_at: null,
          access_jti: token.accessJti,
          access_expires_at: token.accessExpiresAt,
        })
        .execute(),
    );
  }

  async findRefreshToken(tokenHash: string): Promise<RefreshToken | undefined> {
    const row = await this.#scope.db
      .selectFrom('refresh_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row && toRefresh(row);
  }

  /** Consumes a refresh token; false when it was already consumed or revoked (a replay or a race). */
  async consumeRefreshToken(tokenHash: string, now: number): Promise<boolean> {
    return this.#scope.write(async (unit) => {
      const result = await unit.db
        .updateTable('refresh_tokens')
        .set({ consumed_at: now })
        .where('token_hash', '=', tokenHash)
        .where('consumed_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    });
  }

  /**
   * Revokes a whole family (RFC 9700 §4.14.2): every refresh token in it, and every access token issued with
   * one that has not yet expired goes on the revocation list. Returns how many refresh tokens it revoked.
   */
  async revokeFamily(tenantId: string, familyId: string, now: number): Promise<number> {
    return this.#scope.write(async (unit) => {
      const rows = await unit.db
        .selectFrom('refresh_tokens')
        .select(['access_jti', 'access_expires_at', 'revoked_at'])
        .where('tenant_id', '=', tenantId)
        .where('family_id', '=', familyId)
        .execute();
      await unit.db
        .updateTable('refresh_tokens')
        .set({ revoked_at: now })
        .where('tenant_id', '=', tenantId)
        .where('family_id', '=', familyId)
        .where('revoked_at', 'is', null)
        .execute();
      for (const row of rows) {
        if (row.access_expires_at <= now) continue;
        await unit.db
          .insertInto('revoked_tokens')
          // Kept 30 s past `exp`: the verification tolerance.
          .values({ jti: row.access_jti, tenant_id: tenantId, expires_at: row.access_expires_at + 30_000 })
          .onConflict((conflict) => conflict.column('jti').doNothing())
          .execute();
        unit.changed({ kind: 'access_token', tenantId, jti: row.access_jti });
      }
      return rows.filter((row) => row.revoked_at === null).length;
    });
  }
}
