import type { Store } from '../store/index.ts';
import type { SharedLimits } from './rate-limit/shared-limits.ts';

/**
 * One thing a node needs before it can take traffic: the database, and Redis where configured. The composition
 * root assembles the list (`build-context.ts`); `GET /readyz` runs them all.
 */
export interface ReadinessCheck {
  readonly name: string;
  /**
   * Whether the node is not ready without it (default true). Redis is not: without it a node still answers,
   * counting limits on its own, and `/readyz` says so rather than taking every node out of the balancer.
   */
  readonly required?: boolean;
  /** `'ok'`, or a short reason naming no secret and no address. A throw counts as `'failed'`. */
  check(): Promise<'ok' | string>;
}

export interface Readiness {
  ready: boolean;
  /** Each check's answer by name: `'ok'`, `'timed out'`, `'failed'` or the check's own reason. */
  checks: Record<string, string>;
}

export interface ReadinessOptions {
  /** A check that has not answered by then is `'timed out'`. */
  timeoutMs: number;
  /** Told the real cause of a check that threw, for the log. */
  onError?: (name: string, error: unknown) => void;
}

/** Redis shares the limits: `ok`, or how this node counts without it. */
export function sharedLimitsReadiness(limits: Pick<SharedLimits, 'state'>): ReadinessCheck {
  return {
    name: 'redis',
    required: false,
    async check() {
      const state = limits.state();
      return state === 'shared'
        ? 'ok'
        : `unreachable: ${state === 'local' ? 'limits counted per node' : 'limited requests refused'}`;
    },
  };
}

/** The database answers a trivial query. */
export function databaseReadiness(store: Pick<Store, 'ping'>): ReadinessCheck {
  return {
    name: 'database',
    async check() {
      await store.ping();
      return 'ok';
    },
  };
}

async function answerOf(check: ReadinessCheck, options: ReadinessOptions): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), options.timeoutMs);
  });
  const answered = check.check().catch((error: unknown) => {
    options.onError?.(check.name, error);
    return 'failed';
  });
  try {
    return await Promise.race([answered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every check at once, each bounded by the timeout; ready when every one answered `'ok'`. */
export async function checkReadiness(
  checks: readonly ReadinessCheck[],
  options: ReadinessOptions,
): Promise<Readiness> {
  const answers = await Promise.all(checks.map((check) => answerOf(check, options)));
  const named = checks.map((check, index) => [check.name, answers[index] ?? 'failed'] as const);
  const ready = checks.every((check, index) => check.required === false || answers[index] === 'ok');
  return { ready, checks: Object.fromEntries(named) };
}
