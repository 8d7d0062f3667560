import type { Selectable } from 'kysely';
import { type Page, type PageRequest, pageNewestFirst } from './pagination.ts';
import type { WebhookEndpointTable } from './schema.ts';
import type { Scope } from './scope.ts';

/** A tenant's webhook endpoint. The secrets are sealed (`core/sealed-box.ts`); the plaintext is never kept. */
export interface WebhookEndpoint {
  id: string;
  tenantId: string;
  url: string;
  description: string;
  mode: 'live' | 'test';
  /** Event types and prefix patterns (`key.*`, `*`) it subscribes to. */
  events: string[];
  secretSealed: string;
  /** The secret before the last rotation, still signing until `previousSecretExpiresAt`. */
  previousSecretSealed: string | null;
  previousSecretExpiresAt: number | null;
  disabledAt: number | null;
  disabledReason: string | null;
  failingSince: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface WebhookEndpointChanges {
  url?: string | undefined;
  events?: string[] | undefined;
  description?: string | undefined;
  /** true disables (by the tenant), false enables and forgets past failures. */
  disabled?: boolean | undefined;
}

function toEndpoint(row: Selectable<WebhookEndpointTable>): WebhookEndpoint {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    url: row.url,
    description: row.description,
    mode: row.mode,
    events: JSON.parse(row.events) as string[],
    secretSealed: row.secret_sealed,
    previousSecretSealed: row.previous_secret_sealed,
    previousSecretExpiresAt: row.previous_secret_expires_at,
    disabledAt: row.disabled_at,
    disabledReason: row.disabled_reason,
    failingSince: row.failing_since,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Webhook endpoints, by tenant. */
export class WebhookEndpointStore {
  readonly #scope: Scope;

  constructor(scope: Scope) {
    this.#scope = scope;
  }

  async insert(endpoint: WebhookEndpoint): Promise<void> {
    await this.#scope.write((unit) =>
      unit.db
        .insertInto('webhook_endpoints')
        .values({
          id: endpoint.id,
          tenant_id: endpoint.tenantId,
          url: endpoint.url,
          description: endpoint.description,
          mode: endpoint.mode,
          events: JSON.stringify(endpoint.events),
          secret_sealed: endpoint.secretSealed,
          previous_secret_sealed: endpoint.previousSecretSealed,
          previous_secret_expires_at: endpoint.previousSecretExpiresAt,
          disabled_at: endpoint.disabledAt,
          disabled_reason: endpoint.disabledReason,
          failing_since: endpoint.failingSince,
          created_at: endpoint.createdAt,
          updated_at: endpoint.updatedAt,
        })
        .execute(),
    );
  }

  async get(tenantId: string, id: string): Promise<WebhookEndpoint | undefined> {
    const row = await this.#scope.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toEndpoint(row);
  }

  /** A tenant's endpoints, newest first; with `mode`, only those of that mode. */
  list(tenantId: string, page: PageRequest, mode?: 'live' | 'test'): Promise<Page<WebhookEndpoint>> {
    let query = this.#scope.db.selectFrom('webhook_endpoints').selectAll().where('tenant_id', '=', tenantId);
    if (mode) query = query.where('mode', '=', mode);
    return pageNewestFirst(query, page, toEndpoint);
  }

  /** The enabled endpoints of a tenant in one mode: where its events of that mode go. */
  async enabled(tenantId: string, mode: 'live' | 'test'): Promise<WebhookEndpoint[]> {
    const rows = await this.#scope.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('mode', '=', mode)
      .where('disabled_at', 'is', null)
      .execute();
    return rows.map(toEndpoint);
  }

  /** Endpoints by id, whatever their tenant: the delivery worker's read (each delivery names its tenant). */
  async byIds(ids: readonly string[]): Promise<WebhookEndpoint[]> {
    if (ids.length === 0) return [];
    const rows = await this.#scope.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('id', 'in', ids)
      .execute();
    return rows.map(toEndpoint);
  }

  async update(
    tenantId: string,
    id: string,
    changes: WebhookEndpointChanges,
    now: number,
  ): Promise<WebhookEndpoint | undefined> {
    return this.#scope.write(async (unit) => {
      const values: Partial<WebhookEndpointTable> = { updated_at: now };
      if (changes.url !== undefined) values.url = changes.url;
      if (changes.events !== undefined) values.events = JSON.stringify(changes.events);
      if (changes.description !== undefined) values.description = changes.description;
      if (changes.disabled === true) {
        values.disabled_at = now;
        values.disabled_reason = 'manual';
      } else if (changes.disabled === false) {
        values.disabled_at = null;
        values.disabled_reason = null;
        values.failing_since = null;
      }
      const result = await unit.db
        .updateTable('webhook_endpoints')
        .set(values)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return undefined;
      return new WebhookEndpointStore(unit).get(tenantId, id);
    });
  }

  async rotateSecret(
    tenantId: string,
    id: string,
    secretSealed: string,
    previous: { sealed: string; expiresAt: number } | null,
    now: number,
  ): Promise<boolean> {
    return this.#scope.write(async (unit) => {
      const result = await unit.db
        .updateTable('webhook_endpoints')
        .set({
          secret_sealed: secretSealed,
          previous_secret_sealed: previous?.sealed ?? null,
          previous_secret_expires_at: previous?.expiresAt ?? null,
          updated_at: now,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    });
  }

  /** Deletes the endpoint and its deliveries with their attempts. */
  async delete(tenantId: string, id: string): Promise<boolean> {
    return this.#scope.write(async (unit) => {
      const deliveries = unit.db
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('endpoint_id', '=', id);
      await unit.db.deleteFrom('webhook_attempts').where('delivery_id', 'in', deliveries).execute();
      await unit.db
        .deleteFrom('webhook_deliveries')
        .where('tenant_id', '=', tenantId)
        .where('endpoint_id', '=', id)
        .execute();
      const result = await unit.db
        .deleteFrom('webhook_endpoints')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    });
  }

  /** After an attempt: a success clears the failing streak, a failure starts one if none is running. */
  async recordOutcome(id: string, succeeded: boolean, now: number): Promise<void> {
    await this.#scope.write(async (unit) => {
      const query = unit.db.updateTable('webhook_endpoints').where('id', '=', id);
      if (succeeded)
        await query.set({ failing_since: null }).where('failing_since', 'is not', null).execute();
      else await query.set({ failing_since: now }).where('failing_since', 'is', null).execute();
    });
  }

  /** Disables an enabled endpoint; false when it was already disabled or is gone. */
  async disable(id: string, reason: string, now: number): Promise<boolean> {
    return this.#scope.write(async (unit) => {
      const result = await unit.db
        .updateTable('webhook_endpoints')
        .set({ disabled_at: now, disabled_reason: reason, updated_at: now })
        .where('id', '=', id)
        .where('disabled_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    });
  }
}
