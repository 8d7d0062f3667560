import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { type VerifyFailureCode, verifyFailureCodes } from '../verification/result.ts';
import { collectedCounter, countsByLabel, zeroCounts } from './collected.ts';

/** A verify answer's outcome: `valid`, or the code of the refusal. */
export type VerifyOutcome = 'valid' | VerifyFailureCode;
const verifyOutcomes: readonly VerifyOutcome[] = ['valid', ...verifyFailureCodes];

/**
 * What was refused for its rate: a call over its credential's limit (verify, whoami, or every limited call
 * while Redis is away and the limits refuse), or an authentication throttled after repeated failures.
 */
export type RateLimitKind = 'request' | 'failed_authentication';
const rateLimitKinds: readonly RateLimitKind[] = ['request', 'failed_authentication'];

/**
 * Where a key the caches did not hold was looked up: found in the key directory, known by it not to exist,
 * or read from the database because the directory could not answer (off, catching up, or on PostgreSQL a key
 * it has not read yet).
 */
export type DirectoryLookup = 'found' | 'absent' | 'database';
const directoryLookups: readonly DirectoryLookup[] = ['found', 'absent', 'database'];

/** Seconds: the verify path answers from memory in tens of microseconds, or waits on a read or Redis. */
const VERIFY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
/** Seconds: a token is signed and its activity row group-committed before it is answered. */
const TOKEN_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * The numbers the use cases count as they run, and the registry `/metrics` reads (one per service context,
 * so apps built side by side, as in tests, never share one). Counting costs the request an increment of a
 * plain number; a latency costs one histogram observation. Everything else (gauges, cache and bus counts) is
 * read where it lives when the registry is collected (`state-metrics.ts`).
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly #verifyOutcomes = zeroCounts(verifyOutcomes);
  readonly #rateLimited = zeroCounts(rateLimitKinds);
  readonly #directoryLookups = zeroCounts(directoryLookups);
  readonly #verifyDuration: Histogram.Internal<string>;
  readonly #tokenDuration: Histogram.Internal<string>;
  readonly #tokenRequests: Counter<string>;

  constructor() {
    const registers = [this.registry];
    collectedCounter(this.registry, {
      name: 'portcullis_verify_results_total',
      help: 'Verify answers (POST /api/v1/verify) by outcome: valid, or the refusal code',
      labelNames: ['code'],
      read: () => countsByLabel('code', this.#verifyOutcomes),
    });
    collectedCounter(this.registry, {
      name: 'portcullis_rate_limited_total',
      help: 'Calls refused for their rate: request limits (verify, whoami), or throttled failed authentications',
      labelNames: ['limit'],
      read: () => countsByLabel('limit', this.#rateLimited),
    });
    collectedCounter(this.registry, {
      name: 'portcullis_key_directory_lookups_total',
      help: 'API keys not in the verified-key cache: found or absent in the key directory, or read from the database',
      labelNames: ['result'],
      read: () => countsByLabel('result', this.#directoryLookups),
    });
    this.#verifyDuration = new Histogram({
      name: 'portcullis_verify_duration_seconds',
      help: 'Verify answers, from the arrival of the request: the caller authenticated, the body read, the credential and its rate limit checked',
      buckets: VERIFY_BUCKETS,
      registers,
    }).labels();
    this.#tokenDuration = new Histogram({
      name: 'portcullis_token_issuance_duration_seconds',
      help: 'Access tokens issued by the token endpoint: from the request to the answer, its activity row committed',
      buckets: TOKEN_BUCKETS,
      registers,
    }).labels();
    // The token endpoint does an ES256 signature and a commit per call: prom-client's own counting is cheap there.
    this.#tokenRequests = new Counter({
      name: 'portcullis_token_requests_total',
      help: 'Token endpoint answers by HTTP status: 200 issued, 400 refused, 401 invalid_client, 429 throttled',
      labelNames: ['status'],
      registers,
    });
  }

  /**
   * Adds prom-client's process metrics (CPU, memory, heap, event-loop delay, GC, handles) to the registry. For the
   * serving process only: the monitors they start are never stopped, and a test process builds many contexts.
   */
  includeProcessMetrics(): void {
    collectDefaultMetrics({ register: this.registry });
  }

  /** One verify answered. */
  verified(outcome: VerifyOutcome, elapsedMs: number): void {
    this.#verifyOutcomes[outcome] += 1;
    this.#verifyDuration.observe(elapsedMs / 1000);
  }

  /** One answer of the token endpoint; only issued tokens are timed. */
  tokenAnswered(status: number, elapsedMs: number): void {
    this.#tokenRequests.inc({ status });
    if (status === 200) this.#tokenDuration.observe(elapsedMs / 1000);
  }

  rateLimited(kind: RateLimitKind): void {
    this.#rateLimited[kind] += 1;
  }

  keyDirectoryLookup(result: DirectoryLookup): void {
    this.#directoryLookups[result] += 1;
  }
}
