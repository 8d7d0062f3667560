import type { DatabaseSync } from 'node:sqlite';
import type { Kysely } from 'kysely';
import type { Dialect } from './connection.ts';
import type { Database } from './schema.ts';

/**
 * A committed write that can change a verification already made. A unit of work records each one as it
 * writes; at commit the unit derives from them what every cache must drop (`unit-of-work.ts`).
 */
export type Change =
  | { kind: 'tenant'; tenantId: string }
  | { kind: 'api_key'; tenantId: string; keyId: string }
  | { kind: 'client'; tenantId: string; clientId: string }
  | { kind: 'platform_key'; keyId: string }
  | { kind: 'access_token'; tenantId: string; jti: string }
  | { kind: 'management_key'; tenantId: string; keyId: string }
  /** A user disabled or re-enabled: their sessions and personal tokens stand or fall with it. */
  | { kind: 'user'; userId: string }
  /** A membership created, changed or removed: what the user's tokens may do in that tenant. */
  | { kind: 'membership'; tenantId: string; userId: string }
  | { kind: 'personal_token'; userId: string; tokenId: string }
  /** An installation removed: every token issued under it stops. */
  | { kind: 'installation'; tenantId: string; installationId: string }
  /** An app's keys changed: its clients authenticate with keys or with secrets from now on (decision 035). */
  | { kind: 'app'; tenantId: string; appId: string }
  /** A signing key created, retired or expired: every node rereads its ring. */
  | { kind: 'signing_key'; kid: string };

/** Where an aggregate's queries run: the store's own connection, or the transaction of one unit of work. */
export interface Scope {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** The embedded database itself, for the hot-path reads that skip the query builder (top level only). */
  readonly sqlite?: DatabaseSync | undefined;
  /** Runs `work` in a unit of work: the one this scope belongs to, or a new one at the top level. */
  write<T>(work: (unit: UnitScope) => Promise<T>): Promise<T>;
}

/** The scope of one unit of work: its transaction, and what it has changed so far. */
export interface UnitScope extends Scope {
  changed(change: Change): void;
  /** A key-directory sequence value this unit wrote on an API key or tenant row (`change-counter.ts`). */
  wroteDirectory(seq: number): void;
  /** An outbox event was appended: once the unit commits, this process's webhook delivery is told. */
  wroteOutbox(): void;
}
