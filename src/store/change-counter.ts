import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

let localEpoch = 0;

/** Moves with every verification-relevant write this process makes, so its own writes are seen at once. */
export function localChangeEpoch(): number {
  return localEpoch;
}

/**
 * Counts one verification-relevant write; call it inside the transaction that makes the write. Returns the
 * counter's new value, which a changed API key or tenant records as its `change_seq`.
 */
export async function bumpChangeCounter(db: Kysely<Database> | Transaction<Database>): Promise<number> {
  const { value } = await db
    .updateTable('change_counter')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('id', '=', 1)
    .returning('value')
    .executeTakeFirstOrThrow();
  localEpoch += 1;
  return Number(value);
}
