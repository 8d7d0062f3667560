import type { Kysely } from 'kysely';
import { credentialOfMode } from './credential-mode.ts';
import { type PackedRequests, REQUEST_COLUMNS, REQUEST_FIELDS } from './request-batch.ts';
import type { Database } from './schema.ts';

/** The widths of the buckets usage is counted in. */
export const usageGranularities = ['minute', 'hour', 'day'] as const;
export type UsageGranularity = (typeof usageGranularities)[number];

export const BUCKET_MS: Readonly<Record<UsageGranularity, number>> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

/** The first millisecond of the bucket holding `at` (UTC; a day runs from midnight UTC). */
export function bucketStartOf(at: number, granularity: UsageGranularity): number {
  const width = BUCKET_MS[granularity];
  return Math.floor(at / width) * width;
}

/** Calls of one credential with one outcome in one bucket: a rollup row, or what a flush adds to it. */
export interface UsageCount {
  tenantId: string;
  credentialId: string;
  granularity: UsageGranularity;
  bucketStart: number;
  outcome: string;
  count: number;
}

/** A tenant's (or one credential's) calls with one outcome in one bucket, summed over its credentials. */
export interface UsageBucketCount {
  bucketStart: number;
  outcome: string;
  count: number;
}

export interface UsageQuery {
  granularity: UsageGranularity;
  /** Buckets starting at or after this time… */
  since: number;
  /** …and before this one. */
  until: number;
  credentialId?: string | undefined;
  /** Only calls of credentials (API keys, clients) of this mode, as the request feed confines them. */
  mode?: 'live' | 'test' | undefined;
}

/** The columns a rollup row fills, in the order `usageParameters` pushes them. */
export const USAGE_COLUMNS = [
  'tenant_id',
  'granularity',
  'bucket_start',
  'credential_id',
  'outcome',
  'count',
] as const;

const TENANT = REQUEST_COLUMNS.indexOf('tenant_id');
const CREDENTIAL = REQUEST_COLUMNS.indexOf('credential_id');
const AT = REQUEST_COLUMNS.indexOf('at');
const OUTCOME = REQUEST_COLUMNS.indexOf('outcome');

/** Counts per minute start, then per `tenant\0outcome`, then per credential. */
type MinuteCounts = Map<number, Map<string, Map<string, number>>>;

/**
 * A batch's rows counted per minute, tenant, outcome and credential. This runs for every verified call (on the
 * writer thread): per row one lookup by a small number (the tenant's and outcome's indexes in the batch) and
 * one by the credential id, the batch's own string; no string is built and no object allocated per row.
 */
function countMinutes(packed: PackedRequests): MinuteCounts {
  const { values, strings } = packed;
  const width = strings.length + 1;
  const minutes: MinuteCounts = new Map();
  let minuteOfGroups = Number.NaN;
  let groups = new Map<number, Map<string, number>>();
  const named: [number, Map<number, Map<string, number>>][] = [];
  for (let row = 0; row < packed.count; row++) {
    const at = row * REQUEST_FIELDS;
    const minute = bucketStartOf(values[at + AT] as number, 'minute');
    if (minute !== minuteOfGroups) {
      const existing = named.find(([start]) => start === minute);
      if (existing) groups = existing[1];
      else {
        groups = new Map();
        named.push([minute, groups]);
      }
      minuteOfGroups = minute;
    }
    const group = (values[at + TENANT] as number) * width + (values[at + OUTCOME] as number);
    let counts = groups.get(group);
    if (!counts) {
      counts = new Map();
      groups.set(group, counts);
    }
    const credential = strings[values[at + CREDENTIAL] as number] as string;
    counts.set(credential, (counts.get(credential) ?? 0) + 1);
  }
  for (const [minute, byIndex] of named) {
    const byName = new Map<string, Map<string, number>>();
    for (const [group, counts] of byIndex) {
      const outcome = group % width;
      byName.set(`${strings[(group - outcome) / width]}\0${strings[outcome]}`, counts);
    }
    minutes.set(minute, byName);
  }
  return minutes;
}

/** What a flush writes to the rollups, and how to record that it was written once its transaction commits. */
export interface StagedUsage {
  /** Counts to add, sorted by the table's key, so concurrent flushes of two nodes lock rows in the same order. */
  due: UsageCount[];
  /** Call once the flush has committed: the due minutes leave the tally and the rest of the batch joins it. */
  commit(): void;
}

/**
 * The counts of minutes not written yet, kept where the flush is written (the SQLite writer thread, or the
 * store's query-builder writer): a key in steady use costs three upserts a minute (its minute, hour and day
 * rows), not three per flush. A minute's counts are written by the first flush after it closes, or by a flush
 * that asks for every count (a usage read, shutdown). See docs/decisions/030-usage-rollups.md.
 */
export class UsageTally {
  readonly #minutes: MinuteCounts = new Map();

