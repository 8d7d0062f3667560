import type { MaybePromise } from '../../core/maybe-promise.ts';
import type { RateLimitDecision } from '../../core/rate-limit.ts';
import type { RedisConnection } from '../../store/redis.ts';
import { type GcraQuestion, gcraArguments, gcraDecisions, gcraScript } from './gcra-script.ts';

/**
 * Where limits are counted now: in Redis, shared by every node (`shared`); Redis unreachable, so each node
 * counts its own (`local`); or Redis unreachable and every limited request refused (`refusing`).
 */
export type SharedLimitsState = 'shared' | 'local' | 'refusing';

/** What to do while Redis cannot be reached: count per node (fail open to local limits) or refuse. */
export type WhenSharedUnavailable = 'local' | 'refuse';

export interface SharedLimitsOptions {
  whenUnavailable: WhenSharedUnavailable;
  /** Told once when Redis becomes unreachable (with the error that showed it) and once when it is back. */
  onStateChange?: ((state: SharedLimitsState, cause?: unknown) => void) | undefined;
}

export interface Bucket {
  /** Unique among every kind of bucket; the Redis key is this under the `portcullis:` namespace. */
  name: string;
  limitPerMinute: number;
}

const MINUTE_MS = 60_000;
/** A bucket's key outlives its TAT by this, so a node whose clock runs a little behind still finds it. */
const EXPIRY_GRACE_MS = 10_000;
/** While Redis is down, one request this often (by the service clock) tries it again. */
const RETRY_INTERVAL_MS = 1_000;
/** The most buckets one script call decides; a larger batch is sent as several calls, in order. */
const BATCH_KEYS = 256;

/** A decision asked for and not yet sent to Redis. */
interface Asked {
  keys: string[];
  questions: GcraQuestion[];
  answer: (decisions: RateLimitDecision[] | undefined) => void;
}

/**
 * GCRA buckets in Redis, shared by every node. A decision costs its request one round trip: the decisions
 * asked for in one turn of the event loop (every request its reads brought in) go to Redis as one script call,
 * sent when the turn's I/O is done, so Redis runs one script and the node parses one reply for all of them
 * (decision 017). While Redis is unreachable (refused, or slower than the command timeout) `decide` answers
 * undefined at once and the caller falls back as `state()` says; Redis is tried again when the connection
 * comes back, and by one request a second meanwhile (a server that answers errors keeps its connection).
 */
export class SharedLimits {
  readonly #redis: RedisConnection;
  readonly #options: SharedLimitsOptions;
  #available = true;
  #retryAt = Number.NEGATIVE_INFINITY;
  #outages = 0;
  #asked: Asked[] = [];

  constructor(redis: RedisConnection, options: SharedLimitsOptions) {
    this.#redis = redis;
    this.#options = options;
    redis.onReconnect(() => this.#up());
  }

  /** Times Redis became unreachable since start (`/metrics`). */
  get outages(): number {
    return this.#outages;
  }

  state(): SharedLimitsState {
    if (this.#available) return 'shared';
    return this.#options.whenUnavailable === 'refuse' ? 'refusing' : 'local';
  }

  /**
   * The decision for each bucket, in order; with `spend`, each that allows has the request counted. Undefined
   * while Redis is unreachable. Never rejects.
   */
  decide(
    buckets: readonly Bucket[],
    spend: boolean,
    now: number,
  ): MaybePromise<RateLimitDecision[] | undefined> {
    if (!this.#available) {
      if (now < this.#retryAt) return undefined;
      this.#retryAt = now + RETRY_INTERVAL_MS;
    }
    return new Promise((answer) => {
      const keys = buckets.map((bucket) => `portcullis:${bucket.name}`);
      const questions = buckets.map((bucket) => ({ now, spend, limit: bucket.limitPerMinute }));
      this.#asked.push({ keys, questions, answer });
      if (this.#asked.length === 1) setImmediate(() => this.#send());
    });
  }

  /** Sends what was asked in this turn, in order, as few script calls as `BATCH_KEYS` allows. */
  #send(): void {
    const asked = this.#asked;
    this.#asked = [];
    let batch: Asked[] = [];
    let keys = 0;
    for (const one of asked) {
      if (keys > 0 && keys + one.keys.length > BATCH_KEYS) {
        this.#call(batch);
        batch = [];
        keys = 0;
      }
      batch.push(one);
      keys += one.keys.length;
    }
    if (batch.length > 0) this.#call(batch);
  }

  #call(batch: readonly Asked[]): void {
    const questions = batch.flatMap((one) => one.questions);
    const args = gcraArguments(MINUTE_MS, EXPIRY_GRACE_MS, questions);
    const now = (questions[questions.length - 1] as GcraQuestion).now;
    this.#redis
      .runScript(
        gcraScript,
        batch.flatMap((one) => one.keys),
        args,
      )
      .then((reply) => gcraDecisions(reply, questions))
      .then(
        (decisions) => {
          this.#up();
          let at = 0;
          for (const one of batch) {
            one.answer(decisions.slice(at, at + one.keys.length));
            at += one.keys.length;
          }
        },
        (error: unknown) => {
          this.#down(error, now);
          for (const one of batch) one.answer(undefined);
        },
      );
  }

  #up(): void {
    if (this.#available) return;
    this.#available = true;
    this.#options.onStateChange?.('shared');
  }

  #down(error: unknown, now: number): void {
    if (!this.#available) return;
    this.#available = false;
    this.#outages += 1;
    this.#retryAt = now + RETRY_INTERVAL_MS;
    this.#options.onStateChange?.(this.state(), error);
  }
}
