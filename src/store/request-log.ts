import type { Kysely, Selectable } from 'kysely';
import { credentialOfMode } from './credential-mode.ts';
import { decodeCursor, type Page, type PageRequest, toPage } from './pagination.ts';
import type { Database, RequestLogTable } from './schema.ts';

/** One authenticated call as the request feed shows it. Nothing in it is secret. */
export interface RequestRecord {
  tenantId: string;
  credentialId: string;
  credentialType: string;
  at: number;
  method: string | null;
  path: string | null;
  status: number;
  outcome: string;
  latencyMs: number;
  ip: string | null;
  rateLimited: boolean;
}

export interface RequestRecordRow extends RequestRecord {
  id: number;
}

export interface RequestFilter {
  credentialId?: string | undefined;
  /** Only calls of credentials (API keys, clients) of this mode. */
  mode?: 'live' | 'test' | undefined;
  since?: number | undefined;
  until?: number | undefined;
  /** `valid`, or the refusal code the call was answered with. */
  outcome?: string | undefined;
  /** The HTTP status the call was answered with. */
  status?: number | undefined;
  rateLimited?: boolean | undefined;
}

const INSERT_CHUNK = 200;

function toRecord(row: Selectable<RequestLogTable>): RequestRecordRow {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    credentialId: row.credential_id,
    credentialType: row.credential_type,
    at: row.at,
    method: row.method,
    path: row.path,
    status: row.status,
    outcome: row.outcome,
    latencyMs: row.latency_ms,
    ip: row.ip,
    rateLimited: row.rate_limited === 1,
  };
}

/** Append-only: rows are only ever inserted, read, and removed by the retention sweep. */
export class RequestLogStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** Appends rows (the query-builder path; the feed writer has a faster one for SQLite). */
  async append(records: readonly RequestRecord[]): Promise<void> {
    if (records.length === 0) return;
    for (let start = 0; start < records.length; start += INSERT_CHUNK) {
      const values = records.slice(start, start + INSERT_CHUNK).map((record) => ({
        tenant_id: record.tenantId,
        credential_id: record.credentialId,
        credential_type: record.credentialType,
        at: record.at,
        method: record.method,
        path: record.path,
        status: record.status,
        outcome: record.outcome,
        latency_ms: record.latencyMs,
        ip: record.ip,
        rate_limited: record.rateLimited ? 1 : 0,
      }));
      await this.#db.insertInto('request_log').values(values).execute();
    }
  }

  /** Newest first, within one tenant. */
  async list(tenantId: string, filter: RequestFilter, page: PageRequest): Promise<Page<RequestRecordRow>> {
    let query = this.#db.selectFrom('request_log').selectAll().where('tenant_id', '=', tenantId);
    if (filter.credentialId !== undefined) query = query.where('credential_id', '=', filter.credentialId);
    const { mode } = filter;
    if (mode !== undefined) {
      query = query.where((eb) => credentialOfMode(eb, tenantId, mode));
    }
    if (filter.outcome !== undefined) query = query.where('outcome', '=', filter.outcome);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.rateLimited !== undefined)
      query = query.where('rate_limited', '=', filter.rateLimited ? 1 : 0);
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

  /** Retention: removes the given tenants' rows older than `before`. Returns how many went. */
  async deleteOlderThan(tenantIds: readonly string[], before: number): Promise<number> {
    let deleted = 0;
    for (let start = 0; start < tenantIds.length; start += 500) {
      const result = await this.#db
        .deleteFrom('request_log')
        .where('tenant_id', 'in', tenantIds.slice(start, start + 500))
        .where('at', '<', before)
        .executeTakeFirst();
      deleted += Number(result.numDeletedRows);
    }
    return deleted;
  }
}
