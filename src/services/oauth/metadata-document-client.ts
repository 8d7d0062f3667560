import { redirectOrigins } from '../../core/app-urls.ts';
import { type ClientMetadataDocument, documentRowIds } from '../../core/client-metadata-document.ts';
import { isManagementPermission } from '../../core/management-permissions.ts';
import type { App, Client, StoreUnit } from '../../store/index.ts';
import { recordActivity } from '../audit/activity.ts';
import type { ServiceContext } from '../context.ts';
import { resolveClientMetadataDocument } from './client-metadata-documents.ts';

/**
 * A metadata-document client as Portcullis holds it (decision 031): an app (`registeredVia:
 * metadata_document`, `public`, installable by every tenant) and a public client in the registration tenant,
 * under ids derived from the URL. Until a first approval they exist only in memory, built from the document;
 * `stored` says whether the rows are there.
 */
export interface DocumentClient {
  url: string;
  document: ClientMetadataDocument;
  app: App;
  client: Client;
  stored: boolean;
}

export type DocumentClientResult = { ok: true; found: DocumentClient } | { ok: false; problem: string };

/** The scopes such a client may ask for: the document's known vocabulary scopes, or every one if it names none. */
function scopesOf(context: ServiceContext, document: ClientMetadataDocument): string[] {
  const vocabulary = [...context.model.vocabulary.names].filter((scope) => !isManagementPermission(scope));
  return document.scope === undefined
    ? vocabulary
    : document.scope.filter((scope) => vocabulary.includes(scope));
}

/**
 * The client a `client_id` URL names: its document (cached per node), and its rows as the document describes
 * them now. Refused when documents are off, the registration tenant is not set up or not active, or the stored
 * client was suspended or deleted (an operator's way to block one URL).
 */
export async function documentClient(context: ServiceContext, url: string): Promise<DocumentClientResult> {
  const resolution = await resolveClientMetadataDocument(context, url);
  if (!resolution.ok) return { ok: false, problem: resolution.problem };
  const { document } = resolution;
  const tenantId = context.oauth.registration.tenantId;
  const tenant = tenantId === undefined ? undefined : await context.store.tenants.get(tenantId);
  if (tenant?.status !== 'active')
    return { ok: false, problem: 'this platform does not accept apps that describe themselves' };
  const ids = documentRowIds(url);
  const storedClient = await context.store.clients.get(tenant.id, ids.clientId);
  if (storedClient && storedClient.status !== 'active')
    return { ok: false, problem: 'this app has been blocked by the platform' };
  const storedApp = await context.store.apps.get(tenant.id, ids.appId);
  const now = context.clock.now();
  const app: App = {
    id: ids.appId,
    tenantId: tenant.id,
    visibility: 'public',
    createdAt: now,
    ...storedApp,
    name: document.name,
    redirectUris: document.redirectUris,
    allowedOrigins: redirectOrigins(document.redirectUris),
    logoUrl: document.logoUri,
    homepageUrl: document.clientUri,
    registeredVia: 'metadata_document',
    // A document that names keys makes a confidential client: it authenticates with `private_key_jwt`.
    type: document.jwks || document.jwksUri ? 'confidential' : 'public',
    jwks: document.jwks,
    jwksUri: document.jwksUri,
    updatedAt: storedApp?.updatedAt ?? now,
  };
  const client: Client = {
    id: ids.clientId,
    tenantId: tenant.id,
    appId: ids.appId,
    mode: 'live',
    status: 'active',
    expiresAt: null,
    createdAt: now,
    deletedAt: null,
    ...storedClient,
    // The client's name is its document's URL: operators see where each one comes from.
    name: url.slice(0, 2000),
    scopes: scopesOf(context, document),
    updatedAt: storedClient?.updatedAt ?? now,
  };
  return {
    ok: true,
    found: { url, document, app, client, stored: storedClient !== undefined && storedApp !== undefined },
  };
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, index) => item === b[index]);

/**
 * Writes a document client's rows in the approval's unit: inserts them the first time, and afterwards
 * refreshes the name, logo, homepage, redirect URIs, keys (and with them the type) and scopes when the document
 * changed.
 */
export async function storeDocumentClient(
  unit: StoreUnit,
  found: DocumentClient,
  now: number,
): Promise<void> {
  const { app, client } = found;
  const storedApp = await unit.apps.get(app.tenantId, app.id);
  if (!storedApp) {
    await unit.apps.insert({ ...app, createdAt: now, updatedAt: now });
  } else if (
    storedApp.name !== app.name ||
    storedApp.type !== app.type ||
    storedApp.logoUrl !== app.logoUrl ||
    storedApp.homepageUrl !== app.homepageUrl ||
    !sameList(storedApp.redirectUris, app.redirectUris) ||
    !sameList(storedApp.allowedOrigins, app.allowedOrigins) ||
    JSON.stringify(storedApp.jwks) !== JSON.stringify(app.jwks) ||
    storedApp.jwksUri !== app.jwksUri
  ) {
    await unit.apps.update(
      app.tenantId,
      app.id,
      {
        name: app.name,
        type: app.type,
        logoUrl: app.logoUrl,
        homepageUrl: app.homepageUrl,
        redirectUris: app.redirectUris,
        allowedOrigins: app.allowedOrigins,
        jwks: app.jwks,
        jwksUri: app.jwksUri,
      },
      now,
    );
  }
  const storedClient = await unit.clients.get(client.tenantId, client.id);
  if (!storedClient) {
    await unit.clients.insert({ ...client, createdAt: now, updatedAt: now }, undefined);
    await recordActivity(unit, { type: 'client', id: client.id, ip: null }, now, {
      tenantId: client.tenantId,
      action: 'client.registered',
      targetType: 'client',
      targetId: client.id,
      mode: 'live',
      details: {
        appId: app.id,
        name: app.name,
        redirectUris: app.redirectUris,
        scopes: client.scopes,
        authMethod: app.jwks || app.jwksUri ? 'private_key_jwt' : 'none',
        metadataDocument: found.url,
      },
    });
  } else if (!sameList(storedClient.scopes, client.scopes)) {
    await unit.clients.update(client.tenantId, client.id, { scopes: client.scopes }, now);
  }
}

/**
 * The `client_id` a stored client's tokens carry: a metadata-document client's URL (its name, whose derived id
 * is the stored one), else the stored id.
 */
export async function tokenClientIdOf(context: ServiceContext, storedId: string): Promise<string> {
  const tenantId = context.oauth.registration.tenantId;
  if (tenantId === undefined) return storedId;
  const client = await context.store.clients.get(tenantId, storedId);
  if (!client?.appId) return storedId;
  const app = await context.store.apps.get(tenantId, client.appId);
  return app?.registeredVia === 'metadata_document' && documentRowIds(client.name).clientId === storedId
    ? client.name
    : storedId;
}
