import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import pino from 'pino';
import { loadConfig } from '../config/load.ts';
import { buildApp } from '../http/app.ts';
import { buildServiceContext } from '../services/build-context.ts';
import { openStore } from '../store/index.ts';

/**
 * The console's typed client is generated from the server's own `/openapi.json`, so a route or field the
 * console uses and the API lacks fails the type check. `npm run generate:console-api` rewrites the file; a test
 * fails when the committed file is not what the current API generates.
 */
export const API_TYPES_FILE = fileURLToPath(new URL('./web/api/openapi.d.ts', import.meta.url));

const HEADER = '// Generated from /openapi.json by `npm run generate:console-api`; do not edit.\n\n';

/** The OpenAPI document of an app on the default config (an in-memory database, throwaway secrets). */
export async function currentOpenApiDocument(): Promise<unknown> {
  const config = loadConfig({ object: {}, env: {} });
  const store = await openStore({ sqlitePath: ':memory:' });
  const context = buildServiceContext({
    config,
    store,
    pepper: `1:${randomBytes(32).toString('base64')}`,
    masterKey: new Uint8Array(randomBytes(32)),
  });
  const app = await buildApp({ context, config, logger: pino({ level: 'silent' }) });
  try {
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    return JSON.parse(response.body);
  } finally {
    await app.close();
    await context.requestFeed.close();
    await store.close();
  }
}

/** The typings the current API generates. */
export async function generateApiTypes(): Promise<string> {
  const document = await currentOpenApiDocument();
  // biome-ignore lint/suspicious/noExplicitAny: openapi-typescript takes the parsed document as it is.
  const ast = await openapiTS(document as any);
  return HEADER + astToString(ast);
}

export function committedApiTypes(): string {
  return readFileSync(API_TYPES_FILE, 'utf8');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(API_TYPES_FILE, await generateApiTypes());
  console.log(`wrote ${API_TYPES_FILE}`);
}
