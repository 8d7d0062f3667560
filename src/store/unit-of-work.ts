import { type Kysely, sql } from 'kysely';
import { bumpChangeCounter } from './change-counter.ts';
import type { Dialect } from './connection.ts';
import type { InvalidationBus } from './invalidation.ts';
import { INVALIDATION_CHANNEL, invalidationNotice } from './postgres-bus.ts';
import type { Database } from './schema.ts';
import type { Change, UnitScope } from './scope.ts';

/**
 * Opens units of work on one connection. A unit's writes, its activity rows and its outbox events commit in
 * one transaction or not at all. What the unit invalidates is derived here, once, from the changes it
 * recorded: any change moves the change counter inside the transaction (so every process's caches drop what
 * they hold; on PostgreSQL it also notifies every node's bus), and this process's bus hears of the commit at once.
 * A unit that wrote key-directory rows names their sequence values in the same notice, so every node's
 * directory reads just those rows. A unit that appended outbox events tells `outboxCommitted` after its commit,
 * so this process's webhook delivery looks at once rather than at its next poll.
 */
export function unitOpener(
  db: Kysely<Database>,
  dialect: Dialect,
  bus: InvalidationBus,
  outboxCommitted: () => void = () => {},
) {
  return async function openUnit<T>(work: (unit: UnitScope) => Promise<T>): Promise<T> {
    const changes: Change[] = [];
    const directorySeqs: number[] = [];
    let wroteOutbox = false;
    const value = await db.transaction().execute(async (trx) => {
      const unit: UnitScope = {
        db: trx,
        dialect,
        changed: (change) => {
          changes.push(change);
        },
        wroteDirectory: (seq) => {
          directorySeqs.push(seq);
        },
        wroteOutbox: () => {
          wroteOutbox = true;
        },
        write: (inner) => inner(unit),
      };
      const result = await work(unit);
      if (changes.length > 0) await bumpChangeCounter(trx);
      if (dialect === 'postgres' && (changes.length > 0 || directorySeqs.length > 0)) {
        // Delivered by PostgreSQL to every node's bus once, and only if, this transaction commits.
        const notice = invalidationNotice(changes.length > 0, directorySeqs);
        await sql`SELECT pg_notify(${INVALIDATION_CHANNEL}, ${notice})`.execute(trx);
      }
      return result;
    });
    bus.committed(changes, directorySeqs);
    if (wroteOutbox) outboxCommitted();
    return value;
  };
}
