import type { ActivityRecord, Store } from '../../store/index.ts';

const NO_REQUESTS = { count: 0, values: new Float64Array(0), strings: [] };
const NO_STAMPS: ReadonlyMap<string, number> = new Map();

/**
 * Durable activity rows for high-rate operations (token issuance), by group commit: the rows appended while
 * the event loop runs one turn are written together in one transaction, off the request thread where the
 * database allows it, and each caller's promise settles once the transaction holding its row has committed.
 * The caller answers after that, so no acknowledged issuance lacks its row, at the cost of about one write
 * round trip (a few milliseconds under load) instead of one transaction per row.
 */
export class GroupCommit {
  readonly #store: Pick<Store, 'feedWriter'>;
  #batch: ActivityRecord[] = [];
  #waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  #scheduled = false;
  #uncommitted = 0;

  constructor(store: Pick<Store, 'feedWriter'>) {
    this.#store = store;
  }

  /** Rows appended whose transaction has not committed yet (`/metrics`). */
  get uncommitted(): number {
    return this.#uncommitted;
  }

  append(record: ActivityRecord): Promise<void> {
    this.#batch.push(record);
    this.#uncommitted += 1;
    const committed = new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.#commit());
    }
    return committed;
  }

  #commit(): void {
    const batch = this.#batch;
    const waiters = this.#waiters;
    this.#batch = [];
    this.#waiters = [];
    this.#scheduled = false;
    // No usage counts: they are the request feed's to write, once a minute.
    this.#store.feedWriter.write(NO_REQUESTS, NO_STAMPS, batch, Number.NEGATIVE_INFINITY).then(
      () => {
        this.#uncommitted -= batch.length;
        for (const waiter of waiters) waiter.resolve();
      },
      (error: unknown) => {
        this.#uncommitted -= batch.length;
        for (const waiter of waiters) waiter.reject(error);
      },
    );
  }
}
