import { PortcullisError } from '../../core/errors.ts';
import type { PlanDefinition } from '../../core/plans.ts';
import type { ServiceContext } from '../context.ts';
import { checkGrantableScopes } from '../scopes/grantable.ts';

/** A key's `meta`: a JSON object of at most this many top-level members … */
export const MAX_META_KEYS = 20;
/** … and at most this many bytes as UTF-8 JSON (verify returns it on every valid answer). */
export const MAX_META_BYTES = 4096;
export const MAX_EXTERNAL_ID_LENGTH = 200;

function invalid(field: string, detail: string, extensions: Record<string, unknown> = {}): PortcullisError {
  return new PortcullisError('validation_failed', detail, { extensions: { field, ...extensions } });
}

/** A restricted key's scopes, as at creation: at least one, each known and entitled by the plan. */
export function checkKeyScopes(
  context: ServiceContext,
  planId: string,
  scopes: readonly string[] | undefined,
) {
  if (!scopes || scopes.length === 0) throw invalid('scopes', 'a restricted key needs at least one scope');
  checkGrantableScopes(context, planId, scopes);
}

export function checkMeta(meta: unknown): asserts meta is Record<string, unknown> {
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
    throw invalid('meta', 'meta must be a JSON object');
  }
  if (Object.keys(meta).length > MAX_META_KEYS) {
    throw invalid('meta', `meta may have at most ${MAX_META_KEYS} top-level members`, {
      limit: MAX_META_KEYS,
    });
  }
  // Walked without recursion, so depth costs no stack; a number JSON cannot carry back (1e400 parses as
  // Infinity, which would be stored as null) is refused rather than changed.
  const pending: unknown[] = [meta];
  let members = 0;
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw invalid('meta', 'meta may hold only finite numbers');
    }
    if (typeof value !== 'object' || value === null) continue;
    for (const member of Object.values(value)) {
      // The byte limit below bounds a real document; this bounds the walk before it.
      if (++members > MAX_META_BYTES) {
        throw invalid('meta', `meta may be at most ${MAX_META_BYTES} bytes as JSON`, {
          limit: MAX_META_BYTES,
        });
      }
      pending.push(member);
    }
  }
  if (Buffer.byteLength(JSON.stringify(meta)) > MAX_META_BYTES) {
    throw invalid('meta', `meta may be at most ${MAX_META_BYTES} bytes as JSON`, { limit: MAX_META_BYTES });
  }
}

export function checkExternalId(externalId: string): void {
  if (externalId.length === 0 || externalId.length > MAX_EXTERNAL_ID_LENGTH) {
    throw invalid('externalId', `externalId must be 1 to ${MAX_EXTERNAL_ID_LENGTH} characters`);
  }
}

/** Usage credits as asked for: what is left, and an optional refill. */
export interface CreditsInput {
  remaining: number;
  refill?: { amount: number; interval: 'day' | 'month' } | null | undefined;
}

/** Usage credits: whole numbers, a refill of at least 1 a day or a month. */
export function checkCredits(credits: CreditsInput): void {
  if (!Number.isInteger(credits.remaining) || credits.remaining < 0) {
    throw invalid('credits', 'credits.remaining must be a whole number of at least 0');
  }
  const refill = credits.refill;
  if (refill && (!Number.isInteger(refill.amount) || refill.amount < 1)) {
    throw invalid('credits', 'credits.refill.amount must be a whole number of at least 1');
  }
}

/**
 * A per-key rate: a whole number of requests per minute, at least 1 and at most the plan's. Above the plan's,
 * it is refused like a scope the plan lacks: 403 `plan_required`, naming the plans that allow that rate (422
 * when none does).
 */
export function checkRateOverride(
  context: ServiceContext,
  plan: PlanDefinition | undefined,
  requestsPerMinute: number,
): void {
  if (!Number.isInteger(requestsPerMinute) || requestsPerMinute < 1) {
    throw invalid('rateLimit', 'rateLimit.requestsPerMinute must be a whole number of at least 1');
  }
  const allowed = plan?.requestsPerMinute ?? 0;
  if (requestsPerMinute <= allowed) return;
  const plans = context.model.planList
    .filter((candidate) => candidate.requestsPerMinute >= requestsPerMinute)
    .map((candidate) => candidate.id);
  if (plans.length === 0) {
    throw invalid('rateLimit', `no plan allows ${requestsPerMinute} requests per minute`, { limit: allowed });
  }
  throw new PortcullisError(
    'plan_required',
    `${requestsPerMinute} requests per minute needs one of the plans: ${plans.join(', ')}`,
    { extensions: { field: 'rateLimit', limit: allowed, plans } },
  );
}
