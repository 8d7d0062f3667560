import { parentPort, workerData } from 'node:worker_threads';
import { type PackedFeed, SqliteFeedStatements } from './feed-sql.ts';
import { openSqliteFile, runSyncTransaction } from './sqlite-database.ts';

/**
 * The request feed's writer thread: its own connection to the embedded database, so inserts, index upkeep
 * and WAL checkpoints (with their fsyncs) never hold up the thread that answers requests.
 */
export type FeedWorkerRequest =
  | { type: 'write'; seq: number; feed: PackedFeed }
  | { type: 'close'; seq: number };
export type FeedWorkerReply = { seq: number; ok: true } | { seq: number; ok: false; message: string };

const port = parentPort;
if (!port) throw new Error('feed-writer-worker runs as a worker thread');
const database = openSqliteFile((workerData as { path: string }).path);
const statements = new SqliteFeedStatements(database);

port.on('message', (request: FeedWorkerRequest) => {
  if (request.type === 'close') {
    database.close();
    port.postMessage({ seq: request.seq, ok: true } satisfies FeedWorkerReply);
    port.close();
    return;
  }
  try {
    let committed = () => {};
    runSyncTransaction(database, () => {
      committed = statements.write(request.feed);
    });
    committed();
    port.postMessage({ seq: request.seq, ok: true } satisfies FeedWorkerReply);
  } catch (error) {
    // Only the error's message crosses back: it names SQLite's problem, never a row.
    const message = error instanceof Error ? error.message : 'feed write failed';
    port.postMessage({ seq: request.seq, ok: false, message } satisfies FeedWorkerReply);
  }
});
