import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** Counts one verification-relevant write; call it inside the transaction that makes the write. */
export async function bumpChangeCounter(db: Kysely<Database> | Transaction<Database>): Promise<void> {
  await db
    .updateTable('change_counter')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}
