import type { Selectable } from 'kysely';
import { type Page, type PageRequest, pageNewestFirst } from './pagination.ts';
import type { InstallationTable } from './schema.ts';
import type { Scope } from './scope.ts';

/** A tenant admin's approval of an OAuth client: the scopes granted, for which resource, by whom. */
export interface Installation {
  id: string;
  tenantId: string;
  clientId: string;
  appId: string | null;
  scopes: string[];
  resource: string | null;
  approvedBy: string;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

function toInstallation(row: Selectable<InstallationTable>): Installation {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    clientId: row.client_id,
    appId: row.app_id,
    scopes: JSON.parse(row.scopes) as string[],
    resource: row.resource,
    approvedBy: row.approved_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

export class InstallationStore {
  readonly #scope: Scope;

  constructor(scope: Scope) {
    this.#scope = scope;
  }

  async insert(installation: Installation): Promise<void> {
    await this.#scope.write((unit) =>
      unit.db
        .insertInto('installations')
        .values({
          id: installation.id,
          tenant_id: installation.tenantId,
          client_id: installation.clientId,
          app_id: installation.appId,
          scopes: JSON.stringify(installation.scopes),
          resource: installation.resource,
          approved_by: installation.approvedBy,
          created_at: installation.createdAt,
          updated_at: installation.updatedAt,
          deleted_at: null,
        })
        .execute(),
    );
  }

  /** An installation of the tenant, uninstalled ones included (their `deletedAt` says so). */
  async get(tenantId: string, id: string): Promise<Installation | undefined> {
    const row = await this.#scope.db
      .selectFrom('installations')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toInstallation(row);
  }

  /** The tenant's live installation of a client, if any. */
  async findLive(tenantId: string, clientId: string): Promise<Installation | undefined> {
    const row = await this.#scope.db
      .selectFrom('installations')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('client_id', '=', clientId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return row && toInstallation(row);
  }

  /** Whether the installation stands: the verify path asks for every token that names one. */
  async isLive(tenantId: string, id: string): Promise<boolean> {
    const row = await this.#scope.db
      .selectFrom('installations')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Live installations, newest first. */
  async list(tenantId: string, page: PageRequest): Promise<Page<Installation>> {
    const query = this.#scope.db
      .selectFrom('installations')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('deleted_at', 'is', null);
    return pageNewestFirst(query, page, toInstallation);
  }

  /** A new approval of an installed client: its scopes, resource and approver now. */
  async reapprove(
    tenantId: string,
    id: string,
    changes: { scopes: string[]; resource: string | null; approvedBy: string },
    now: number,
  ): Promise<void> {
    await this.#scope.write(async (unit) => {
      await unit.db
        .updateTable('installations')
        .set({
          scopes: JSON.stringify(changes.scopes),
          resource: changes.resource,
          approved_by: changes.approvedBy,
          updated_at: now,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
      // Tokens issued under the old grant keep their own scopes; nothing cached about them changes.
    });
  }

  /**
   * Uninstalls: stamps `deleted_at` and revokes every refresh token of the installation. The recorded change
   * empties every node's verified-token cache, so its access tokens are refused on the next request.
   * Returns false when there was no live installation.
   */
  async uninstall(tenantId: string, id: string, now: number): Promise<boolean> {
    return this.#scope.write(async (unit) => {
      const result = await unit.db
        .updateTable('installations')
        .set({ deleted_at: now, updated_at: now })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await unit.db
        .updateTable('refresh_tokens')
        .set({ revoked_at: now })
        .where('tenant_id', '=', tenantId)
        .where('installation_id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
      unit.changed({ kind: 'installation', tenantId, installationId: id });
      return true;
    });
  }
}
