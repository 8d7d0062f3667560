import type { Selectable } from 'kysely';
import type { ConsoleHandoffTable, SessionTable, UserTable } from './schema.ts';
import type { Scope } from './scope.ts';

/** A console session as shown: never the cookie or its hash. */
export interface Session {
  id: string;
  userId: string;
  method: 'password' | 'handoff' | 'invitation';
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  ip: string | null;
  userAgent: string | null;
}

export interface NewSession extends Session {
  tokenHash: string;
  pepperVersion: number;
}

/** What authenticating a cookie needs, in one read: the session and its user's status. */
export interface SessionForAuthentication {
  session: Session;
  userStatus: UserTable['status'];
}

export interface ConsoleHandoff {
  id: string;
  tenantId: string;
  userId: string;
  returnTo: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

function toSession(row: Selectable<SessionTable>): Session {
  return {
    id: row.id,
    userId: row.user_id,
    method: row.method as Session['method'],
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    ip: row.ip,
    userAgent: row.user_agent,
  };
}

function toHandoff(row: Selectable<ConsoleHandoffTable>): ConsoleHandoff {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    userId: row.user_id,
    returnTo: row.return_to,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
  };
}

/**
 * Console sessions and the platform's sign-in hand-offs. Sessions are read on every request that carries the
 * cookie, never cached, so ending one (or disabling its user) holds from the next request on every node.
 */
export class SessionStore {
  readonly #scope: Scope;

  constructor(scope: Scope) {
    this.#scope = scope;
  }

  async insert(session: NewSession): Promise<void> {
    await this.#scope.write((unit) =>
      unit.db
        .insertInto('sessions')
        .values({
          id: session.id,
          user_id: session.userId,
          token_hash: session.tokenHash,
          pepper_version: session.pepperVersion,
          method: session.method,
          created_at: session.createdAt,
          last_seen_at: session.lastSeenAt,
          expires_at: session.expiresAt,
          ip: session.ip,
          user_agent: session.userAgent,
        })
        .execute(),
    );
  }

  async findByTokenHash(tokenHash: string): Promise<SessionForAuthentication | undefined> {
    const row = await this.#scope.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .selectAll('s')
      .select('u.status as user_status')
      .where('s.token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? { session: toSession(row), userStatus: row.user_status } : undefined;
  }

  /** The user's sessions, newest first. */
  async listForUser(userId: string): Promise<Session[]> {
    const rows = await this.#scope.db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toSession);
  }

  /** Moves the idle clock on; never backwards. */
  async touch(sessionId: string, at: number): Promise<void> {
    await this.#scope.db
      .updateTable('sessions')
      .set({ last_seen_at: at })
      .where('id', '=', sessionId)
      .where('last_seen_at', '<', at)
      .execute();
  }

  /** Ends one session; whether it existed. */
  async delete(sessionId: string): Promise<boolean> {
    const result = await this.#scope.db.deleteFrom('sessions').where('id', '=', sessionId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Ends one of the user's sessions; whether it was theirs and existed. */
  async deleteForUser(userId: string, sessionId: string): Promise<boolean> {
    const result = await this.#scope.db
      .deleteFrom('sessions')
      .where('user_id', '=', userId)
      .where('id', '=', sessionId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Ends every session of the user ("sign out everywhere"); how many there were. */
  async deleteAllForUser(userId: string): Promise<number> {
    const result = await this.#scope.db
      .deleteFrom('sessions')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Sessions past their absolute end, or idle since `idleBefore`. */
  async deleteExpired(now: number, idleBefore: number): Promise<number> {
    const result = await this.#scope.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleBefore)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async insertHandoff(handoff: ConsoleHandoff & { tokenHash: string; pepperVersion: number }): Promise<void> {
    await this.#scope.write((unit) =>
      unit.db
        .insertInto('console_handoffs')
        .values({
          id: handoff.id,
          token_hash: handoff.tokenHash,
          pepper_version: handoff.pepperVersion,
          tenant_id: handoff.tenantId,
          user_id: handoff.userId,
          return_to: handoff.returnTo,
          created_at: handoff.createdAt,
          expires_at: handoff.expiresAt,
          used_at: null,
        })
        .execute(),
    );
  }

  async findHandoff(tokenHash: string): Promise<ConsoleHandoff | undefined> {
    const row = await this.#scope.db
      .selectFrom('console_handoffs')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? toHandoff(row) : undefined;
  }

  /** Marks a hand-off used; false when it already was (two openings race: one wins). */
  async useHandoff(handoffId: string, now: number): Promise<boolean> {
    const result = await this.#scope.db
      .updateTable('console_handoffs')
      .set({ used_at: now })
      .where('id', '=', handoffId)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
