import { z } from 'zod';
import { loadConfig } from '../config/load.ts';
import { cidrSchema, isoDateTime, modeSchema, nameSchema, scopeSchema } from '../http/schemas.ts';
import { localPrincipal } from '../services/access/principal.ts';
import { issueKey } from '../services/keys/issue.ts';
import { revokeKey } from '../services/keys/manage.ts';
import { createTenant } from '../services/tenants/manage.ts';
import { checkConnection, migrateToLatest, openConnection } from '../store/index.ts';
import { checkFlag, parseFlags, splitList, UsageError } from './args.ts';
import { connectionTarget, createLogger, ensurePlatformKey, openRuntime, type Runtime } from './runtime.ts';
import { type RunningServer, startServer } from './server.ts';

type Output = (text: string) => void;

/** Opens the configured runtime for one command and closes it afterwards. */
export async function withRuntime<T>(
  configPath: string | undefined,
  run: (runtime: Runtime) => Promise<T>,
): Promise<T> {
  const runtime = await openRuntime(loadConfig({ path: configPath }));
  try {
    return await run(runtime);
  } finally {
    await runtime.close();
  }
}

export async function serveCommand(argv: string[], out: Output): Promise<void> {
  const flags = parseFlags(argv, {});
  const config = loadConfig({ path: flags.config });
  const logger = createLogger(config);
  const runtime = await openRuntime(config, logger);
  let platformKey: string | undefined;
  let server: RunningServer;
  try {
    platformKey = await ensurePlatformKey(runtime);
    server = await startServer(runtime, logger);
  } catch (error) {
    await runtime.close();
    throw error;
  }
  if (platformKey) {
    out(`Platform management key (shown once, store it now):\n  ${platformKey}\n`);
  }
  out(`Portcullis listening on ${server.url}\n`);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

export async function initCommand(argv: string[], out: Output): Promise<number> {
  const flags = parseFlags(argv, {});
  return withRuntime(flags.config, async (runtime) => {
    const platformKey = await ensurePlatformKey(runtime);
    if (!platformKey) {
      out(
        flags.json
          ? `${JSON.stringify({ error: 'already_initialised' })}\n`
          : 'Already initialised: a platform key exists.\n',
      );
      return 1;
    }
    out(
      flags.json
        ? `${JSON.stringify({ platformKey })}\n`
        : `Initialised ${runtime.config.dataDir}\nPlatform management key (shown once, store it now):\n  ${platformKey}\n`,
    );
    return 0;
  });
}

export async function migrateCommand(argv: string[], out: Output): Promise<void> {
  const flags = parseFlags(argv, {});
  const config = loadConfig({ path: flags.config });
  const target = connectionTarget(config);
  const connection = openConnection(target);
  try {
    await checkConnection(connection, target);
    const applied = await migrateToLatest(connection);
    out(
      flags.json
        ? `${JSON.stringify({ applied })}\n`
        : `Applied ${applied.length} migration(s)${applied.length ? `: ${applied.join(', ')}` : ''}\n`,
    );
  } finally {
    await connection.db.destroy();
  }
}

export async function tenantsCommand(argv: string[], out: Output): Promise<void> {
  const [action, ...rest] = argv;
  if (action !== 'create') throw new UsageError('usage: portcullis tenants create --name NAME [--plan PLAN]');
  const flags = parseFlags(rest, { name: { type: 'string' }, plan: { type: 'string' } });
  const name = checkFlag('name', nameSchema, flags.name);
  const plan = checkFlag('plan', z.string().max(64).optional(), flags.plan);
  await withRuntime(flags.config, async (runtime) => {
    const tenant = await createTenant(runtime.context, localPrincipal, { name, plan });
    out(
      flags.json
        ? `${JSON.stringify({ id: tenant.id, name: tenant.name, plan: tenant.planId, status: tenant.status })}\n`
        : `Created tenant ${tenant.id} (${tenant.name}) on plan ${tenant.planId}\n`,
    );
  });
}

export async function keysCommand(argv: string[], out: Output): Promise<void> {
  const [action, ...rest] = argv;
  const spec = {
    tenant: { type: 'string' },
    key: { type: 'string' },
    name: { type: 'string' },
    mode: { type: 'string' },
    type: { type: 'string' },
    scopes: { type: 'string' },
    'expires-at': { type: 'string' },
    'ip-allowlist': { type: 'string' },
  } as const;
  const flags = parseFlags(rest, spec);
  const tenantId = checkFlag('tenant', z.string().min(1).max(64), flags.tenant);
  if (action === 'create') {
    const input = {
      name: checkFlag('name', nameSchema, flags.name),
      mode: checkFlag('mode', modeSchema.default('live'), flags.mode),
      type: checkFlag('type', z.enum(['secret', 'restricted']).default('secret'), flags.type),
      scopes: checkFlag('scopes', z.array(scopeSchema).min(1).optional(), splitList(flags.scopes)),
      expiresAt: checkFlag('expires-at', isoDateTime.optional(), flags['expires-at']),
      ipAllowlist: checkFlag(
        'ip-allowlist',
        z.array(cidrSchema).optional(),
        splitList(flags['ip-allowlist']),
      ),
    };
    await withRuntime(flags.config, async (runtime) => {
      const issued = await issueKey(runtime.context, localPrincipal, tenantId, input);
      out(
        flags.json
          ? `${JSON.stringify({ id: issued.key.id, key: issued.plaintext })}\n`
          : `Created key ${issued.key.id} (shown once, store it now):\n  ${issued.plaintext}\n`,
      );
    });
    return;
  }
  if (action === 'revoke') {
    const keyId = checkFlag('key', z.string().min(1).max(64), flags.key);
    await withRuntime(flags.config, async (runtime) => {
      const key = await revokeKey(runtime.context, localPrincipal, tenantId, keyId);
      out(flags.json ? `${JSON.stringify({ id: key.id, revoked: true })}\n` : `Revoked key ${key.id}\n`);
    });
    return;
  }
  throw new UsageError('usage: portcullis keys create|revoke --tenant TENANT …');
}
