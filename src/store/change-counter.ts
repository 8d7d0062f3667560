import type { Kysely } from 'kysely';
import type { Dialect } from './connection.ts';
import { CHANGE_COUNTER, DIRECTORY_SEQUENCE } from './invalidation.ts';
import type { Database } from './schema.ts';

async function bump(db: Kysely<Database>, id: number): Promise<number> {
  const { value } = await db
    .updateTable('change_counter')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('id', '=', id)
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(value);
}

/** Moves the change counter, inside the committing transaction: only `unit-of-work.ts` calls it. */
export async function bumpChangeCounter(db: Kysely<Database>): Promise<void> {
  await bump(db, CHANGE_COUNTER);
}

/**
 * The key directory's next sequence value, for an API key or tenant row written inside this transaction
 * (its `change_seq`); see migration 005. Taken before the unit moves the change counter at its end, so every
 * unit locks the two rows in one order. PostgreSQL has no key directory: 0, and no lock on a row every
 * creation would queue for.
 */
export async function nextDirectorySeq(db: Kysely<Database>, dialect: Dialect): Promise<number> {
  return dialect === 'postgres' ? 0 : bump(db, DIRECTORY_SEQUENCE);
}
