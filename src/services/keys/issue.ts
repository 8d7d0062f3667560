import { displayPrefixOf, generateCredential, type Mode } from '../../core/credential-format.ts';
import { PortcullisError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { ApiKey } from '../../store/index.ts';
import { authorize, confinedMode, requireMode } from '../access/policy.ts';
import { actorOf, type Principal } from '../access/principal.ts';
import { appNotFound } from '../apps/manage.ts';
import { recordActivity } from '../audit/activity.ts';
import type { ServiceContext } from '../context.ts';
import { activeTenant } from '../tenants/manage.ts';
import {
  type CreditsInput,
  checkCredits,
  checkExternalId,
  checkKeyScopes,
  checkMeta,
  checkRateOverride,
} from './key-settings.ts';
import { manageKeys } from './manage.ts';

export type KeyType = 'secret' | 'restricted';

export interface IssueKeyInput {
  name: string;
  /** Default: the caller's own mode when it is confined to one, else live. */
  mode?: Mode | undefined;
  /** The tenant's app (integration) the key serves; a label, it grants nothing. */
  appId?: string | undefined;
  /** Default: `restricted` when `scopes` are given, else `secret`. */
  type?: KeyType | undefined;
  scopes?: string[] | undefined;
  expiresAt?: number | undefined;
  ipAllowlist?: string[] | undefined;
  /** A JSON object returned by verify (at most 20 top-level members, 4 KB as JSON). */
  meta?: Record<string, unknown> | undefined;
  /** The platform's own id of the key's owner or customer. */
  externalId?: string | undefined;
  /** This key's rate instead of the plan's; at most the plan's. */
  rateLimit?: { requestsPerMinute: number } | null | undefined;
  /** Usage credits, spent by verify calls that ask (`consume`); none: calls are not counted. */
  credits?: CreditsInput | null | undefined;
}

export interface IssuedKey {
  key: ApiKey;
  /** The plaintext credential. It leaves the server in this one response and is never stored. */
  plaintext: string;
}

export async function issueKey(
  context: ServiceContext,
  principal: Principal,
  tenantId: string,
  input: IssueKeyInput,
): Promise<IssuedKey> {
  const need = manageKeys(tenantId);
  authorize(context, principal, need);
  const mode = input.mode ?? confinedMode(principal, need, context) ?? 'live';
  requireMode(context, principal, mode, need);
  const tenant = await activeTenant(context, tenantId);
  const now = context.clock.now();
  const plan = context.model.plans.get(tenant.planId);
  // Listing scopes is asking for a restricted key; only a secret key named as such refuses them.
  const type = input.type ?? (input.scopes === undefined ? 'secret' : 'restricted');
  if (type === 'restricted') {
    checkKeyScopes(context, tenant.planId, input.scopes);
  } else if (input.scopes !== undefined) {
    throw new PortcullisError(
      'validation_failed',
      'a secret key holds every entitled scope: omit "scopes", or ask for a restricted key',
      {
        extensions: { field: 'scopes' },
      },
    );
  }
  if (input.expiresAt !== undefined && input.expiresAt <= now) {
    throw new PortcullisError('validation_failed', 'expiresAt must be in the future', {
      extensions: { field: 'expiresAt' },
    });
  }
  if (input.meta !== undefined) checkMeta(input.meta);
  if (input.externalId !== undefined) checkExternalId(input.externalId);
  const rateLimitPerMinute = input.rateLimit?.requestsPerMinute ?? null;
  if (rateLimitPerMinute !== null) checkRateOverride(context, plan, rateLimitPerMinute);
  if (input.credits) checkCredits(input.credits);
  const prefix = type === 'secret' ? context.model.prefixes.secret : context.model.prefixes.restricted;
  const plaintext = generateCredential(prefix, mode, context.random);
  const key: ApiKey = {
    id: newId('apiKey', context.random),
    tenantId,
    name: input.name,
    mode,
    type,
    appId: input.appId ?? null,
    scopes: type === 'restricted' ? [...new Set(input.scopes)] : null,
    ipAllowlist: input.ipAllowlist && input.ipAllowlist.length > 0 ? input.ipAllowlist : null,
    displayPrefix: displayPrefixOf(plaintext),
    createdAt: now,
    expiresAt: input.expiresAt ?? null,
    lastUsedAt: null,
    revokedAt: null,
    previousSecretExpiresAt: null,
    meta: input.meta ?? null,
    externalId: input.externalId ?? null,
    rateLimitPerMinute,
    credits: input.credits
      ? { remaining: input.credits.remaining, refill: input.credits.refill ?? null, refilledAt: now }
      : null,
  };
  const secret = {
    secretHash: context.peppers.hashCurrent(plaintext),
    pepperVersion: context.peppers.current.version,
    createdAt: now,
    expiresAt: null,
  };
  const maxActive = plan?.maxActiveKeys ?? 25;
  await context.store.unitOfWork(async (unit) => {
    const result = await unit.apiKeys.insertWithinLimit(key, secret, maxActive, now);
    if (!result.inserted && result.reason === 'app_not_found') throw appNotFound();
    if (!result.inserted) {
      throw new PortcullisError('key_limit_reached', `the plan allows ${maxActive} active keys`, {
        extensions: { limit: maxActive },
      });
    }
    await recordActivity(unit, actorOf(principal), now, {
      tenantId,
      action: 'key.created',
      targetType: 'api_key',
      targetId: key.id,
      mode,
      details: {
        name: key.name,
        mode,
        type: key.type,
        ...(key.appId === null ? {} : { appId: key.appId }),
        scopes: key.scopes,
        expiresAt: key.expiresAt,
        externalId: key.externalId,
        rateLimitPerMinute,
      },
    });
  });
  return { key, plaintext };
}
