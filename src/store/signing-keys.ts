import type { SigningKeyTable } from './schema.ts';
import type { Scope } from './scope.ts';

/** A key that signs access tokens, as stored. The private half stays sealed; only services open it. */
export interface SigningKey {
  kid: string;
  alg: string;
  /** The public JWK (RFC 7517 §4), without `kid`, `alg` or `use`. */
  publicJwk: Record<string, unknown>;
  /** `v1.<iv>.<tag>.<ciphertext>` under the master key. */
  privateJwkSealed: string;
  createdAt: number;
  activeFrom: number;
  retiredAt: number | null;
  expiresAt: number | null;
}

export interface SigningKeyChanges {
  retiredAt?: number | null;
  expiresAt?: number | null;
}

function toSigningKey(row: SigningKeyTable): SigningKey {
  return {
    kid: row.kid,
    alg: row.alg,
    publicJwk: JSON.parse(row.public_jwk) as Record<string, unknown>,
    privateJwkSealed: row.private_jwk_sealed,
    createdAt: row.created_at,
    activeFrom: row.active_from,
    retiredAt: row.retired_at,
    expiresAt: row.expires_at,
  };
}

/** Signing keys: platform-wide, outside every tenant. Rows are never deleted; they expire. */
export class SigningKeyStore {
  readonly #scope: Scope;

  constructor(scope: Scope) {
    this.#scope = scope;
  }

  /**
   * Inserts a key unless one with the same `kid` exists; returns whether it was inserted. Nodes racing to
   * create the same scheduled successor derive the same `kid`, so exactly one of them wins.
   */
  async insert(key: SigningKey): Promise<boolean> {
    const result = await this.#scope.write(async (unit) => {
      const inserted = await unit.db
        .insertInto('signing_keys')
        .values({
          kid: key.kid,
          alg: key.alg,
          public_jwk: JSON.stringify(key.publicJwk),
          private_jwk_sealed: key.privateJwkSealed,
          created_at: key.createdAt,
          active_from: key.activeFrom,
          retired_at: key.retiredAt,
          expires_at: key.expiresAt,
        })
        .onConflict((conflict) => conflict.column('kid').doNothing())
        .executeTakeFirst();
      // Every node's ring rereads on the change: a new key is published, or about to sign, everywhere.
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0)
        unit.changed({ kind: 'signing_key', kid: key.kid });
      return inserted;
    });
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Every key that has not expired at `now` (no `expires_at`, or one after `now`), oldest activation first. */
  async listUnexpired(now: number): Promise<SigningKey[]> {
    const rows = await this.#scope.db
      .selectFrom('signing_keys')
      .selectAll()
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .orderBy('active_from', 'asc')
      .orderBy('created_at', 'asc')
      .orderBy('kid', 'asc')
      .execute();
    return rows.map(toSigningKey);
  }

  /** Sets `retired_at` and/or `expires_at`; returns false for an unknown kid. */
  async update(kid: string, changes: SigningKeyChanges): Promise<boolean> {
    const values: { retired_at?: number | null; expires_at?: number | null } = {};
    if (changes.retiredAt !== undefined) values.retired_at = changes.retiredAt;
    if (changes.expiresAt !== undefined) values.expires_at = changes.expiresAt;
    if (Object.keys(values).length === 0) {
      const row = await this.#scope.db
        .selectFrom('signing_keys')
        .select('kid')
        .where('kid', '=', kid)
        .executeTakeFirst();
      return row !== undefined;
    }
    const result = await this.#scope.write(async (unit) => {
      const updated = await unit.db
        .updateTable('signing_keys')
        .set(values)
        .where('kid', '=', kid)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) > 0) unit.changed({ kind: 'signing_key', kid });
      return updated;
    });
    return Number(result.numUpdatedRows) > 0;
  }
}
