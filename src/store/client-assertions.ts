import type { Scope } from './scope.ts';

/**
 * The `jti`s of client assertions already used (RFC 7523 §3 item 7, decision 035): an assertion authenticates
 * once. Rows are kept until the assertion expires — after that it is refused for its `exp` anyway.
 */
export class ClientAssertionStore {
  readonly #scope: Scope;

  constructor(scope: Scope) {
    this.#scope = scope;
  }

  /**
   * Records that `clientId` used the assertion `jti`; false when it was already recorded (a replay). The
   * primary key decides, so two nodes receiving the same assertion at once cannot both accept it.
   */
  async claim(clientId: string, jti: string, expiresAt: number): Promise<boolean> {
    const result = await this.#scope.write((unit) =>
      unit.db
        .insertInto('client_assertion_jtis')
        .values({ client_id: clientId, jti, expires_at: expiresAt })
        .onConflict((conflict) => conflict.columns(['client_id', 'jti']).doNothing())
        .executeTakeFirst(),
    );
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  /** Deletes rows whose assertion has expired by `now`; returns how many. */
  async deleteExpired(now: number): Promise<number> {
    const result = await this.#scope.write((unit) =>
      unit.db.deleteFrom('client_assertion_jtis').where('expires_at', '<=', now).executeTakeFirst(),
    );
    return Number(result.numDeletedRows);
  }
}
