import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import {
  type ApiResponse,
  call,
  firstPlatformKey,
  makeTempDir,
  ROOT,
  removeDir,
  type ServerProcess,
  startServer,
} from '../server.ts';

// What the example-config stories share: each file under examples/configs/ started in the real server
// process, serving its seed's vocabulary and plans, and that platform's story told through the public HTTP API.

export const CONFIGS = join(ROOT, 'examples/configs');

/** The base62 tail of every generated credential: 24 random characters and a 6-character checksum. */
export const TAIL = '[0-9A-Za-z]{30}';

export interface ExampleConfig {
  scopes: Array<{ name: string; implies?: string[] }>;
  plans: Array<{ id: string; scopes: string[]; maxActiveKeys?: number; requestsPerMinute: number }>;
  defaultPlan: string;
  credentials: { authorizationSchemes?: Array<'ApiKey' | 'Bearer'> };
}

export function readExample(name: string): ExampleConfig {
  return JSON.parse(readFileSync(join(CONFIGS, name), 'utf8')) as ExampleConfig;
}

export interface ExampleServer {
  server(): ServerProcess;
  /** A call made with the first platform key as `Authorization: Bearer …`. */
  asPlatform(method: string, path: string, body?: unknown): Promise<ApiResponse>;
}

/** Starts a fresh server on `name`'s config for the enclosing `describe`, and stops it after. */
export function exampleServer(name: string): ExampleServer {
  const state = { server: undefined as ServerProcess | undefined, platform: '', dataDir: '' };
  before(async () => {
    state.dataDir = await makeTempDir(`example-${name.replace('.json', '')}`);
    state.server = await startServer(state.dataDir, { PORTCULLIS_CONFIG: join(CONFIGS, name) });
    state.platform = firstPlatformKey(state.server) as string;
    assert.ok(state.platform, 'the first start wrote a platform key');
  });
  after(async () => {
    await state.server?.stop();
    await removeDir(state.dataDir);
  });
  const server = () => state.server as ServerProcess;
  return {
    server,
    asPlatform: (method, path, body) =>
      call(server(), method, path, { auth: `Bearer ${state.platform}`, body }),
  };
}

/** `/api/v1/scopes` and `/api/v1/plans` serve exactly the file's vocabulary and plans. */
export async function assertServesVocabulary(server: ServerProcess, config: ExampleConfig): Promise<void> {
  const scopes = await call(server, 'GET', '/api/v1/scopes');
  assert.equal(scopes.status, 200, scopes.text);
  assert.deepEqual(
    scopes.body.items.map((scope: { name: string }) => scope.name).sort(),
    config.scopes.map((scope) => scope.name).sort(),
  );
  const plans = await call(server, 'GET', '/api/v1/plans');
  assert.equal(plans.status, 200, plans.text);
  assert.deepEqual(
    plans.body.items.map((plan: { id: string; scopes: string[]; requestsPerMinute: number }) => [
      plan.id,
      plan.scopes,
      plan.requestsPerMinute,
    ]),
    config.plans.map((plan) => [plan.id, plan.scopes, plan.requestsPerMinute]),
  );
}
