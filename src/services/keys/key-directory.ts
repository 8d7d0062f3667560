import { compileAllowlist } from '../../core/cidr.ts';
import type {
  DirectoryRows,
  DirectorySecretRow,
  DirectoryTenantRow,
  KeyForVerification,
  Store,
} from '../../store/index.ts';

/** 32-byte HMAC-SHA-256 digests, held as eight 32-bit words. */
const HASH_WORDS = 8;
/** Per record: the secret's expiry, the key's expiry, the key's revocation (NaN for none). */
const TIMES = 3;
/**
 * Per record: tenant number, scopes text number, allowlist text number, mode, type and credit-counting bits, meta text number,
 * external id text number, rate override (0 for none).
 */
const REFS = 7;
const TEST_MODE = 1;
const RESTRICTED = 2;
const COUNTS_CREDITS = 4;
/** Secrets per page of a full read on PostgreSQL, and sequence values per read of named writes. */
const FULL_READ_PAGE = 10_000;
const WRITES_PER_READ = 1_000;

interface DirectoryTenant {
  id: string;
  status: DirectoryTenantRow[1];
  planId: string;
}

/**
 * Every API key secret's verification standing, in memory, so that verifying a key the caches have never
 * seen costs a hash and a probe rather than a database read. Kept in typed arrays off the JavaScript heap
 * (about 100 bytes a secret; only the key ids, and the distinct meta and external id texts of keys that have
 * them, are strings on the heap), so a million keys add little work to garbage collection.
 *
 * It follows the store's directory sequence: every write that verification reads (a key created, revoked or
 * rolled; a tenant created, re-planned, suspended) records a sequence value on its row. On SQLite the
 * directory reads, synchronously, just the rows past the value it last saw, by this process or any other. On
 * PostgreSQL, values are not handed out in commit order, so it reads the rows whose values the invalidation
 * bus heard named by committed units (every row again after a gap in the bus), in the background. Until it
 * has caught up (the first load, a read in flight, a read inside a transaction, a bus that cannot confirm it
 * is current) it answers nothing and verification reads the database as before.
 *
 * A key it does not hold does not exist on SQLite, where it has read every commit before answering. On
 * PostgreSQL a key created on another node a moment ago may not have been heard of yet: a miss is read from
 * the database (`missesAreFinal`).
 *
 * Secrets are never removed: no store path deletes a key, a secret or a tenant.
 */
export class KeyDirectory {
  readonly #source: Pick<Store, 'apiKeys' | 'invalidation'>;
  readonly #enabled: boolean;
  readonly #onError: (error: unknown) => void;
  /** PostgreSQL: the background read in flight, if any; and whether the next must read every row. */
  #reading: Promise<void> | undefined;
  #fullReadNeeded = false;
  /** The directory sequence value the directory reflects; undefined before the first load. */
  #token: number | undefined;
  #count = 0;
  #capacity = 0;
  #hashes = new Int32Array(0);
  #times = new Float64Array(0);
  #refs = new Int32Array(0);
  #keyIds: string[] = [];
  /** Open addressing: each slot holds a record number + 1, or 0 when empty. */
  #slots = new Int32Array(0);
  #mask = 0;
  readonly #tenants: DirectoryTenant[] = [];
  readonly #tenantNumbers = new Map<string, number>();
  /** Stored scopes and allowlist texts, numbered; 0 stands for null. */
  readonly #texts: (string | null)[] = [null];
  readonly #textNumbers = new Map<string, number>();
  readonly #matchers: (((ip: string) => boolean) | undefined)[] = [undefined];
  readonly #scratch = Buffer.alloc(48);

  constructor(
    source: Pick<Store, 'apiKeys' | 'invalidation'>,
    enabled: boolean,
    onError: (error: unknown) => void = () => {},
  ) {
    this.#source = source;
    this.#enabled = enabled;
    this.#onError = onError;
  }

  get size(): number {
    return this.#count;
  }

  /** Whether a key the current directory does not hold is unknown to the database too (SQLite). */
  get missesAreFinal(): boolean {
    return this.#source.invalidation.takeDirectoryWrites === undefined;
  }

