import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ActivityRecord } from './activity-log.ts';
import { type PackedRequests, REQUEST_COLUMNS, rowParameters } from './request-batch.ts';
import { USAGE_COLUMNS, type UsageCount, UsageTally, usageParameters } from './usage-rollups.ts';

/** A flush's request-feed rows, last-used stamps and buffered activity, in the form a worker message carries. */
export interface PackedFeed {
  requests: PackedRequests;
  /** key id, time; key id, time; … */
  stamps: (string | number)[];
  /** 10 values per row, in INSERT_ACTIVITY's column order: high-rate activity such as token issuance. */
  activities: (string | number | null)[];
  /** Usage counts of minutes before this time are written; later ones are held in the tally (decision 030). */
  usageDueBefore: number;
}

const ACTIVITY_COLUMNS = 10;

export function packFeed(
  requests: PackedRequests,
  lastUsed: ReadonlyMap<string, number>,
  activities: readonly ActivityRecord[],
  usageDueBefore: number,
): PackedFeed {
  const stamps: (string | number)[] = [];
  for (const [keyId, at] of lastUsed) stamps.push(keyId, at);
  const activityRows: (string | number | null)[] = [];
  for (const a of activities) {
    activityRows.push(a.tenantId, a.at, a.actorType, a.actorId, a.ip, a.action, a.targetType, a.targetId);
    activityRows.push(JSON.stringify(a.details), a.mode ?? null);
  }
  return { requests, stamps, activities: activityRows, usageDueBefore };
}

/** Rows per INSERT: one statement step per 64 rows costs a third less per row than one per row. */
const ROWS_PER_INSERT = 64;

const insertRequests = (rows: number) =>
  `INSERT INTO request_log (${REQUEST_COLUMNS.join(', ')}) VALUES ${Array.from(
    { length: rows },
    () => `(${REQUEST_COLUMNS.map(() => '?').join(', ')})`,
  ).join(', ')}`;

// Counts add up: a bucket's row is created by the first flush that sees it and added to by the next ones.
const upsertUsage = (rows: number) =>
  `INSERT INTO usage_rollups (${USAGE_COLUMNS.join(', ')}) VALUES ${Array.from(
    { length: rows },
    () => `(${USAGE_COLUMNS.map(() => '?').join(', ')})`,
  ).join(', ')}
  ON CONFLICT (tenant_id, granularity, bucket_start, credential_id, outcome)
  DO UPDATE SET count = usage_rollups.count + excluded.count`;

const INSERT_ACTIVITY = `INSERT INTO activity_log (tenant_id, at, actor_type, actor_id, ip, action, target_type,
  target_id, details, mode) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
// A stamp never moves backwards.
const TOUCH_KEY = `INSERT INTO api_key_last_used (key_id, last_used_at) VALUES (?, ?)
  ON CONFLICT (key_id) DO UPDATE SET last_used_at = excluded.last_used_at
  WHERE excluded.last_used_at > api_key_last_used.last_used_at`;

/** The feed's prepared statements on one SQLite connection. */
export class SqliteFeedStatements {
  readonly #insertMany: StatementSync;
  readonly #insertOne: StatementSync;
  readonly #touch: StatementSync;
  readonly #activity: StatementSync;
  readonly #usageMany: StatementSync;
  readonly #usageOne: StatementSync;
  readonly #tally: UsageTally;

  constructor(database: DatabaseSync, tally = new UsageTally()) {
    this.#tally = tally;
    this.#insertMany = database.prepare(insertRequests(ROWS_PER_INSERT));
    this.#insertOne = database.prepare(insertRequests(1));
    this.#touch = database.prepare(TOUCH_KEY);
    this.#activity = database.prepare(INSERT_ACTIVITY);
    this.#usageMany = database.prepare(upsertUsage(ROWS_PER_INSERT));
    this.#usageOne = database.prepare(upsertUsage(1));
  }

  /**
   * Runs inside the caller's transaction. Returns what to call once that has committed: the usage tally then
   * forgets the counts written and keeps the batch's others.
   */
  write({ requests, stamps, activities, usageDueBefore }: PackedFeed): () => void {
    const parameters: (string | number | null)[] = [];
    let row = 0;
    for (; row + ROWS_PER_INSERT <= requests.count; row += ROWS_PER_INSERT) {
      parameters.length = 0;
      for (let offset = 0; offset < ROWS_PER_INSERT; offset++)
        rowParameters(requests, row + offset, parameters);
      this.#insertMany.run(...parameters);
    }
    for (; row < requests.count; row++) {
      parameters.length = 0;
      rowParameters(requests, row, parameters);
      this.#insertOne.run(...parameters);
    }
    const usage = this.#tally.stage(requests, usageDueBefore);
    this.#addUsage(usage.due, parameters);
    for (let i = 0; i < stamps.length; i += 2) {
      this.#touch.run(stamps[i] as string, stamps[i + 1] as number);
    }
    for (let i = 0; i < activities.length; i += ACTIVITY_COLUMNS) {
      this.#activity.run(...(activities.slice(i, i + ACTIVITY_COLUMNS) as (string | number | null)[]));
    }
    return usage.commit;
  }

  /** The flush's counts added to the usage rollups (decision 030), 64 rows to a statement. */
  #addUsage(counts: readonly UsageCount[], parameters: (string | number | null)[]): void {
    let row = 0;
    for (; row + ROWS_PER_INSERT <= counts.length; row += ROWS_PER_INSERT) {
      parameters.length = 0;
      for (let offset = 0; offset < ROWS_PER_INSERT; offset++)
        usageParameters(counts[row + offset] as UsageCount, parameters);
      this.#usageMany.run(...parameters);
    }
    for (; row < counts.length; row++) {
      parameters.length = 0;
      usageParameters(counts[row] as UsageCount, parameters);
      this.#usageOne.run(...parameters);
    }
  }
}
