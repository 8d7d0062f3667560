import type { Selectable } from 'kysely';
import { decodeCursor, type Page, type PageRequest, toPage } from './pagination.ts';
import type { ActivityLogTable } from './schema.ts';
import type { Scope } from './scope.ts';

/** Who did what to which resource. `details` holds facts, never a secret. */
export interface ActivityRecord {
  tenantId: string | null;
  at: number;
  actorType: string;
  actorId: string | null;
  ip: string | null;
  action: string;
  targetType: string;
  targetId: string;
  details: Record<string, unknown>;
  /** The mode of the object the row is about, when it has one. */
  mode?: 'live' | 'test' | null | undefined;
}

export interface ActivityRecordRow extends ActivityRecord {
  id: number;
}

export interface ActivityFilter {
  /** One tenant's feed; null for platform-level rows only; undefined for every row (the platform's view). */
  tenantId?: string | null | undefined;
  action?: string | undefined;
  /** Rows by one kind of actor (`user`, `system`, …), and with `id` by that one actor. */
  actor?: { type: string; id?: string | undefined } | undefined;
  since?: number | undefined;
  until?: number | undefined;
  /** Rows about objects of this mode, and rows about objects of both. */
  mode?: 'live' | 'test' | undefined;
}

function toRecord(row: Selectable<ActivityLogTable>): ActivityRecordRow {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    at: row.at,
    actorType: row.actor_type,
    actorId: row.actor_id,
    ip: row.ip,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    details: JSON.parse(row.details) as Record<string, unknown>,
    mode: row.mode,
  };
}

/** Append-only: there is no update or delete. */
export class ActivityLogStore {
  readonly #scope: Scope;

  constructor(scope: Scope) {
    this.#scope = scope;
  }

  async append(record: ActivityRecord): Promise<void> {
    await this.#scope.write((unit) =>
      unit.db
        .insertInto('activity_log')
        .values({
          tenant_id: record.tenantId,
          at: record.at,
          actor_type: record.actorType,
          actor_id: record.actorId,
          ip: record.ip,
          action: record.action,
          target_type: record.targetType,
          target_id: record.targetId,
          details: JSON.stringify(record.details),
          mode: record.mode ?? null,
        })
        .execute(),
    );
  }

  /** Newest first: one tenant's rows, the platform-level rows (`tenantId: null`), or every row. */
  async list(filter: ActivityFilter, page: PageRequest): Promise<Page<ActivityRecordRow>> {
    let query = this.#scope.db.selectFrom('activity_log').selectAll();
    if (filter.tenantId === null) query = query.where('tenant_id', 'is', null);
    else if (filter.tenantId !== undefined) query = query.where('tenant_id', '=', filter.tenantId);
    if (filter.action !== undefined) query = query.where('action', '=', filter.action);
    if (filter.actor !== undefined) {
      query = query.where('actor_type', '=', filter.actor.type);
      if (filter.actor.id !== undefined) query = query.where('actor_id', '=', filter.actor.id);
    }
    const { mode } = filter;
    if (mode !== undefined)
      query = query.where((eb) => eb.or([eb('mode', 'is', null), eb('mode', '=', mode)]));
    if (filter.since !== undefined) query = query.where('at', '>=', filter.since);
    if (filter.until !== undefined) query = query.where('at', '<', filter.until);
    if (page.cursor) {
      const [id] = decodeCursor(page.cursor, ['number'] as const);
      query = query.where('id', '<', id);
    }
    const rows = await query
      .orderBy('id', 'desc')
      .limit(page.limit + 1)
      .execute();
    return toPage(rows, page.limit, toRecord, (row) => [row.id]);
  }
}
