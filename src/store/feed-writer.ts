import type { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import type { ActivityLogStore, ActivityRecord } from './activity-log.ts';
import type { ApiKeyStore } from './api-keys.ts';
import { type PackedFeed, packFeed, SqliteFeedStatements } from './feed-sql.ts';
import type { FeedWorkerReply, FeedWorkerRequest } from './feed-writer-worker.ts';
import { type PackedRequests, unpackRequests } from './request-batch.ts';
import type { RequestLogStore } from './request-log.ts';
import { runSyncTransaction } from './sqlite-database.ts';
import { type UsageRollupStore, UsageTally } from './usage-rollups.ts';

/**
 * Where buffered request-feed rows, their usage counts and last-used stamps go: one atomic write per flush.
 */
export interface FeedWriter {
  /**
   * `usageDueBefore`: the usage counts of minutes before this time are written with the flush, later ones held
   * in the writer's tally until a flush finds their minute closed (every count by default; decision 030).
   */
  write(
    requests: PackedRequests,
    lastUsed: ReadonlyMap<string, number>,
    activities: readonly ActivityRecord[],
    usageDueBefore?: number,
  ): Promise<void>;
  close(): Promise<void>;
}

const EVERY_COUNT = Number.POSITIVE_INFINITY;

/** The stores a flush writes to, all over one transaction. */
export interface FeedStores {
  requestLog: RequestLogStore;
  usageRollups: UsageRollupStore;
  apiKeys: ApiKeyStore;
  activityLog: ActivityLogStore;
}

/**
 * PostgreSQL (and the fallback): the query builder on the store's own connection. A flush is one transaction,
 * like the writer thread's, and its promise settles once that has committed: a group-committed activity row
 * is acknowledged only once it is durable, and a failed flush leaves nothing behind to be written twice when
 * it is retried.
 */
export function queryBuilderFeedWriter(
  inTransaction: (work: (stores: FeedStores) => Promise<void>) => Promise<void>,
  tally = new UsageTally(),
): FeedWriter {
  return {
    async write(requests, lastUsed, activities, usageDueBefore = EVERY_COUNT) {
      const usage = tally.stage(requests, usageDueBefore);
      await inTransaction(async ({ requestLog, usageRollups, apiKeys, activityLog }) => {
        await requestLog.append(unpackRequests(requests));
        await usageRollups.add(usage.due);
        await apiKeys.recordLastUsed(lastUsed);
        for (const activity of activities) await activityLog.append(activity);
      });
      usage.commit();
    },
    async close() {},
  };
}

/**
 * An in-memory SQLite database (tests) cannot be shared with a thread: write on the same connection. `tally` is
 * the fallback's too, so counts held by one are written by the other.
 */
export function inlineSqliteFeedWriter(
  database: DatabaseSync,
  fallback: FeedWriter,
  tally: UsageTally,
): FeedWriter {
  const statements = new SqliteFeedStatements(database, tally);
  return {
    async write(requests, lastUsed, activities, usageDueBefore = EVERY_COUNT) {
      const feed = packFeed(requests, lastUsed, activities, usageDueBefore);
      let committed: (() => void) | undefined;
      // Inside a query-builder transaction the connection is taken: go through the query builder.
      if (
        runSyncTransaction(database, () => {
          committed = statements.write(feed);
        })
      ) {
        committed?.();
      } else {
        await fallback.write(requests, lastUsed, activities, usageDueBefore);
      }
    },
    async close() {},
  };
}

/**
 * A database file: a worker thread with its own connection writes, off the request path. Should the thread
 * fail, writes go to `fallback` on the main connection from then on, so the feed is never held in memory
 * without end.
 */
export function workerFeedWriter(path: string, fallback: FeedWriter, onFirstWrite = false): FeedWriter {
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let seq = 0;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure = error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  // Started now (a server: its first writes do not wait for the thread to boot), or with `onFirstWrite` on the
  // first write (a process that writes no feed, a CLI command, never waits for a thread to boot or stop).
  let thread: Worker | undefined;
  const started = (): Worker => {
    if (thread) return thread;
    const worker = new Worker(new URL('./feed-writer-worker.ts', import.meta.url), { workerData: { path } });
    worker.on('message', (reply: FeedWorkerReply) => {
      const waiter = pending.get(reply.seq);
      pending.delete(reply.seq);
      if (pending.size === 0) worker.unref();
      if (reply.ok) waiter?.resolve();
      else waiter?.reject(new Error(`request feed write failed: ${reply.message}`));
    });
    worker.on('error', failAll);
    worker.on('exit', () => failAll(new Error('the request feed writer stopped')));
    // After the listeners: attaching a 'message' listener refs the worker again. The server's own handles keep
    // the process alive; the writer thread must not.
    worker.unref();
    thread = worker;
    return worker;
  };
  const send = (request: { type: 'write'; feed: PackedFeed } | { type: 'close' }) =>
    new Promise<void>((resolve, reject) => {
      if (failure) return reject(failure);
      const worker = started();
      seq += 1;
      pending.set(seq, { resolve, reject });
      // While a write is under way the thread keeps the process alive, so a closing CLI waits for it.
      worker.ref();
      worker.postMessage({ ...request, seq } satisfies FeedWorkerRequest);
    });
  if (!onFirstWrite) started();
  return {
    // The batch's buffer is copied, not transferred: the caller keeps it to retry a failed write.
    write: (requests, lastUsed, activities, usageDueBefore = EVERY_COUNT) =>
      failure
        ? fallback.write(requests, lastUsed, activities, usageDueBefore)
        : send({ type: 'write', feed: packFeed(requests, lastUsed, activities, usageDueBefore) }),
    async close() {
      if (failure || !thread) return;
      await send({ type: 'close' });
      await thread.terminate();
    },
  };
}
