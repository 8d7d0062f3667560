import type { ActivityRecord } from '../../store/index.ts';
import type { Actor } from './actor.ts';

/** Repeated refusals, gathered into one activity row per kind per window instead of one row each. */
export interface FailureEvent {
  /** The tenant whose feed shows it; null for the platform's feed. */
  tenantId: string | null;
  action:
    | 'access.denied'
    | 'client.authentication_failed'
    | 'management_key.authentication_failed'
    | 'session.sign_in_failed';
  actor: Actor;
  targetType: 'platform' | 'tenant' | 'client' | 'management_key' | 'user';
  targetId: string;
  /** What was refused: the missing permission, or why authentication failed. */
  reason: string;
}

interface Aggregate {
  event: FailureEvent;
  count: number;
  firstAt: number;
  lastAt: number;
  ips: string[];
}

/** Distinct failures kept per window; more are counted in one overflow row per tenant. */
const MAX_AGGREGATES = 10_000;
/** Tenants with an overflow row of their own; past them, the platform's row counts the rest. */
const MAX_OVERFLOW_TENANTS = 1_000;
/** Source addresses kept as a sample on each row. */
const MAX_IPS = 5;
const FAILURE_WINDOW_MS = 60_000;

/**
 * Gathers failed authentications and access denials in memory and hands them to the activity feed as one row
 * per (tenant, action, actor, target, reason) per window, with a count, the first and last time and a sample
 * of source addresses. Whoever keeps failing, the feed grows by at most one row per distinct failure per
 * window, and a failure costs no database write on the request path, so an unknown id and a wrong secret are
 * answered the same way, in the same time.
 */
export class FailureLog {
  readonly #write: (record: ActivityRecord) => void;
  #aggregates = new Map<string, Aggregate>();
  #overflow = new Map<string | null, { count: number; firstAt: number; lastAt: number }>();
  #windowStart: number | undefined;

  constructor(write: (record: ActivityRecord) => void) {
    this.#write = write;
  }

  record(event: FailureEvent, at: number): void {
    if (this.#windowStart !== undefined && at - this.#windowStart >= FAILURE_WINDOW_MS) this.drain();
    this.#windowStart ??= at;
    const key = [event.tenantId, event.action, event.actor.type, event.actor.id, event.targetId, event.reason]
      .map((part) => part ?? '')
      .join('\u0000');
    const held = this.#aggregates.get(key);
    if (held) {
      held.count += 1;
      held.lastAt = at;
      if (event.actor.ip !== null && held.ips.length < MAX_IPS && !held.ips.includes(event.actor.ip)) {
        held.ips.push(event.actor.ip);
      }
      return;
    }
    if (this.#aggregates.size >= MAX_AGGREGATES) {
      // One overflow row per tenant, and past as many tenants one on the platform's feed: bounded either way.
      const tenantId =
        this.#overflow.has(event.tenantId) || this.#overflow.size < MAX_OVERFLOW_TENANTS
          ? event.tenantId
          : null;
      const overflow = this.#overflow.get(tenantId);
      if (overflow) {
        overflow.count += 1;
        overflow.lastAt = at;
      } else this.#overflow.set(tenantId, { count: 1, firstAt: at, lastAt: at });
      return;
    }
    const ips = event.actor.ip === null ? [] : [event.actor.ip];
    this.#aggregates.set(key, { event, count: 1, firstAt: at, lastAt: at, ips });
  }

  /** Hands every gathered row to the feed and starts a new window: at the window's end, and before a read. */
  drain(): void {
    for (const { event, count, firstAt, lastAt, ips } of this.#aggregates.values()) {
      this.#write({
        tenantId: event.tenantId,
        at: firstAt,
        actorType: event.actor.type,
        actorId: event.actor.id,
        ip: event.actor.ip,
        action: event.action,
        targetType: event.targetType,
        targetId: event.targetId,
        details: { reason: event.reason, count, firstAt, lastAt, ips },
      });
    }
    for (const [tenantId, { count, firstAt, lastAt }] of this.#overflow) {
      this.#write({
        tenantId,
        at: firstAt,
        actorType: 'system',
        actorId: null,
        ip: null,
        action: 'failures.overflowed',
        targetType: tenantId === null ? 'platform' : 'tenant',
        targetId: tenantId ?? 'platform',
        details: { count, firstAt, lastAt },
      });
    }
    this.#aggregates = new Map();
    this.#overflow = new Map();
    this.#windowStart = undefined;
  }

  /** Whether a window is open whose end has passed: the feed's flush drains it then. */
  due(now: number): boolean {
    return this.#windowStart !== undefined && now - this.#windowStart >= FAILURE_WINDOW_MS;
  }
}
