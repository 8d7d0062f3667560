import type pg from 'pg';
import type { InvalidationBus } from './invalidation.ts';
import { postgresDriver } from './pg.ts';

/** The channel every unit that changed something notifies in its committing transaction (`unit-of-work.ts`). */
export const INVALIDATION_CHANNEL = 'portcullis_invalidation';

/** The `application_name` of each node's listening connection, by which `pg_stat_activity` shows it. */
export const LISTENER_APPLICATION_NAME = 'portcullis invalidation bus';

const FIRST_RETRY_MS = 100;
const LAST_RETRY_MS = 5_000;
/** PostgreSQL refuses a payload of 8000 bytes or more: a unit that wrote more values asks for a full read. */
const NOTICE_SEQS_LIMIT = 7_000;
/** Values not yet taken by a directory (one turned off takes none) are dropped for a full read past this. */
const PENDING_LIMIT = 100_000;

/**
 * A commit notice's payload: `c` when the unit changed something caches may hold, then a colon and the
 * key-directory sequence values it wrote (`*` for too many to name), e.g. `c:41,42` or `:43`.
 */
export function invalidationNotice(changed: boolean, directorySeqs: readonly number[]): string {
  const seqs = directorySeqs.join(',');
  return `${changed ? 'c' : ''}:${seqs.length > NOTICE_SEQS_LIMIT ? '*' : seqs}`;
}

interface Notice {
  changed: boolean;
  directorySeqs: number[] | 'all';
}

/** Reads a payload; anything else (a node of an older version sends none) counts as a change of everything. */
export function readInvalidationNotice(payload: string | undefined): Notice {
  const match = /^(c?):(\*|\d+(?:,\d+)*)?$/.exec(payload ?? '');
  if (!match) return { changed: true, directorySeqs: 'all' };
  const seqs = match[2];
  return {
    changed: match[1] === 'c',
    directorySeqs: seqs === '*' ? 'all' : seqs === undefined ? [] : seqs.split(',').map(Number),
  };
}
/**
 * How often the listening connection must answer a query, and how long any query on it (the LISTEN, this one)
 * may take. A connection can go quiet without an error (a hung server, a network that drops packets): no notice
 * arrives, and without a heartbeat the node would go on trusting its caches. Unanswered in time, it counts as lost.
 */
const HEARTBEAT_INTERVAL_MS = 500;
const QUERY_TIMEOUT_MS = 1_000;
const CONNECT_TIMEOUT_MS = 5_000;

export interface PostgresBus extends InvalidationBus {
  close(): Promise<void>;
}

/**
 * The invalidation bus of a PostgreSQL deployment: one connection per node LISTENs on a channel that every unit
 * of work with a change NOTIFYs in its committing transaction, so PostgreSQL delivers the notice only once the
 * change is visible, to every node. Each notice moves the cache version; so does a commit of this node, at once.
 *
 * A notice also names the key-directory sequence values its unit wrote; the key directory takes them and
 * reads just those rows. PostgreSQL delivers notices in commit order, after the commit, so a row named is
 * visible when it is read.
 *
 * A node that cannot confirm it is current answers nothing from its caches or its key directory: until the
 * listener has connected, and from the moment it loses its connection (an error, the server closing it, or a
 * heartbeat query left unanswered) until it has listened again. Both versions move on every (re)connection, so
 * whatever was cached before a gap, when notices may have been missed, is dropped, and the directory reads every
 * row again.
 */
export function postgresInvalidationBus(
  url: string,
  onError: (error: unknown) => void = () => {},
): PostgresBus {
  let epoch = 0;
  let directoryVersion = 0;
  let pendingSeqs: number[] = [];
  let pendingAll = true;
  let listening = false;
  let closed = false;
  let client: pg.Client | undefined;
  let retryMs = FIRST_RETRY_MS;
  let retry: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let connections = 0;
  // Not heard from yet: the time since the bus was opened.
  let lastHeardAt = performance.now();

  const lost = (error?: unknown) => {
    if (!listening && client === undefined) return;
    listening = false;
    clearTimeout(heartbeat);
    const gone = client;
    client = undefined;
    gone?.removeAllListeners();
    // Ending a connection with a query unanswered destroys its socket; whatever that raises is moot.
    gone?.on('error', () => {});
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

  /**
   * Asks `listener` for a round trip every interval. PostgreSQL sends a listener the notices it has been told
   * of before it says it is ready for the next query, so an answer also means every change committed before the
   * query was sent has been heard. A hung connection is given up within the interval and the query timeout.
   */
  const beat = (listener: pg.Client) => {
    heartbeat = setTimeout(() => {
      listener.query('SELECT 1').then(
        () => {
          if (client === listener) beat(listener);
        },
        (error: unknown) => {
          if (client === listener) lost(error);
        },
      );
    }, HEARTBEAT_INTERVAL_MS);
    heartbeat.unref();
  };

  const connect = async () => {
    if (closed) return;
    const candidate = new (postgresDriver().Client)({
      connectionString: url,
      application_name: LISTENER_APPLICATION_NAME,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
    });
    candidate.on('error', (error) => lost(error));
    candidate.on('end', () => lost());
    candidate.on('notification', (message) => {
      const notice = readInvalidationNotice(message.payload);
      if (notice.changed) epoch += 1;
      lastHeardAt = performance.now();
      directoryWritten(notice.directorySeqs);
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
      directoryWritten('all');
      listening = true;
      connections += 1;
      lastHeardAt = performance.now();
      retryMs = FIRST_RETRY_MS;
      beat(candidate);
    } catch (error) {
      candidate.removeAllListeners();
      candidate.on('error', () => {});
      await candidate.end().catch(() => {});
      onError(error);
      schedule();
    }
  };

  const directoryWritten = (seqs: readonly number[] | 'all') => {
    if (seqs !== 'all' && seqs.length === 0) return;
    directoryVersion += 1;
    if (seqs === 'all' || pendingSeqs.length + seqs.length > PENDING_LIMIT) {
      pendingAll = true;
      pendingSeqs = [];
    } else if (!pendingAll) {
      pendingSeqs.push(...seqs);
    }
  };

  void connect();
  return {
    cacheVersion: () => (listening ? epoch : undefined),
    directoryVersion: () => (listening ? directoryVersion : undefined),
    takeDirectoryWrites: () => {
      const taken = pendingAll ? 'all' : pendingSeqs;
      pendingAll = false;
      pendingSeqs = [];
      return taken;
    },
    committed: (changes, directorySeqs) => {
      if (changes.length > 0) epoch += 1;
      // Read by this node's directory before the notice comes back, so the next request already sees it.
      directoryWritten(directorySeqs);
    },
    status: () => ({ connected: listening, reconnects: Math.max(0, connections - 1), lastHeardAt }),
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      retry = undefined;
      clearTimeout(heartbeat);
      listening = false;
      const open = client;
      client = undefined;
      open?.removeAllListeners();
      await open?.end().catch(() => {});
    },
  };
}
