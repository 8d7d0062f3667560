import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

let localEpoch = 0;

/** Moves with every verification-relevant write this process makes, so its own writes are seen at once. */
export function localChangeEpoch(): number {
  return localEpoch;
}

/** Counts one verification-relevant write; call it inside the transaction that makes the write. */
export async function bumpChangeCounter(db: Kysely<Database> | Transaction<Database>): Promise<void> {
  await db
    .updateTable('change_counter')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('id', '=', 1)
    .execute();
  localEpoch += 1;
}