  /**
   * Brings the directory up to date, waiting for background reads and, up to `patienceMs`, for a bus that is
   * not yet listening (a node's start); false when it cannot answer.
   */
  async catchUp(patienceMs = 2_000): Promise<boolean> {
    const deadline = performance.now() + patienceMs;
    while (!this.current()) {
      if (this.#reading) await this.#reading;
      else if (!this.#enabled || performance.now() > deadline) return false;
      else await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return true;
  }

  /**
   * Whether the directory reflects every write the bus has told of, catching up first where that can be done
   * at once (SQLite); false when it cannot answer for now (turned off, a transaction open on the connection,
   * a read in flight, a bus not listening).
   */
  current(): boolean {
    if (!this.#enabled) return false;
    const token = this.#source.invalidation.directoryVersion();
    if (token === undefined) return false;
    if (token === this.#token) return true;
    return this.#source.invalidation.takeDirectoryWrites
      ? this.#readInBackground(token)
      : this.#catchUp(token);
  }

  /** Starts reading the writes the bus told of up to `token`, unless a read is in flight; false meanwhile. */
  #readInBackground(token: number): false {
    const take = this.#source.invalidation.takeDirectoryWrites;
    if (this.#reading || !take) return false;
    const writes = take();
    const all = writes === 'all' || this.#fullReadNeeded || this.#token === undefined;
    this.#reading = (all ? this.#readAll() : this.#readWrites(writes as readonly number[])).then(
      () => {
        this.#token = token;
        this.#fullReadNeeded = false;
        this.#reading = undefined;
      },
      (error: unknown) => {
        // The writes taken are lost with the failed read: the next read takes every row.
        this.#fullReadNeeded = true;
        this.#reading = undefined;
        this.#onError(error);
      },
    );
    return false;
  }

  async #readAll(): Promise<void> {
    const store = this.#source.apiKeys;
    for (const tenant of await store.directoryTenants()) this.#putTenant(tenant);
    for (let after = ''; ; ) {
      const page = await store.directorySecretsPage(after, FULL_READ_PAGE);
      // A key of a tenant created after the tenants were read is skipped: its write is named by a later notice.
      for (const secret of page) this.#putSecret(secret);
      const last = page.at(-1);
      if (page.length < FULL_READ_PAGE || last === undefined) return;
      after = last[0];
    }
  }

  async #readWrites(seqs: readonly number[]): Promise<void> {
    for (let start = 0; start < seqs.length; start += WRITES_PER_READ) {
      const rows = await this.#source.apiKeys.directoryRowsWritten(
        seqs.slice(start, start + WRITES_PER_READ),
      );
      for (const tenant of rows.tenants) this.#putTenant(tenant);
      for (const secret of rows.secrets) this.#putSecret(secret);
    }
  }

  /** The record of the secret with this HMAC digest, or -1. */
  find(digest: Buffer): number {
    const mask = this.#mask;
    if (mask === 0) return -1;
    const hashes = this.#hashes;
    const slots = this.#slots;
    const w0 = digest.readInt32LE(0);
    for (let slot = w0 & mask; ; slot = (slot + 1) & mask) {
      const held = slots[slot] as number;
      if (held === 0) return -1;
      const base = (held - 1) * HASH_WORDS;
      if (
        hashes[base] === w0 &&
        hashes[base + 1] === digest.readInt32LE(4) &&
        hashes[base + 2] === digest.readInt32LE(8) &&
        hashes[base + 3] === digest.readInt32LE(12) &&
        hashes[base + 4] === digest.readInt32LE(16) &&
        hashes[base + 5] === digest.readInt32LE(20) &&
        hashes[base + 6] === digest.readInt32LE(24) &&
        hashes[base + 7] === digest.readInt32LE(28)
      ) {
        return held - 1;
      }
    }
  }

  /** A record as the verification row the database would have returned. */
  rowAt(record: number): KeyForVerification {
    const times = this.#times;
    const refs = this.#refs;
    const t = record * TIMES;
    const r = record * REFS;
    const tenant = this.#tenants[refs[r] as number] as DirectoryTenant;
    const flags = refs[r + 3] as number;
    return {
      key_id: this.#keyIds[record] as string,
      tenant_id: tenant.id,
      secret_expires_at: nullable(times[t] as number),
      mode: flags & TEST_MODE ? 'test' : 'live',
      type: flags & RESTRICTED ? 'restricted' : 'secret',
      scopes: this.#texts[refs[r + 1] as number] ?? null,
      ip_allowlist: this.#texts[refs[r + 2] as number] ?? null,
      expires_at: nullable(times[t + 1] as number),
      revoked_at: nullable(times[t + 2] as number),
      meta: this.#texts[refs[r + 4] as number] ?? null,
      external_id: this.#texts[refs[r + 5] as number] ?? null,
      rate_limit_per_minute: (refs[r + 6] as number) || null,
      counts_credits: flags & COUNTS_CREDITS ? 1 : 0,
      tenant_status: tenant.status,
      plan_id: tenant.planId,
    };
  }

  /** The record's IP matcher, compiled once per distinct allowlist; undefined when it has none. */
  allowsAt(record: number): ((ip: string) => boolean) | undefined {
    const text = this.#refs[record * REFS + 2] as number;
    if (text === 0) return undefined;
    let matcher = this.#matchers[text];
    if (!matcher) {
      matcher = compileAllowlist(JSON.parse(this.#texts[text] as string) as string[]);
      this.#matchers[text] = matcher;
    }
    return matcher;
  }

  #catchUp(token: number): boolean {
    const rows: DirectoryRows | undefined = this.#source.apiKeys.directoryRows(this.#token ?? -1);
    if (!rows) return false;
    for (const tenant of rows.tenants) this.#putTenant(tenant);
    let complete = true;
    for (const secret of rows.secrets) if (!this.#putSecret(secret)) complete = false;
    // A key whose tenant committed after the tenants were read: read again from the same point next time.
    if (!complete) return false;
    this.#token = token;
    return true;
  }

  #putTenant([id, status, planId]: DirectoryTenantRow): void {
    const number = this.#tenantNumbers.get(id);
    if (number === undefined) {
      this.#tenantNumbers.set(id, this.#tenants.length);
      this.#tenants.push({ id, status, planId });
    } else {
      this.#tenants[number] = { id, status, planId };
    }
  }

  #putSecret(row: DirectorySecretRow): boolean {
    const [
      hash,
      keyId,
      tenantId,
      secretExpiresAt,
      mode,
      type,
      scopes,
      ipAllowlist,
      expiresAt,
      revokedAt,
      meta,
      externalId,
      rateLimitPerMinute,
      countsCredits,
    ] = row;
    const tenant = this.#tenantNumbers.get(tenantId);
    if (tenant === undefined) return false;
    const scratch = this.#scratch;
    if (scratch.write(hash, 0, 'base64url') !== 32) return true; // not a digest: no key can match it
    let record = this.find(scratch);
    if (record < 0) record = this.#append(scratch, keyId);
    const t = record * TIMES;
    this.#times[t] = secretExpiresAt ?? Number.NaN;
    this.#times[t + 1] = expiresAt ?? Number.NaN;
    this.#times[t + 2] = revokedAt ?? Number.NaN;
    const r = record * REFS;
    this.#refs[r] = tenant;
    this.#refs[r + 1] = this.#textNumber(scopes);
    this.#refs[r + 2] = this.#textNumber(ipAllowlist);
    this.#refs[r + 3] =
      (mode === 'test' ? TEST_MODE : 0) |
      (type === 'restricted' ? RESTRICTED : 0) |
      (countsCredits ? COUNTS_CREDITS : 0);
    this.#refs[r + 4] = this.#textNumber(meta);
    this.#refs[r + 5] = this.#textNumber(externalId);
    this.#refs[r + 6] = rateLimitPerMinute ?? 0;
    return true;
  }

  #textNumber(text: string | null): number {
    if (text === null) return 0;
    let number = this.#textNumbers.get(text);
    if (number === undefined) {
      number = this.#texts.length;
      this.#textNumbers.set(text, number);
      this.#texts.push(text);
      this.#matchers.push(undefined);
    }
    return number;
  }

