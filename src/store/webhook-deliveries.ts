import { type ExpressionBuilder, type Selectable, sql } from 'kysely';
import type { OutboxRow } from './outbox.ts';
import { type Page, type PageRequest, pageNewestFirst } from './pagination.ts';
import type { Database, WebhookAttemptTable, WebhookDeliveryTable } from './schema.ts';
import type { Scope } from './scope.ts';

/** Due deliveries read beyond those a claim may take, to find some of other endpoints when one is full. */
const CANDIDATES_BEYOND_LIMIT = 100;

/** One event for one endpoint. `messageId` is its `webhook-id`, the same on every attempt. */
export interface WebhookDelivery {
  id: string;
  tenantId: string;
  endpointId: string;
  messageId: string;
  eventType: string;
  mode: 'live' | 'test';
  /** The exact body sent. */
  payload: string;
  status: WebhookDeliveryTable['status'];
  attempts: number;
  nextAttemptAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface WebhookAttempt {
  attemptedAt: number;
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

export interface DeliveryWithAttempts extends WebhookDelivery {
  attemptLog: WebhookAttempt[];
}

/** What one attempt came to, written with the delivery's next state. */
export interface AttemptOutcome {
  deliveryId: string;
  attempt: WebhookAttempt;
  status: WebhookDeliveryTable['status'];
  nextAttemptAt: number | null;
}

/** An outbox event not yet turned into deliveries, with the `webhook-id` it named, if any. */
export interface UndispatchedEvent extends Omit<OutboxRow, 'messageId'> {
  messageId: string | null;
}

function toDelivery(row: Selectable<WebhookDeliveryTable>): WebhookDelivery {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    endpointId: row.endpoint_id,
    messageId: row.message_id,
    eventType: row.event_type,
    mode: row.mode,
    payload: row.payload,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toAttempt(row: Selectable<WebhookAttemptTable>): WebhookAttempt {
  return {
    attemptedAt: row.attempted_at,
    statusCode: row.status_code,
    latencyMs: row.latency_ms,
    responseExcerpt: row.response_excerpt,
    error: row.error,
  };
}

/**
 * Deliveries and their attempts, and the outbox's dispatch. Claims work for several nodes on PostgreSQL: a
 * node locks the rows it takes with `FOR UPDATE SKIP LOCKED` (another node skips them) and marks them claimed
 * for a lease, so a node that dies mid-attempt leaves its deliveries to be taken again once the lease ends.
 */
export class WebhookDeliveryStore {
  readonly #scope: Scope;

  constructor(scope: Scope) {
    this.#scope = scope;
  }

  /** Outbox events not yet dispatched, oldest first, locked against other nodes until the unit commits. */
  async undispatched(limit: number): Promise<UndispatchedEvent[]> {
    return this.#scope.write(async (unit) => {
      let query = unit.db
        .selectFrom('outbox')
        .select(['id', 'event_type', 'tenant_id', 'mode', 'payload', 'created_at', 'message_id'])
        .where('dispatched_at', 'is', null)
        .orderBy('id', 'asc')
        .limit(limit);
      if (unit.dialect === 'postgres') query = query.forUpdate().skipLocked();
      const rows = await query.execute();
      return rows.map((row) => ({
        id: Number(row.id),
        type: row.event_type,
        tenantId: row.tenant_id,
        mode: row.mode,
        payload: JSON.parse(row.payload) as Record<string, unknown>,
        createdAt: Number(row.created_at),
        messageId: row.message_id,
      }));
    });
  }

  /** Attempts that got no 2xx, for the benchmark's report. */
  async countFailedAttempts(): Promise<number> {
    const row = await this.#scope.db
      .selectFrom('webhook_attempts')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where((eb) =>
        eb.or([eb('status_code', 'is', null), eb('status_code', '>=', 300), eb('status_code', '<', 200)]),
      )
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async anyUndispatched(): Promise<boolean> {
    const row = await this.#scope.db
      .selectFrom('outbox')
      .select('id')
      .where('dispatched_at', 'is', null)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async markDispatched(outboxIds: readonly number[], now: number): Promise<void> {
    if (outboxIds.length === 0) return;
    await this.#scope.write((unit) =>
      unit.db.updateTable('outbox').set({ dispatched_at: now }).where('id', 'in', outboxIds).execute(),
    );
  }

  /** Inserts deliveries; one already made for the same message and endpoint is left as it is. */
  async insertMany(deliveries: readonly WebhookDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.#scope.write(async (unit) => {
      for (let at = 0; at < deliveries.length; at += 200) {
        await unit.db
          .insertInto('webhook_deliveries')
          .values(
            deliveries.slice(at, at + 200).map((delivery) => ({
              id: delivery.id,
              tenant_id: delivery.tenantId,
              endpoint_id: delivery.endpointId,
              message_id: delivery.messageId,
              event_type: delivery.eventType,
              mode: delivery.mode,
              payload: delivery.payload,
              status: delivery.status,
              attempts: delivery.attempts,
              next_attempt_at: delivery.nextAttemptAt,
              claimed_until: null,
              created_at: delivery.createdAt,
              updated_at: delivery.updatedAt,
            })),
          )
          .onConflict((conflict) => conflict.columns(['message_id', 'endpoint_id']).doNothing())
          .execute();
      }
    });
  }

