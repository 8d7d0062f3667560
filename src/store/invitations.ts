import type { Selectable } from 'kysely';
import { type Page, type PageRequest, pageNewestFirst } from './pagination.ts';
import type { InvitationTable } from './schema.ts';
import type { Scope } from './scope.ts';
import type { Role } from './users.ts';

export interface Invitation {
  id: string;
  tenantId: string;
  email: string;
  role: Role;
  createdAt: number;
  expiresAt: number;
  acceptedAt: number | null;
  acceptedBy: string | null;
  revokedAt: number | null;
}

function toInvitation(row: Omit<Selectable<InvitationTable>, 'token_hash' | 'pepper_version'>): Invitation {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    email: row.email,
    role: row.role,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    acceptedBy: row.accepted_by,
    revokedAt: row.revoked_at,
  };
}

const PUBLIC_COLUMNS = [
  'id',
  'tenant_id',
  'email',
  'role',
  'created_at',
  'expires_at',
  'accepted_at',
  'accepted_by',
  'revoked_at',
] as const;

/** Invitations into a tenant: only the token's hash is stored. */
export class InvitationStore {
  readonly #scope: Scope;

  constructor(scope: Scope) {
    this.#scope = scope;
  }

  async insert(invitation: Invitation & { tokenHash: string; pepperVersion: number }): Promise<void> {
    await this.#scope.write((unit) =>
      unit.db
        .insertInto('invitations')
        .values({
          id: invitation.id,
          tenant_id: invitation.tenantId,
          email: invitation.email,
          role: invitation.role,
          token_hash: invitation.tokenHash,
          pepper_version: invitation.pepperVersion,
          created_at: invitation.createdAt,
          expires_at: invitation.expiresAt,
          accepted_at: null,
          accepted_by: null,
          revoked_at: null,
        })
        .execute(),
    );
  }

  /** The one read without a tenant id: the token names its invitation, and with it the tenant. */
  async findByTokenHash(tokenHash: string): Promise<Invitation | undefined> {
    const row = await this.#scope.db
      .selectFrom('invitations')
      .select(PUBLIC_COLUMNS)
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? toInvitation(row) : undefined;
  }

  async get(tenantId: string, invitationId: string): Promise<Invitation | undefined> {
    const row = await this.#scope.db
      .selectFrom('invitations')
      .select(PUBLIC_COLUMNS)
      .where('tenant_id', '=', tenantId)
      .where('id', '=', invitationId)
      .executeTakeFirst();
    return row ? toInvitation(row) : undefined;
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<Invitation>> {
    const query = this.#scope.db
      .selectFrom('invitations')
      .select(PUBLIC_COLUMNS)
      .where('tenant_id', '=', tenantId);
    return pageNewestFirst(query, page, toInvitation);
  }

  /** Marks it accepted; false when it was accepted or revoked meanwhile (single use). */
  async accept(invitationId: string, userId: string, now: number): Promise<boolean> {
    const result = await this.#scope.db
      .updateTable('invitations')
      .set({ accepted_at: now, accepted_by: userId })
      .where('id', '=', invitationId)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Revokes an open invitation of the tenant; false when there is none to revoke. */
  async revoke(tenantId: string, invitationId: string, now: number): Promise<boolean> {
    const result = await this.#scope.db
      .updateTable('invitations')
      .set({ revoked_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', invitationId)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
