import type { Kysely, Transaction } from 'kysely';
import type { Dialect } from './connection.ts';
import type { Database } from './schema.ts';

let localEpoch = 0;

/** Moves with every verification-relevant write this process makes, so its own writes are seen at once. */
export function localChangeEpoch(): number {
  return localEpoch;
}

type Executor = Kysely<Database> | Transaction<Database>;

async function bump(db: Executor, id: number): Promise<number> {
  const { value } = await db
    .updateTable('change_counter')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('id', '=', id)
    .returning('value')
    .executeTakeFirstOrThrow();
  localEpoch += 1;
  return Number(value);
}

/**
 * Counts one write that can change a verification already made (a revocation, a roll, a tenant's plan or
 * status): caches of verified credentials empty when it moves. Call it inside the transaction that writes.
 */
export async function bumpChangeCounter(db: Executor): Promise<void> {
  await bump(db, CHANGE_COUNTER);
}

/**
 * The key directory's next sequence value, for an API key or tenant row written inside this transaction
 * (its `change_seq`); see migration 005. Creations take one; changes take one first, then bump the change
 * counter (one lock order everywhere). PostgreSQL has no key directory: 0, and no lock on a row every creation
 * would queue for.
 */
export async function nextDirectorySeq(db: Executor, dialect: Dialect): Promise<number> {
  return dialect === 'postgres' ? 0 : bump(db, DIRECTORY_SEQUENCE);
}

export const CHANGE_COUNTER = 1;
export const DIRECTORY_SEQUENCE = 2;
