import type { Selectable } from 'kysely';
import type { OutboxTable } from './schema.ts';
import type { Scope } from './scope.ts';

/** An event a unit of work committed, for delivery (webhooks). `payload` holds facts, never a secret. */
export interface OutboxEvent {
  type: string;
  tenantId: string | null;
  mode: OutboxTable['mode'];
  payload: Record<string, unknown>;
  createdAt: number;
  /** The `webhook-id` its deliveries carry, for an event that names its own; else one is made at dispatch. */
  messageId?: string | undefined;
}

export interface OutboxRow extends OutboxEvent {
  id: number;
}

function toEvent(row: Selectable<OutboxTable>): OutboxRow {
  return {
    id: row.id,
    type: row.event_type,
    tenantId: row.tenant_id,
    mode: row.mode,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    createdAt: row.created_at,
  };
}

/** Events written by units of work, in commit order per writer; rows are only ever appended and read. */
export class OutboxStore {
  readonly #scope: Scope;

  constructor(scope: Scope) {
    this.#scope = scope;
  }

  async append(event: OutboxEvent): Promise<void> {
    await this.#scope.write((unit) => {
      unit.wroteOutbox();
      return unit.db
        .insertInto('outbox')
        .values({
          event_type: event.type,
          tenant_id: event.tenantId,
          mode: event.mode,
          payload: JSON.stringify(event.payload),
          created_at: event.createdAt,
          ...(event.messageId === undefined ? {} : { message_id: event.messageId }),
        })
        .execute();
    });
  }

  /** Events after `afterId` (0: from the first), oldest first. */
  async listAfter(afterId: number, limit: number): Promise<OutboxRow[]> {
    const rows = await this.#scope.db
      .selectFrom('outbox')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id', 'asc')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }
}