  /**
   * Claims up to `limit` due deliveries until `leaseUntil`, taking from each endpoint no more than `room`
   * allows (its free concurrency on this node). The earliest due first; ordering is not promised beyond that.
   */
  async claimDue(
    now: number,
    leaseUntil: number,
    limit: number,
    room: (endpointId: string) => number,
  ): Promise<WebhookDelivery[]> {
    return this.#scope.write(async (unit) => {
      const unclaimed = (eb: ExpressionBuilder<Database, 'webhook_deliveries'>) =>
        eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]);
      const candidates = await unit.db
        .selectFrom('webhook_deliveries')
        .select(['id', 'endpoint_id'])
        // A literal, not a parameter: only then can the planner use the partial index of pending deliveries.
        .where('status', '=', sql.lit('pending'))
        .where('next_attempt_at', '<=', now)
        .where(unclaimed)
        .orderBy('next_attempt_at', 'asc')
        .limit(limit + CANDIDATES_BEYOND_LIMIT)
        .execute();
      const taken = new Map<string, number>();
      let chosen: string[] = [];
      for (const candidate of candidates) {
        if (chosen.length >= limit) break;
        const already = taken.get(candidate.endpoint_id) ?? 0;
        if (already >= room(candidate.endpoint_id)) continue;
        taken.set(candidate.endpoint_id, already + 1);
        chosen.push(candidate.id);
      }
      if (chosen.length === 0) return [];
      if (unit.dialect === 'postgres') {
        // Rows another node is claiming right now are skipped rather than waited for; rows it has claimed
        // (committed) fail the condition below.
        const locked = await unit.db
          .selectFrom('webhook_deliveries')
          .select('id')
          .where('id', 'in', chosen)
          .where(unclaimed)
          .forUpdate()
          .skipLocked()
          .execute();
        chosen = locked.map((row) => row.id);
        if (chosen.length === 0) return [];
      }
      const rows = await unit.db
        .updateTable('webhook_deliveries')
        .set({ claimed_until: leaseUntil })
        .where('id', 'in', chosen)
        .where(unclaimed)
        .returningAll()
        .execute();
      return rows.map(toDelivery);
    });
  }

  /** Writes attempts and the deliveries' next states, in one transaction. */
  async complete(attempted: readonly AttemptOutcome[], now: number): Promise<void> {
    if (attempted.length === 0) return;
    await this.#scope.write(async (unit) => {
      // A delivery deleted with its endpoint while in flight leaves no attempt behind.
      const existing = new Set<string>();
      const ids = attempted.map((outcome) => outcome.deliveryId);
      for (let at = 0; at < ids.length; at += 500) {
        const rows = await unit.db
          .selectFrom('webhook_deliveries')
          .select('id')
          .where('id', 'in', ids.slice(at, at + 500))
          .execute();
        for (const row of rows) existing.add(row.id);
      }
      const outcomes = attempted.filter((outcome) => existing.has(outcome.deliveryId));
      if (outcomes.length === 0) return;
      for (let at = 0; at < outcomes.length; at += 500) {
        await unit.db
          .insertInto('webhook_attempts')
          .values(
            outcomes.slice(at, at + 500).map(({ deliveryId, attempt }) => ({
              delivery_id: deliveryId,
              attempted_at: attempt.attemptedAt,
              status_code: attempt.statusCode,
              latency_ms: attempt.latencyMs,
              response_excerpt: attempt.responseExcerpt,
              error: attempt.error,
            })),
          )
          .execute();
      }
      // Deliveries that succeeded share one statement; the others each have their own next attempt.
      const succeeded = outcomes.filter((outcome) => outcome.status === 'succeeded').map((o) => o.deliveryId);
      for (let at = 0; at < succeeded.length; at += 500) {
        await unit.db
          .updateTable('webhook_deliveries')
          .set((eb) => ({
            status: 'succeeded',
            attempts: eb('attempts', '+', 1),
            next_attempt_at: null,
            claimed_until: null,
            updated_at: now,
          }))
          .where('id', 'in', succeeded.slice(at, at + 500))
          .execute();
      }
      for (const outcome of outcomes) {
        if (outcome.status === 'succeeded') continue;
        await unit.db
          .updateTable('webhook_deliveries')
          .set((eb) => ({
            status: outcome.status,
            attempts: eb('attempts', '+', 1),
            next_attempt_at: outcome.nextAttemptAt,
            claimed_until: null,
            updated_at: now,
          }))
          .where('id', '=', outcome.deliveryId)
          .execute();
      }
    });
  }

  /** Ends deliveries without an attempt (their endpoint is gone or disabled). */
  async abandon(ids: readonly string[], now: number): Promise<void> {
    if (ids.length === 0) return;
    await this.#scope.write((unit) =>
      unit.db
        .updateTable('webhook_deliveries')
        .set({ status: 'failed', next_attempt_at: null, claimed_until: null, updated_at: now })
        .where('id', 'in', ids)
        .execute(),
    );
  }

  async get(tenantId: string, id: string): Promise<DeliveryWithAttempts | undefined> {
    const row = await this.#scope.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const [delivery] = await this.#withAttempts([toDelivery(row)]);
    return delivery;
  }

  /** An endpoint's deliveries, newest first, each with its attempts. */
  async listForEndpoint(
    tenantId: string,
    endpointId: string,
    page: PageRequest,
  ): Promise<Page<DeliveryWithAttempts>> {
    const query = this.#scope.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('endpoint_id', '=', endpointId);
    const found = await pageNewestFirst(query, page, toDelivery);
    return { items: await this.#withAttempts(found.items), nextCursor: found.nextCursor };
  }

  /** Queues a delivery again, now, with the same `webhook-id`; false when it is not found. */
  async retry(tenantId: string, id: string, now: number): Promise<boolean> {
    return this.#scope.write(async (unit) => {
      const result = await unit.db
        .updateTable('webhook_deliveries')
        .set({ status: 'pending', next_attempt_at: now, updated_at: now })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    });
  }

  async #withAttempts(deliveries: WebhookDelivery[]): Promise<DeliveryWithAttempts[]> {
    if (deliveries.length === 0) return [];
    const rows = await this.#scope.db
      .selectFrom('webhook_attempts')
      .selectAll()
      .where(
        'delivery_id',
        'in',
        deliveries.map((delivery) => delivery.id),
      )
      .orderBy('id', 'asc')
      .execute();
    const byDelivery = new Map<string, WebhookAttempt[]>();
    for (const row of rows) {
      const list = byDelivery.get(row.delivery_id) ?? [];
      list.push(toAttempt(row));
      byDelivery.set(row.delivery_id, list);
    }
    return deliveries.map((delivery) => ({ ...delivery, attemptLog: byDelivery.get(delivery.id) ?? [] }));
  }
}
