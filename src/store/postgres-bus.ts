import pg from 'pg';
import type { InvalidationBus } from './invalidation.ts';

/** The channel every unit that changed something notifies in its committing transaction (`unit-of-work.ts`). */
export const INVALIDATION_CHANNEL = 'portcullis_invalidation';

const FIRST_RETRY_MS = 100;
const LAST_RETRY_MS = 5_000;

export interface PostgresBus extends InvalidationBus {
  close(): Promise<void>;
}

/**
 * The invalidation bus of a PostgreSQL deployment: one connection per node LISTENs on a channel that every unit
 * of work with a change NOTIFYs in its committing transaction, so PostgreSQL delivers the notice only once the
 * change is visible, to every node. Each notice moves the cache version; so does a commit of this node, at once.
 *
 * A node that cannot confirm it is current answers nothing from its caches: until the listener has connected,
 * and from the moment it loses its connection until it has listened again. The version moves on every
 * (re)connection, so whatever was cached before a gap, when notices may have been missed, is dropped.
 */
export function postgresInvalidationBus(
  url: string,
  onError: (error: unknown) => void = () => {},
): PostgresBus {
  let epoch = 0;
  let listening = false;
  let closed = false;
  let client: pg.Client | undefined;
  let retryMs = FIRST_RETRY_MS;
  let retry: NodeJS.Timeout | undefined;
  let connections = 0;
  // Not heard from yet: the time since the bus was opened.
  let lastHeardAt = performance.now();

  const lost = (error?: unknown) => {
    if (!listening && client === undefined) return;
    listening = false;
    const gone = client;
    client = undefined;
    gone?.removeAllListeners();
    gone?.end().catch(() => {});
    if (error !== undefined) onError(error);
    schedule();
  };

  const schedule = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, retryMs);
    retry.unref();
    retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
  };

  const connect = async () => {
    if (closed) return;
    const candidate = new pg.Client({ connectionString: url });
    candidate.on('error', (error) => lost(error));
    candidate.on('end', () => lost());
    candidate.on('notification', () => {
      epoch += 1;
      lastHeardAt = performance.now();
    });
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${INVALIDATION_CHANNEL}`);
      if (closed) {
        await candidate.end();
        return;
      }
      client = candidate;
      // A new epoch: anything cached before this connection may have missed a notice.
      epoch += 1;
      listening = true;
      connections += 1;
      lastHeardAt = performance.now();
      retryMs = FIRST_RETRY_MS;
    } catch (error) {
      candidate.removeAllListeners();
      await candidate.end().catch(() => {});
      onError(error);
      schedule();
    }
  };

  void connect();
  return {
    cacheVersion: () => (listening ? epoch : undefined),
    // No key directory on PostgreSQL (yet): it would need a catch-up that waits.
    directoryVersion: () => undefined,
    committed: (changes) => {
      if (changes.length > 0) epoch += 1;
    },
    status: () => ({ connected: listening, reconnects: Math.max(0, connections - 1), lastHeardAt }),
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      retry = undefined;
      listening = false;
      const open = client;
      client = undefined;
      open?.removeAllListeners();
      await open?.end().catch(() => {});
    },
  };
}
