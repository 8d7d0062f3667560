import { createHash } from 'node:crypto';
import { PortcullisError } from '../../core/errors.ts';
import type { StoredResponse } from '../../store/index.ts';
import { actorOf, type Principal } from '../access/principal.ts';
import type { ServiceContext } from '../context.ts';

/** How long a key and its response are kept (IETF draft "The Idempotency-Key HTTP Header Field", Stripe). */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3_600_000;
/** A request still unanswered after this long (its node died) no longer holds its key. */
const IN_FLIGHT_TTL_MS = 5 * 60_000;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** The key a request claimed: its response is kept under it once answered. */
export interface IdempotencyHold {
  owner: string;
  key: string;
}

export type IdempotencyStart =
  | { kind: 'proceed'; hold: IdempotencyHold }
  | { kind: 'replay'; response: StoredResponse };

/** Keys are printable ASCII, 1 to 255 characters. */
export function checkIdempotencyKey(value: string): void {
  if (value.length === 0 || value.length > MAX_IDEMPOTENCY_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(value)) {
    throw new PortcullisError(
      'bad_request',
      `Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters`,
    );
  }
}

/**
 * Starts an idempotent request. A key belongs to one principal on one tenant: the same key from another
 * caller is another key. Its first request proceeds; a later one with the same method, path and body gets
 * the first one's response back; with a different one, 422 `idempotency_key_reused`; while the first is still
 * being answered, 409 `idempotency_key_in_use`.
 */
export async function startIdempotentRequest(
  context: ServiceContext,
  principal: Principal,
  tenantId: string | null,
  key: string,
  request: { method: string; path: string; body: unknown },
): Promise<IdempotencyStart> {
  checkIdempotencyKey(key);
  const actor = actorOf(principal);
  const owner = `${actor.type}:${actor.id ?? ''}@${tenantId ?? 'platform'}`;
  const requestHash = createHash('sha256')
    .update(`${request.method} ${request.path}\n${JSON.stringify(request.body ?? null)}`)
    .digest('base64url');
  const now = context.clock.now();
  const claim = await context.store.idempotencyKeys.claim(
    owner,
    key,
    requestHash,
    now,
    now - IDEMPOTENCY_KEY_TTL_MS,
    now - IN_FLIGHT_TTL_MS,
  );
  if (claim.kind === 'claimed') return { kind: 'proceed', hold: { owner, key } };
  const binding = `idempotency:${owner}:${key}`;
  if (claim.requestHash !== requestHash) {
    throw new PortcullisError(
      'idempotency_key_reused',
      'this Idempotency-Key was used with another request; use a new key for a new request',
    );
  }
  if (claim.kind === 'in_flight') {
    throw new PortcullisError(
      'idempotency_key_in_use',
      'a request with this Idempotency-Key is still in progress',
      {
        headers: { 'retry-after': '1' },
      },
    );
  }
  // Kept responses may hold a secret shown once (a new key's plaintext): they are sealed at rest.
  const body = context.sealing.open(claim.response.body, binding);
  if (body === undefined) throw new PortcullisError('internal_error', 'the kept response does not open');
  return { kind: 'replay', response: { ...claim.response, body } };
}

/**
 * Whether a response is kept for its key. Refusals a retry could overcome are not: a body that failed validation
 * (400, 413, 415, 422), authentication and permission (401, 403), rate limits (429) and server errors (5xx).
 */
export function keepsResponse(status: number): boolean {
  return status < 500 && ![400, 401, 403, 413, 415, 422, 429].includes(status);
}

export async function finishIdempotentRequest(
  context: ServiceContext,
  hold: IdempotencyHold,
  response: StoredResponse,
): Promise<void> {
  if (keepsResponse(response.status)) {
    const body = context.sealing.seal(response.body, `idempotency:${hold.owner}:${hold.key}`);
    await context.store.idempotencyKeys.finish(hold.owner, hold.key, { ...response, body });
  } else await context.store.idempotencyKeys.release(hold.owner, hold.key);
}

export async function abandonIdempotentRequest(
  context: ServiceContext,
  hold: IdempotencyHold,
): Promise<void> {
  await context.store.idempotencyKeys.release(hold.owner, hold.key);
}
