import { sql } from 'kysely';
import type { ClientJwks } from '../core/client-jwks.ts';
import { type Page, type PageRequest, pageNewestFirst } from './pagination.ts';
import type { AppTable } from './schema.ts';
import type { Scope } from './scope.ts';

/** A registered integration identity of one tenant. */
export interface App {
  id: string;
  tenantId: string;
  name: string;
  type: AppTable['type'];
  /** Exact origins (`https://app.example.com`) allowed for CORS on the OAuth endpoints. */
  allowedOrigins: string[];
  /** Exact redirect URIs for the authorization code flow. */
  redirectUris: string[];
  logoUrl: string | null;
  homepageUrl: string | null;
  /** `private`: installable only by its own tenant; `public`: by every tenant (set by the platform only). */
  visibility: AppTable['visibility'];
  /** `dynamic`: registered through RFC 7591 by whoever asked, not by the platform or a tenant. */
  registeredVia: AppTable['registered_via'];
  /** A confidential app's public keys: its clients authenticate with `private_key_jwt`, not secrets (decision 035). */
  jwks: ClientJwks | null;
  /** Or the URL its clients' keys are published at (RFC 7591 `jwks_uri`): registrations and documents only. */
  jwksUri: string | null;
  createdAt: number;
  updatedAt: number;
}

/**
 * What an update may change. `type` decides whether the app's clients hold secrets, so the API keeps it fixed; only
 * a metadata-document app follows its document (keys named or not), as it describes itself.
 */
export interface AppChanges {
  type?: AppTable['type'] | undefined;
  name?: string | undefined;
  allowedOrigins?: string[] | undefined;
  redirectUris?: string[] | undefined;
  logoUrl?: string | null | undefined;
  homepageUrl?: string | null | undefined;
  visibility?: AppTable['visibility'] | undefined;
  jwks?: ClientJwks | null | undefined;
  jwksUri?: string | null | undefined;
}

export type DeleteAppResult = 'deleted' | 'not_found' | 'has_clients';

