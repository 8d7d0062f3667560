import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The key model of decision 033: a key's `meta` (a JSON object, as text), the platform's own `external_id` of
 * its owner, and a per-key rate-limit override (`rate_limit_per_minute`, null: the plan's rate). Verification
 * reads all three, so they travel with the key's directory row. Usage credits (`credits_*`): verify reads only
 * whether a key counts them; the count itself is written by the calls that spend it.
 */
export const keyModelMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('api_keys').addColumn('meta', 'text').execute();
    await db.schema.alterTable('api_keys').addColumn('external_id', 'text').execute();
    await db.schema.alterTable('api_keys').addColumn('rate_limit_per_minute', 'integer').execute();
    // Usage credits: what is left (null: not counted), the refill (amount and 'day' | 'month') and when the
    // count was last refilled.
    await db.schema.alterTable('api_keys').addColumn('credits_remaining', 'bigint').execute();
    await db.schema.alterTable('api_keys').addColumn('credits_refill_amount', 'bigint').execute();
    await db.schema.alterTable('api_keys').addColumn('credits_refill_interval', 'text').execute();
    await db.schema.alterTable('api_keys').addColumn('credits_refilled_at', 'bigint').execute();
  },
};
