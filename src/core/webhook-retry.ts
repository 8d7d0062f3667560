/** Jitter around each scheduled delay: ±10%, so retries of many deliveries failed together spread out. */
const JITTER = 0.1;

/**
 * The wait before the next attempt after `attemptsMade` failed ones, or undefined when the schedule is spent
 * (the delivery has failed). `unit` is a random number in [0, 1) that places the jitter.
 */
export function retryDelayMs(
  scheduleMs: readonly number[],
  attemptsMade: number,
  unit: number,
): number | undefined {
  const base = scheduleMs[attemptsMade - 1];
  if (base === undefined) return undefined;
  return Math.round(base * (1 - JITTER + 2 * JITTER * unit));
}

/** What an HTTP status means for a delivery (Standard Webhooks): 2xx delivered, 410 gone, anything else failed. */
export function attemptVerdict(statusCode: number | null): 'delivered' | 'gone' | 'failed' {
  if (statusCode !== null && statusCode >= 200 && statusCode < 300) return 'delivered';
  if (statusCode === 410) return 'gone';
  return 'failed';
}