  /**
   * Adds a batch's rows to the tally and takes out the minutes starting before `dueBefore`, without changing
   * anything until `commit`: a failed flush leaves the tally as it was, and its rows come again.
   */
  stage(packed: PackedRequests, dueBefore: number): StagedUsage {
    const added: MinuteCounts = packed.count > 0 ? countMinutes(packed) : new Map();
    const due = new Map<string, UsageCount>();
    for (const source of [this.#minutes, added]) {
      for (const [minute, groups] of source) {
        if (minute >= dueBefore) continue;
        for (const [group, counts] of groups) {
          const [tenantId, outcome] = group.split('\0') as [string, string];
          for (const [credentialId, count] of counts)
            addToBuckets(due, tenantId, outcome, credentialId, minute, count);
        }
      }
    }
    return {
      due: [...due.values()].sort(compareUsageKeys),
      commit: () => {
        for (const minute of [...this.#minutes.keys()]) if (minute < dueBefore) this.#minutes.delete(minute);
        for (const [minute, groups] of added) {
          if (minute < dueBefore) continue;
          const open = this.#minutes.get(minute);
          if (!open) {
            this.#minutes.set(minute, groups);
            continue;
          }
          for (const [group, counts] of groups) {
            const openCounts = open.get(group);
            if (!openCounts) {
              open.set(group, counts);
              continue;
            }
            for (const [credential, count] of counts) {
              openCounts.set(credential, (openCounts.get(credential) ?? 0) + count);
            }
          }
        }
      },
    };
  }
}

/** Adds a minute's count to its minute, hour and day rows. */
function addToBuckets(
  into: Map<string, UsageCount>,
  tenantId: string,
  outcome: string,
  credentialId: string,
  minute: number,
  count: number,
): void {
  for (const granularity of usageGranularities) {
    const bucketStart = bucketStartOf(minute, granularity);
    const key = `${tenantId}\0${outcome}\0${credentialId}\0${granularity}\0${bucketStart}`;
    const existing = into.get(key);
    if (existing) existing.count += count;
    else into.set(key, { tenantId, credentialId, granularity, bucketStart, outcome, count });
  }
}

function compareUsageKeys(a: UsageCount, b: UsageCount): number {
  return (
    compareText(a.tenantId, b.tenantId) ||
    compareText(a.granularity, b.granularity) ||
    a.bucketStart - b.bucketStart ||
    compareText(a.credentialId, b.credentialId) ||
    compareText(a.outcome, b.outcome)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Pushes a rollup row's values onto `into` as SQL parameters, in `USAGE_COLUMNS` order. */
export function usageParameters(usage: UsageCount, into: (string | number | null)[]): void {
  into.push(
    usage.tenantId,
    usage.granularity,
    usage.bucketStart,
    usage.credentialId,
    usage.outcome,
    usage.count,
  );
}

const UPSERT_CHUNK = 200;

/** Counts kept per bucket, added to by every request-feed flush and read by the usage API. */
export class UsageRollupStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** Adds counts to their rows, creating the missing ones (the query-builder path of a flush). */
  async add(counts: readonly UsageCount[]): Promise<void> {
    for (let start = 0; start < counts.length; start += UPSERT_CHUNK) {
      const values = counts.slice(start, start + UPSERT_CHUNK).map((usage) => ({
        tenant_id: usage.tenantId,
        granularity: usage.granularity,
        bucket_start: usage.bucketStart,
        credential_id: usage.credentialId,
        outcome: usage.outcome,
        count: usage.count,
      }));
      await this.#db
        .insertInto('usage_rollups')
        .values(values)
        .onConflict((conflict) =>
          conflict
            .columns(['tenant_id', 'granularity', 'bucket_start', 'credential_id', 'outcome'])
            .doUpdateSet((eb) => ({ count: eb('usage_rollups.count', '+', eb.ref('excluded.count')) })),
        )
        .execute();
    }
  }

  /** A tenant's counts per bucket and outcome in the window, oldest bucket first; buckets without calls absent. */
  async counts(tenantId: string, query: UsageQuery): Promise<UsageBucketCount[]> {
    let select = this.#db
      .selectFrom('usage_rollups')
      .select(['bucket_start', 'outcome'])
      .select((eb) => eb.fn.sum<number>('count').as('count'))
      .where('tenant_id', '=', tenantId)
      .where('granularity', '=', query.granularity)
      .where('bucket_start', '>=', query.since)
      .where('bucket_start', '<', query.until);
    if (query.credentialId !== undefined) select = select.where('credential_id', '=', query.credentialId);
    const { mode } = query;
    if (mode !== undefined) {
      select = select.where((eb) => credentialOfMode(eb, tenantId, mode));
    }
    const rows = await select
      .groupBy(['bucket_start', 'outcome'])
      .orderBy('bucket_start')
      .orderBy('outcome')
      .execute();
    return rows.map((row) => ({
      bucketStart: Number(row.bucket_start),
      outcome: row.outcome,
      count: Number(row.count),
    }));
  }

  /** Retention: removes the given tenants' buckets of one granularity that start before `before`. */
  async deleteOlderThan(
    tenantIds: readonly string[],
    granularity: UsageGranularity,
    before: number,
  ): Promise<number> {
    let deleted = 0;
    for (let start = 0; start < tenantIds.length; start += 500) {
      const result = await this.#db
        .deleteFrom('usage_rollups')
        .where('tenant_id', 'in', tenantIds.slice(start, start + 500))
        .where('granularity', '=', granularity)
        .where('bucket_start', '<', before)
        .executeTakeFirst();
      deleted += Number(result.numDeletedRows);
    }
    return deleted;
  }
}
