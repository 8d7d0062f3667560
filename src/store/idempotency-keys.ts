import type { Scope } from './scope.ts';

/** A response kept for replay. */
export interface StoredResponse {
  status: number;
  contentType: string | null;
  body: string;
}

/** What claiming a key found: it is ours now, a finished response, or another request holds it. */
export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'replay'; requestHash: string; response: StoredResponse }
  | { kind: 'in_flight'; requestHash: string };

/** `Idempotency-Key`s of the management API, by owner (principal and tenant) and key. */
export class IdempotencyKeyStore {
  readonly #scope: Scope;

  constructor(scope: Scope) {
    this.#scope = scope;
  }

  /**
   * Claims `key` for a request, unless a row newer than `validAfter` holds it (a finished response, or a
   * request in flight since after `inFlightAfter`); an older row is replaced. Concurrent claims of one key:
   * the primary key lets one insert win, the others find it in flight.
   */
  async claim(
    owner: string,
    key: string,
    requestHash: string,
    now: number,
    validAfter: number,
    inFlightAfter: number,
  ): Promise<IdempotencyClaim> {
    return this.#scope.write(async (unit) => {
      const existing = await unit.db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('owner', '=', owner)
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
      if (existing) {
        const finished = existing.response_status !== null;
        const current = finished ? existing.created_at > validAfter : existing.created_at > inFlightAfter;
        if (current && finished) {
          return {
            kind: 'replay',
            requestHash: existing.request_hash,
            response: {
              status: existing.response_status as number,
              contentType: existing.response_type,
              body: existing.response_body ?? '',
            },
          };
        }
        if (current) return { kind: 'in_flight', requestHash: existing.request_hash };
        await unit.db
          .deleteFrom('idempotency_keys')
          .where('owner', '=', owner)
          .where('idempotency_key', '=', key)
          .where('created_at', '=', existing.created_at)
          .execute();
      }
      const inserted = await unit.db
        .insertInto('idempotency_keys')
        .values({
          owner,
          idempotency_key: key,
          request_hash: requestHash,
          response_status: null,
          response_type: null,
          response_body: null,
          created_at: now,
        })
        .onConflict((conflict) => conflict.columns(['owner', 'idempotency_key']).doNothing())
        .executeTakeFirst();
      if ((inserted.numInsertedOrUpdatedRows ?? 0n) === 0n) return { kind: 'in_flight', requestHash };
      return { kind: 'claimed' };
    });
  }

  async finish(owner: string, key: string, response: StoredResponse): Promise<void> {
    await this.#scope.write((unit) =>
      unit.db
        .updateTable('idempotency_keys')
        .set({
          response_status: response.status,
          response_type: response.contentType,
          response_body: response.body,
        })
        .where('owner', '=', owner)
        .where('idempotency_key', '=', key)
        .execute(),
    );
  }

  /** Lets the key go unanswered: the request's outcome is not one to replay. */
  async release(owner: string, key: string): Promise<void> {
    await this.#scope.write((unit) =>
      unit.db
        .deleteFrom('idempotency_keys')
        .where('owner', '=', owner)
        .where('idempotency_key', '=', key)
        .where('response_status', 'is', null)
        .execute(),
    );
  }

  /** Drops keys created before `before`; returns how many. */
  async sweep(before: number): Promise<number> {
    return this.#scope.write(async (unit) => {
      const result = await unit.db
        .deleteFrom('idempotency_keys')
        .where('created_at', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    });
  }
}
