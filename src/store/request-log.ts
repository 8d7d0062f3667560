import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Kysely, Selectable } from 'kysely';
import { decodeCursor, type Page, type PageRequest, toPage } from './pagination.ts';
import type { Database, RequestLogTable } from './schema.ts';
import { runSyncTransaction } from './sqlite-database.ts';

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
  since?: number | undefined;
  until?: number | undefined;
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
const INSERT_SQL = `INSERT INTO request_log (tenant_id, credential_id, credential_type, at, method, path, status,
  outcome, latency_ms, ip, rate_limited) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export class RequestLogStore {
  readonly #db: Kysely<Database>;
  readonly #sqlite: DatabaseSync | undefined;
  #insert: StatementSync | undefined;

  constructor(db: Kysely<Database>, sqlite?: DatabaseSync) {
    this.#db = db;
    this.#sqlite = sqlite;
  }

  /** Appends rows in one transaction. On SQLite one prepared statement runs synchronously (the flush path). */
  async append(records: readonly RequestRecord[]): Promise<void> {
    if (records.length === 0) return;
    const sqlite = this.#sqlite;
    if (sqlite) {
      this.#insert ??= sqlite.prepare(INSERT_SQL);
      const insert = this.#insert;
      const done = runSyncTransaction(sqlite, () => {
        for (const r of records) {
          insert.run(
            r.tenantId,
            r.credentialId,
            r.credentialType,
            r.at,
            r.method,
            r.path,
            r.status,
            r.outcome,
            r.latencyMs,
            r.ip,
            r.rateLimited ? 1 : 0,
          );
        }
      });
      if (done) return;
    }
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
