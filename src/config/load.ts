import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { PortcullisError } from '../core/errors.ts';
import { isLifecycleEventType } from '../core/webhook-events.ts';
import { defaultPlans, defaultScopes } from './defaults.ts';
import { configSchema } from './schema.ts';

type Parsed = z.output<typeof configSchema>;

/** The validated configuration every part of the server reads. */
export interface Config extends Omit<Parsed, 'scopes' | 'plans' | 'defaultPlan' | 'dataDir'> {
  dataDir: string;
  scopes: NonNullable<Parsed['scopes']>;
  plans: NonNullable<Parsed['plans']>;
  defaultPlan: string;
  /** Pepper material from `PORTCULLIS_PEPPER`; otherwise the data directory holds it. */
  pepper?: string;
  /** Master key sealing signing keys at rest, from `PORTCULLIS_MASTER_KEY`; otherwise the data directory. */
  masterKey?: string;
  /** Where it came from, for people: the config file's absolute path, or that there was none. */
  source: string;
}

export interface LoadConfigOptions {
  /** Path of a JSON config file (`--config` / `PORTCULLIS_CONFIG`). */
  path?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Config given directly (tests), merged under the env overrides like a file would be. */
  object?: unknown;
}

function configError(field: string, message: string): PortcullisError {
  return new PortcullisError('config_invalid', `config.${field}: ${message}`, { extensions: { field } });
}

function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new PortcullisError('config_invalid', `config file ${path} cannot be read`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new PortcullisError('config_invalid', `config file ${path} is not valid JSON`);
  }
}

function envInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,5}$/.test(value)) throw new PortcullisError('config_invalid', `${name} must be a whole number`);
  return Number(value);
}

/** A copy of a config section to put env overrides in; one that is not an object is left for the schema to refuse. */
function sectionOf(config: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const section = config[name];
  if (section === undefined) return {};
  if (section === null || typeof section !== 'object' || Array.isArray(section)) return undefined;
  return { ...(section as Record<string, unknown>) };
}

function envBoolean(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (value !== 'true' && value !== 'false') {
    throw new PortcullisError('config_invalid', `${name} must be true or false`, {
      extensions: { field: name },
    });
  }
  return value === 'true';
}

/** Applies env overrides (`PORT`, `HOST`, `PORTCULLIS_DATA_DIR`, `DATABASE_URL`, `REDIS_URL`, …). */
function withEnv(raw: unknown, env: NodeJS.ProcessEnv): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new PortcullisError('config_invalid', 'config must be a JSON object');
  }
  const config = { ...(raw as Record<string, unknown>) };
  const server = { ...((config.server as Record<string, unknown> | undefined) ?? {}) };
  const port = envInteger(env, 'PORT');
  if (port !== undefined) server.port = port;
  if (env.HOST) server.host = env.HOST;
  if (env.PORTCULLIS_PUBLIC_URL) server.publicUrl = env.PORTCULLIS_PUBLIC_URL;
  config.server = server;
  if (env.PORTCULLIS_DATA_DIR) config.dataDir = env.PORTCULLIS_DATA_DIR;
  if (env.DATABASE_URL) config.databaseUrl = env.DATABASE_URL;
  if (env.REDIS_URL) config.redisUrl = env.REDIS_URL;
  if (env.PORTCULLIS_LOG_LEVEL) config.logLevel = env.PORTCULLIS_LOG_LEVEL;
  const accessLog = envBoolean(env, 'PORTCULLIS_ACCESS_LOG');
  if (accessLog !== undefined) config.accessLog = accessLog;
  const metricsEnabled = envBoolean(env, 'PORTCULLIS_METRICS');
  const metrics = sectionOf(config, 'metrics');
  if (metrics) {
    if (metricsEnabled !== undefined) metrics.enabled = metricsEnabled;
    if (env.PORTCULLIS_METRICS_TOKEN) metrics.token = env.PORTCULLIS_METRICS_TOKEN;
    config.metrics = metrics;
  }
  const webhooks = sectionOf(config, 'webhooks');
  if (webhooks) {
    const allowPrivate = envBoolean(env, 'PORTCULLIS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS');
    if (allowPrivate !== undefined) webhooks.allowPrivateNetworks = allowPrivate;
    const schedule = env.PORTCULLIS_WEBHOOKS_RETRY_SCHEDULE;
    if (schedule) webhooks.retrySchedule = envSeconds(schedule, 'PORTCULLIS_WEBHOOKS_RETRY_SCHEDULE');
    config.webhooks = webhooks;
  }
  return config;
}

/** A comma-separated list of seconds (`5,300,1800`). */
function envSeconds(value: string, name: string): number[] {
  if (!/^\d{1,6}(\.\d{1,3})?(,\d{1,6}(\.\d{1,3})?){0,49}$/.test(value)) {
    throw new PortcullisError('config_invalid', `${name} must be seconds separated by commas`, {
      extensions: { field: name },
    });
  }
  return value.split(',').map(Number);
}

export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const path = options.path ?? env.PORTCULLIS_CONFIG;
  const raw = options.object ?? (path ? readConfigFile(path) : {});
  const result = configSchema.safeParse(withEnv(raw, env));
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue ? issue.path.map(String).join('.') || '(root)' : '(root)';
    throw configError(field, issue?.message ?? 'is not valid');
  }
  const parsed = result.data;
  const config: Config = {
    ...parsed,
    dataDir: resolve(parsed.dataDir),
    scopes: parsed.scopes ?? defaultScopes,
    plans: parsed.plans ?? defaultPlans,
    defaultPlan: parsed.defaultPlan ?? (parsed.plans ?? defaultPlans)[0]?.id ?? 'free',
    source:
      options.object !== undefined
        ? 'the given configuration'
        : path
          ? resolve(path)
          : 'the built-in configuration',
  };
  if (env.PORTCULLIS_PEPPER) config.pepper = env.PORTCULLIS_PEPPER;
  if (env.PORTCULLIS_MASTER_KEY) config.masterKey = env.PORTCULLIS_MASTER_KEY;
  checkReferences(config);
  return config;
}

function checkReferences(config: Config): void {
  const names = new Set<string>();
  config.scopes.forEach((scope, index) => {
    if (names.has(scope.name)) throw configError(`scopes.${index}.name`, `duplicate scope "${scope.name}"`);
    names.add(scope.name);
  });
  config.scopes.forEach((scope, index) => {
    scope.implies.forEach((implied, impliedIndex) => {
      if (!names.has(implied)) {
        throw configError(`scopes.${index}.implies.${impliedIndex}`, `"${implied}" is not in the vocabulary`);
      }
    });
  });
  const planIds = new Set<string>();
  config.plans.forEach((plan, index) => {
    if (planIds.has(plan.id)) throw configError(`plans.${index}.id`, `duplicate plan "${plan.id}"`);
    planIds.add(plan.id);
  });
  if (!planIds.has(config.defaultPlan))
    throw configError('defaultPlan', `"${config.defaultPlan}" is not a plan`);
  const prefixes = Object.values(config.credentials.prefixes);
  if (new Set(prefixes).size !== prefixes.length) {
    throw configError('credentials.prefixes', 'each credential type needs its own prefix');
  }
  const eventTypes = new Set<string>();
  config.webhooks.eventTypes.forEach((entry, index) => {
    if (isLifecycleEventType(entry.type) || eventTypes.has(entry.type)) {
      throw configError(`webhooks.eventTypes.${index}.type`, `"${entry.type}" is already an event type`);
    }
    eventTypes.add(entry.type);
  });
}
