import type { ServiceContext } from '../context.ts';
import { RATE_LIMIT_WINDOW_MS } from './settings.ts';

/** `key.expired` is sent for keys that expired within this long (not for every key that ever expired). */
const EXPIRED_LOOKBACK_MS = 86_400_000;
/** Keys looked at per kind per run. */
const BATCH = 500;
/** Notices are kept this long past their window, then swept. */
const NOTICE_RETENTION_MS = 7 * 86_400_000;

/**
 * Writes the events no unit of work writes: `key.expiring` (`webhooks.keyExpiringDays` before a key expires),
 * `key.expired`, and `ratelimit.exceeded` from the notes the verify path made. Each goes to the outbox once per
 * key and window (a notice row, shared by every node), and from there to the endpoints like any event.
 */
export async function writeNotices(context: ServiceContext, scanExpiries: boolean): Promise<void> {
  const now = context.clock.now();
  const { store, webhooks } = context;
  const rateLimited = webhooks.takeRateLimited();
  const expiring = scanExpiries
    ? await store.webhookNotices.keysExpiringBetween(
        'key.expiring',
        now,
        now + webhooks.settings.keyExpiringMs,
        BATCH,
      )
    : [];
  const expired = scanExpiries
    ? await store.webhookNotices.keysExpiringBetween('key.expired', now - EXPIRED_LOOKBACK_MS, now + 1, BATCH)
    : [];
  if (scanExpiries) await store.webhookNotices.sweep(now - NOTICE_RETENTION_MS);
  if (rateLimited.length === 0 && expiring.length === 0 && expired.length === 0) return;
  await store.unitOfWork(async (unit) => {
    for (const [type, keys] of [
      ['key.expiring', expiring],
      ['key.expired', expired],
    ] as const) {
      for (const key of keys) {
        if (!(await unit.webhookNotices.firstNotice(type, key.id, key.expiresAt, now))) continue;
        await unit.outbox.append({
          type,
          tenantId: key.tenantId,
          mode: key.mode,
          payload: {
            object: 'api_key',
            id: key.id,
            name: key.name,
            expiresAt: new Date(key.expiresAt).toISOString(),
          },
          createdAt: now,
        });
      }
    }
    for (const note of rateLimited) {
      if (!(await unit.webhookNotices.firstNotice('ratelimit.exceeded', note.keyId, note.windowStart, now))) {
        continue;
      }
      const mode = await unit.webhookNotices.keyMode(note.tenantId, note.keyId);
      if (!mode) continue;
      await unit.outbox.append({
        type: 'ratelimit.exceeded',
        tenantId: note.tenantId,
        mode,
        payload: {
          object: 'api_key',
          id: note.keyId,
          windowStart: new Date(note.windowStart).toISOString(),
          windowSeconds: RATE_LIMIT_WINDOW_MS / 1000,
        },
        createdAt: now,
      });
    }
  });
}
