import type { Selectable } from 'kysely';
import { type Page, type PageRequest, pageNewestFirst } from './pagination.ts';
import type { PersonalTokenTable, UserTable } from './schema.ts';
import type { Scope } from './scope.ts';

/** A personal access token as shown: never the token or its hash. */
export interface PersonalToken {
  id: string;
  userId: string;
  name: string;
  scopes: string[];
  displayPrefix: string;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface NewPersonalToken extends Omit<PersonalToken, 'lastUsedAt' | 'revokedAt'> {
  secretHash: string;
  pepperVersion: number;
}

/** What verification needs in one read: the token and its user's status. */
export interface PersonalTokenForVerification {
  token: PersonalToken;
  userStatus: UserTable['status'];
}

type Row = Omit<Selectable<PersonalTokenTable>, 'secret_hash' | 'pepper_version'> & {
  used_at: number | null;
};

function toToken(row: Row): PersonalToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    scopes: JSON.parse(row.scopes) as string[],
    displayPrefix: row.display_prefix,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.used_at,
    revokedAt: row.revoked_at,
  };
}

/** Personal access tokens, owned by a user (not a tenant). Only the token's peppered hash is stored. */
export class PersonalTokenStore {
  readonly #scope: Scope;

  constructor(scope: Scope) {
    this.#scope = scope;
  }

  #withLastUse() {
    return this.#scope.db
      .selectFrom('personal_tokens as p')
      .leftJoin('api_key_last_used as l', 'l.key_id', 'p.id')
      .select([
        'p.id',
        'p.user_id',
        'p.name',
        'p.scopes',
        'p.display_prefix',
        'p.created_at',
        'p.expires_at',
        'p.revoked_at',
        'l.last_used_at as used_at',
      ]);
  }

  async insert(token: NewPersonalToken): Promise<void> {
    await this.#scope.write((unit) =>
      unit.db
        .insertInto('personal_tokens')
        .values({
          id: token.id,
          user_id: token.userId,
          name: token.name,
          scopes: JSON.stringify(token.scopes),
          display_prefix: token.displayPrefix,
          secret_hash: token.secretHash,
          pepper_version: token.pepperVersion,
          created_at: token.createdAt,
          expires_at: token.expiresAt,
          revoked_at: null,
        })
        .execute(),
    );
  }

  async findForVerification(secretHash: string): Promise<PersonalTokenForVerification | undefined> {
    const row = await this.#withLastUse()
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select('u.status as user_status')
      .where('p.secret_hash', '=', secretHash)
      .executeTakeFirst();
    return row ? { token: toToken(row), userStatus: row.user_status } : undefined;
  }

  async get(userId: string, tokenId: string): Promise<PersonalToken | undefined> {
    const row = await this.#withLastUse()
      .where('p.user_id', '=', userId)
      .where('p.id', '=', tokenId)
      .executeTakeFirst();
    return row ? toToken(row) : undefined;
  }

  /** The user's tokens, newest first. */
  async list(userId: string, page: PageRequest): Promise<Page<PersonalToken>> {
    const query = this.#scope.db
      .selectFrom('personal_tokens')
      .leftJoin('api_key_last_used', 'api_key_last_used.key_id', 'personal_tokens.id')
      .select([
        'personal_tokens.id',
        'personal_tokens.user_id',
        'personal_tokens.name',
        'personal_tokens.scopes',
        'personal_tokens.display_prefix',
        'personal_tokens.created_at',
        'personal_tokens.expires_at',
        'personal_tokens.revoked_at',
        'api_key_last_used.last_used_at as used_at',
      ])
      .where('personal_tokens.user_id', '=', userId);
    return pageNewestFirst(query, page, toToken);
  }

  async countActive(userId: string, now: number): Promise<number> {
    const { count } = await this.#scope.db
      .selectFrom('personal_tokens')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .executeTakeFirstOrThrow();
    return Number(count);
  }

  /** Soft delete; revoking twice keeps the first time. Undefined for a token the user does not own. */
  async revoke(userId: string, tokenId: string, now: number): Promise<PersonalToken | undefined> {
    await this.#scope.write(async (unit) => {
      const result = await unit.db
        .updateTable('personal_tokens')
        .set({ revoked_at: now })
        .where('user_id', '=', userId)
        .where('id', '=', tokenId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) > 0) unit.changed({ kind: 'personal_token', userId, tokenId });
    });
    return this.get(userId, tokenId);
  }
}
