import type { Selectable } from 'kysely';
import { nextDirectorySeq } from './change-counter.ts';
import { type Page, type PageRequest, pageNewestFirst } from './pagination.ts';
import type { TenantTable } from './schema.ts';
import type { Scope } from './scope.ts';

export type TenantStatus = TenantTable['status'];

export interface Tenant {
  id: string;
  name: string;
  planId: string;
  status: TenantStatus;
  createdAt: number;
  updatedAt: number;
}

export interface TenantChanges {
  name?: string;
  planId?: string;
  status?: TenantStatus;
}

function toTenant(row: Selectable<TenantTable>): Tenant {
  return {
    id: row.id,
    name: row.name,
    planId: row.plan_id,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class TenantStore {
  readonly #scope: Scope;

  constructor(scope: Scope) {
    this.#scope = scope;
  }

  /** A new tenant takes a directory sequence value: the key directory learns of it by its `change_seq`. */
  async insert(tenant: Tenant): Promise<void> {
    await this.#scope.write(async (unit) => {
      const changeSeq = await nextDirectorySeq(unit);
      await unit.db
        .insertInto('tenants')
        .values({
          id: tenant.id,
          name: tenant.name,
          plan_id: tenant.planId,
          status: tenant.status,
          created_at: tenant.createdAt,
          updated_at: tenant.updatedAt,
          change_seq: changeSeq,
        })
        .execute();
    });
  }

  async get(tenantId: string): Promise<Tenant | undefined> {
    const row = await this.#scope.db
      .selectFrom('tenants')
      .selectAll()
      .where('id', '=', tenantId)
      .executeTakeFirst();
    return row ? toTenant(row) : undefined;
  }

  /** Newest first. */
  async list(page: PageRequest): Promise<Page<Tenant>> {
    const query = this.#scope.db.selectFrom('tenants').selectAll();
    return pageNewestFirst(query, page, toTenant);
  }

  /** A plan or status change is a change verification sees: caches drop what they hold of the tenant. */
  async update(tenantId: string, changes: TenantChanges, now: number): Promise<Tenant | undefined> {
    await this.#scope.write(async (unit) => {
      const verificationChanges = changes.planId !== undefined || changes.status !== undefined;
      await unit.db
        .updateTable('tenants')
        .set({
          ...(changes.name === undefined ? {} : { name: changes.name }),
          ...(changes.planId === undefined ? {} : { plan_id: changes.planId }),
          ...(changes.status === undefined ? {} : { status: changes.status }),
          ...(verificationChanges ? { change_seq: await nextDirectorySeq(unit) } : {}),
          updated_at: now,
        })
        .where('id', '=', tenantId)
        .execute();
      if (verificationChanges) unit.changed({ kind: 'tenant', tenantId });
    });
    return this.get(tenantId);
  }

  /** Tenant ids per plan, for the retention sweep. */
  async idsByPlan(): Promise<Map<string, string[]>> {
    const rows = await this.#scope.db.selectFrom('tenants').select(['id', 'plan_id']).execute();
    const byPlan = new Map<string, string[]>();
    for (const row of rows) byPlan.set(row.plan_id, [...(byPlan.get(row.plan_id) ?? []), row.id]);
    return byPlan;
  }
}
