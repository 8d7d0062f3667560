import { type Kysely, sql } from 'kysely';
import { CHANGE_COUNTER, DIRECTORY_SEQUENCE } from './invalidation.ts';
import type { Database } from './schema.ts';
import type { UnitScope } from './scope.ts';

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
 * The key directory's next sequence value, for an API key or tenant row written inside this unit (its
 * `change_seq`), told to the unit so that its commit names it. SQLite: counter row 2 (migration 005), taken
 * before the unit moves the change counter at its end, so every unit locks the two rows in one order.
 * PostgreSQL: a sequence (migration 008), no lock on a row every creation of every node would queue for.
 */
export async function nextDirectorySeq(unit: UnitScope): Promise<number> {
  const seq =
    unit.dialect === 'postgres'
      ? Number(
          (await sql<{ seq: number }>`SELECT nextval('directory_seq') AS seq`.execute(unit.db)).rows[0]?.seq,
        )
      : await bump(unit.db, DIRECTORY_SEQUENCE);
  unit.wroteDirectory(seq);
  return seq;
}