  #append(digest: Buffer, keyId: string): number {
    if (this.#count === this.#capacity) this.#grow();
    const record = this.#count++;
    for (let word = 0; word < HASH_WORDS; word++) {
      this.#hashes[record * HASH_WORDS + word] = digest.readInt32LE(word * 4);
    }
    this.#keyIds.push(keyId);
    this.#place(record);
    return record;
  }

  /** Doubles every array (records and slots, kept at most half full) and places the records again. */
  #grow(): void {
    const capacity = Math.max(1024, this.#capacity * 2);
    const hashes = new Int32Array(capacity * HASH_WORDS);
    hashes.set(this.#hashes);
    this.#hashes = hashes;
    const times = new Float64Array(capacity * TIMES);
    times.set(this.#times);
    this.#times = times;
    const refs = new Int32Array(capacity * REFS);
    refs.set(this.#refs);
    this.#refs = refs;
    this.#slots = new Int32Array(capacity * 2);
    this.#mask = capacity * 2 - 1;
    for (let record = 0; record < this.#count; record++) this.#place(record);
    this.#capacity = capacity;
  }

  #place(record: number): void {
    const mask = this.#mask;
    let slot = (this.#hashes[record * HASH_WORDS] as number) & mask;
    while (this.#slots[slot] !== 0) slot = (slot + 1) & mask;
    this.#slots[slot] = record + 1;
  }
}

function nullable(time: number): number | null {
  return Number.isNaN(time) ? null : time;
}
