import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ActivityRecord } from './activity-log.ts';
import type { RequestRecord } from './request-log.ts';

/** Request-feed rows, last-used stamps and buffered activity, flattened for a worker message. */
export interface PackedFeed {
  /** 11 values per row, in INSERT_REQUEST's column order. */
  rows: (string | number | null)[];
  /** key id, time; key id, time; … */
  stamps: (string | number)[];
  /** 9 values per row, in INSERT_ACTIVITY's column order: high-rate activity such as token issuance. */
  activities: (string | number | null)[];
}

const ACTIVITY_COLUMNS = 9;

const REQUEST_COLUMNS = 11;

export function packFeed(
  records: readonly RequestRecord[],
  lastUsed: ReadonlyMap<string, number>,
  activities: readonly ActivityRecord[],
): PackedFeed {
  const rows: (string | number | null)[] = [];
  for (const r of records) {
    rows.push(r.tenantId, r.credentialId, r.credentialType, r.at, r.method, r.path, r.status, r.outcome);
    rows.push(r.latencyMs, r.ip, r.rateLimited ? 1 : 0);
  }
  const stamps: (string | number)[] = [];
  for (const [keyId, at] of lastUsed) stamps.push(keyId, at);
  const activityRows: (string | number | null)[] = [];
  for (const a of activities) {
    activityRows.push(a.tenantId, a.at, a.actorType, a.actorId, a.ip, a.action, a.targetType, a.targetId);
    activityRows.push(JSON.stringify(a.details));
  }
  return { rows, stamps, activities: activityRows };
}

const INSERT_REQUEST = `INSERT INTO request_log (tenant_id, credential_id, credential_type, at, method, path,
  status, outcome, latency_ms, ip, rate_limited) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const INSERT_ACTIVITY = `INSERT INTO activity_log (tenant_id, at, actor_type, actor_id, ip, action, target_type,
  target_id, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;
// A stamp never moves backwards.
const TOUCH_KEY =
  'UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)';

/** The feed's two prepared statements on one SQLite connection. */
export class SqliteFeedStatements {
  readonly #insert: StatementSync;
  readonly #touch: StatementSync;
  readonly #activity: StatementSync;

  constructor(database: DatabaseSync) {
    this.#insert = database.prepare(INSERT_REQUEST);
    this.#touch = database.prepare(TOUCH_KEY);
    this.#activity = database.prepare(INSERT_ACTIVITY);
  }

  /** Runs inside the caller's transaction. */
  write({ rows, stamps, activities }: PackedFeed): void {
    for (let i = 0; i < rows.length; i += REQUEST_COLUMNS) {
      this.#insert.run(...(rows.slice(i, i + REQUEST_COLUMNS) as (string | number | null)[]));
    }
    for (let i = 0; i < stamps.length; i += 2) {
      const at = stamps[i + 1] as number;
      this.#touch.run(at, stamps[i] as string, at);
    }
    for (let i = 0; i < activities.length; i += ACTIVITY_COLUMNS) {
      this.#activity.run(...(activities.slice(i, i + ACTIVITY_COLUMNS) as (string | number | null)[]));
    }
  }
}