function toApp(row: AppTable): App {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    type: row.type,
    allowedOrigins: JSON.parse(row.allowed_origins) as string[],
    redirectUris: JSON.parse(row.redirect_uris) as string[],
    logoUrl: row.logo_url,
    homepageUrl: row.homepage_url,
    visibility: row.visibility,
    registeredVia: row.registered_via,
    jwks: row.jwks === null ? null : (JSON.parse(row.jwks) as ClientJwks),
    jwksUri: row.jwks_uri,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class AppStore {
  readonly #scope: Scope;

  constructor(scope: Scope) {
    this.#scope = scope;
  }

  async insert(app: App): Promise<void> {
    await this.#scope.write((unit) =>
      unit.db
        .insertInto('apps')
        .values({
          id: app.id,
          tenant_id: app.tenantId,
          name: app.name,
          type: app.type,
          allowed_origins: JSON.stringify(app.allowedOrigins),
          redirect_uris: JSON.stringify(app.redirectUris),
          logo_url: app.logoUrl,
          homepage_url: app.homepageUrl,
          visibility: app.visibility,
          registered_via: app.registeredVia,
          jwks: app.jwks === null ? null : JSON.stringify(app.jwks),
          jwks_uri: app.jwksUri,
          created_at: app.createdAt,
          updated_at: app.updatedAt,
        })
        .execute(),
    );
  }

  /**
   * Whether any app lists `origin` among its allowed origins: answers CORS preflights on the OAuth endpoints,
   * which arrive before any client is known. Origins are stored as exact JSON strings, so an exact quoted
   * match needs no parsing; LIKE wildcards in the origin are escaped.
   */
  async anyAllowsOrigin(origin: string): Promise<boolean> {
    const pattern = `%${JSON.stringify(origin).replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    const row = await this.#scope.db
      .selectFrom('apps')
      .select('id')
      .where(sql<boolean>`allowed_origins LIKE ${pattern} ESCAPE '\\'`)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async get(tenantId: string, appId: string): Promise<App | undefined> {
    const row = await this.#scope.db
      .selectFrom('apps')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', appId)
      .executeTakeFirst();
    return row ? toApp(row) : undefined;
  }

  /** Newest first. */
  async list(tenantId: string, page: PageRequest): Promise<Page<App>> {
    const query = this.#scope.db.selectFrom('apps').selectAll().where('tenant_id', '=', tenantId);
    return pageNewestFirst(query, page, toApp);
  }

  /** Applies the given fields; returns the app as it now is, or undefined when the tenant has no such app. */
  async update(tenantId: string, appId: string, changes: AppChanges, now: number): Promise<App | undefined> {
    const values: Partial<AppTable> = { updated_at: now };
    if (changes.name !== undefined) values.name = changes.name;
    if (changes.type !== undefined) values.type = changes.type;
    if (changes.allowedOrigins !== undefined) values.allowed_origins = JSON.stringify(changes.allowedOrigins);
    if (changes.redirectUris !== undefined) values.redirect_uris = JSON.stringify(changes.redirectUris);
    if (changes.logoUrl !== undefined) values.logo_url = changes.logoUrl;
    if (changes.homepageUrl !== undefined) values.homepage_url = changes.homepageUrl;
    if (changes.visibility !== undefined) values.visibility = changes.visibility;
    if (changes.jwks !== undefined) values.jwks = changes.jwks === null ? null : JSON.stringify(changes.jwks);
    if (changes.jwksUri !== undefined) values.jwks_uri = changes.jwksUri;
    await this.#scope.write(async (unit) => {
      await unit.db
        .updateTable('apps')
        .set(values)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', appId)
        .execute();
      // How the app's clients authenticate changed: every node's authenticated-client cache must forget them.
      if (changes.jwks !== undefined || changes.jwksUri !== undefined || changes.type !== undefined) {
        unit.changed({ kind: 'app', tenantId, appId });
      }
    });
    return this.get(tenantId, appId);
  }

  /**
   * Deletes an app that no live client belongs to. Deleted clients keep their row for audit but let go of
   * the app (their `app_id` becomes null), since the row they point at goes away.
   */
  async delete(tenantId: string, appId: string): Promise<DeleteAppResult> {
    return this.#scope.write(async (unit) => {
      const trx = unit.db;
      let lookup = trx
        .selectFrom('apps')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', appId);
      // Locks the app so a client created at the same time either commits first (and is counted below) or
      // waits and then fails its foreign key, instead of this delete failing on it.
      if (unit.dialect === 'postgres') lookup = lookup.forUpdate();
      if (!(await lookup.executeTakeFirst())) return 'not_found';
      const { count } = await trx
        .selectFrom('clients')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('tenant_id', '=', tenantId)
        .where('app_id', '=', appId)
        .where('status', '!=', 'deleted')
        .executeTakeFirstOrThrow();
      if (Number(count) > 0) return 'has_clients';
      await trx
        .updateTable('clients')
        .set({ app_id: null })
        .where('tenant_id', '=', tenantId)
        .where('app_id', '=', appId)
        .execute();
      // Keys only name the app they serve: they keep working without it.
      await trx
        .updateTable('api_keys')
        .set({ app_id: null })
        .where('tenant_id', '=', tenantId)
        .where('app_id', '=', appId)
        .execute();
      // Installations keep their history, in any tenant (a public app is installed beyond its own).
      await trx.updateTable('installations').set({ app_id: null }).where('app_id', '=', appId).execute();
      await trx.deleteFrom('apps').where('tenant_id', '=', tenantId).where('id', '=', appId).execute();
      return 'deleted';
    });
  }
}

/**
 * Whether `appId` names an app of the tenant, inside the unit that is about to point a client or key at it. On
 * PostgreSQL the app row is share-locked: an app delete in flight (which locks it for update) finishes first, and
 * the app is then seen gone; a delete that comes later waits for this unit, then lets go of what it pointed.
 */
export async function appExistsForReference(unit: Scope, tenantId: string, appId: string): Promise<boolean> {
  let app = unit.db.selectFrom('apps').select('id').where('tenant_id', '=', tenantId).where('id', '=', appId);
  if (unit.dialect === 'postgres') app = app.forShare();
  return (await app.executeTakeFirst()) !== undefined;
}
