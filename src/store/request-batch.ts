import type { RequestRecord } from './request-log.ts';

/**
 * Request-feed rows buffered column by column: every value of a row goes into one growing Float64Array, a
 * string as its index in a table of the batch's distinct strings (-1 for null). Appending a row allocates
 * nothing that outlives the request (the ids are the cached credential's own strings), and handing a batch
 * to the writer thread copies one buffer instead of cloning thousands of objects: the clone stalled the
 * request thread for milliseconds at every flush. See docs/decisions/010-request-feed-batches.md.
 */
export interface PackedRequests {
  count: number;
  /** `REQUEST_FIELDS` values per row, in `REQUEST_COLUMNS` order, `count` rows. */
  values: Float64Array;
  strings: string[];
}

/** The request_log columns a row fills, in the order `values` holds them. */
export const REQUEST_COLUMNS = [
  'tenant_id',
  'credential_id',
  'credential_type',
  'at',
  'method',
  'path',
  'status',
  'outcome',
  'latency_ms',
  'ip',
  'rate_limited',
] as const;

/** Values per row in `PackedRequests.values`. */
export const REQUEST_FIELDS = REQUEST_COLUMNS.length;

const INITIAL_ROWS = 1024;

export class RequestBatch {
  #values = new Float64Array(INITIAL_ROWS * REQUEST_FIELDS);
  #count = 0;
  #strings: string[] = [];
  #index = new Map<string, number>();

  get count(): number {
    return this.#count;
  }

  append(record: RequestRecord): void {
    if ((this.#count + 1) * REQUEST_FIELDS > this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    const values = this.#values;
    const at = this.#count * REQUEST_FIELDS;
    values[at] = this.#intern(record.tenantId);
    values[at + 1] = this.#intern(record.credentialId);
    values[at + 2] = this.#intern(record.credentialType);
    values[at + 3] = record.at;
    values[at + 4] = this.#intern(record.method);
    values[at + 5] = this.#intern(record.path);
    values[at + 6] = record.status;
    values[at + 7] = this.#intern(record.outcome);
    values[at + 8] = record.latencyMs;
    values[at + 9] = this.#intern(record.ip);
    values[at + 10] = record.rateLimited ? 1 : 0;
    this.#count += 1;
  }

  /** Hands over a copy of everything appended so far and starts empty, keeping its buffer. */
  take(): PackedRequests {
    const values = this.#values.slice(0, this.#count * REQUEST_FIELDS);
    const packed = { count: this.#count, values, strings: this.#strings };
    this.#count = 0;
    this.#strings = [];
    this.#index = new Map();
    return packed;
  }

  #intern(value: string | null): number {
    if (value === null) return -1;
    let index = this.#index.get(value);
    if (index === undefined) {
      index = this.#strings.length;
      this.#strings.push(value);
      this.#index.set(value, index);
    }
    return index;
  }
}

function textAt(packed: PackedRequests, offset: number): string | null {
  const index = packed.values[offset] as number;
  return index < 0 ? null : (packed.strings[index] as string);
}

/** Pushes row `row`'s values onto `into` as SQL parameters, in `REQUEST_COLUMNS` order. */
export function rowParameters(packed: PackedRequests, row: number, into: (string | number | null)[]): void {
  const { values } = packed;
  const at = row * REQUEST_FIELDS;
  into.push(textAt(packed, at), textAt(packed, at + 1), textAt(packed, at + 2), values[at + 3] as number);
  into.push(textAt(packed, at + 4), textAt(packed, at + 5), values[at + 6] as number, textAt(packed, at + 7));
  into.push(values[at + 8] as number, textAt(packed, at + 9), values[at + 10] as number);
}

export function unpackRequests(packed: PackedRequests): RequestRecord[] {
  const { values } = packed;
  return Array.from({ length: packed.count }, (_, row) => {
    const at = row * REQUEST_FIELDS;
    return {
      tenantId: textAt(packed, at) as string,
      credentialId: textAt(packed, at + 1) as string,
      credentialType: textAt(packed, at + 2) as string,
      at: values[at + 3] as number,
      method: textAt(packed, at + 4),
      path: textAt(packed, at + 5),
      status: values[at + 6] as number,
      outcome: textAt(packed, at + 7) as string,
      latencyMs: values[at + 8] as number,
      ip: textAt(packed, at + 9),
      rateLimited: values[at + 10] === 1,
    };
  });
}

/** The time of the batch's newest row; -Infinity for none. */
export function latestAt(packed: PackedRequests): number {
  let latest = Number.NEGATIVE_INFINITY;
  for (let at = REQUEST_COLUMNS.indexOf('at'); at < packed.count * REQUEST_FIELDS; at += REQUEST_FIELDS) {
    latest = Math.max(latest, packed.values[at] as number);
  }
  return latest;
}
