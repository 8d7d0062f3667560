/** A key's usage credits as stored: what was left at the last spend or change, and when it was last refilled. */
export interface StoredCredits {
  remaining: number;
  refill: { amount: number; interval: 'day' | 'month' } | null;
  refilledAt: number;
}

/** The UTC starts of the day and the month `now` falls in: a refill is due once in each of its periods. */
export function creditPeriods(now: number): { dayStart: number; monthStart: number } {
  const today = new Date(now);
  return {
    dayStart: Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()),
    monthStart: Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1),
  };
}

/**
 * The credits left as of `now`: a refill due since the last one (a new UTC day or month) sets them back to its
 * amount, as the next spend will (decision 033). The store applies it when spending; reads show it already.
 */
export function creditsRemainingAt(credits: StoredCredits, now: number): number {
  if (credits.refill === null) return credits.remaining;
  const periods = creditPeriods(now);
  const start = credits.refill.interval === 'day' ? periods.dayStart : periods.monthStart;
  return credits.refilledAt < start ? credits.refill.amount : credits.remaining;
}
