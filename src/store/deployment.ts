import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Scope } from './scope.ts';

/** What every node of one deployment agrees on (migration 007). Holds no secret. */
export interface Deployment {
  /** The issuer of every node that does not set `PORTCULLIS_PUBLIC_URL`; null until the first node listens. */
  issuer: string | null;
  /** The pepper version new secrets are hashed under: every node's pepper ring must hold it. */
  currentPepperVersion: number;
  /** HMAC of a fixed label under each pepper version the deployment has used, by version. */
  pepperChecks: ReadonlyMap<number, string>;
  /** A fixed text sealed under the master key, which a node must be able to open. */
  masterKeyCheck: string;
  createdAt: number;
  /** The configuration the last server started with: its fingerprint and where it came from. */
  servedConfig: ServedConfig | null;
}

export interface ServedConfig {
  fingerprint: string;
  /** The config file's absolute path, or `the built-in configuration`. */
  source: string;
}

export interface PepperCheck {
  version: number;
  labelHmac: string;
}

const ROW_ID = 1;

async function insertPeppers(db: Kysely<Database>, peppers: readonly PepperCheck[], at: number) {
  if (peppers.length === 0) return;
  await db
    .insertInto('deployment_peppers')
    .values(
      peppers.map((pepper) => ({ version: pepper.version, label_hmac: pepper.labelHmac, created_at: at })),
    )
    .onConflict((conflict) => conflict.column('version').doNothing())
    .execute();
}

/**
 * The deployment record. Every write is insert-if-absent and then a read: two nodes starting at once on one
 * database both end up reading what the first one wrote, and each checks its own secrets against that.
 */
export class DeploymentStore {
  readonly #scope: Scope;

  constructor(scope: Scope) {
    this.#scope = scope;
  }

  async get(): Promise<Deployment | undefined> {
    const { db } = this.#scope;
    const row = await db.selectFrom('deployment').selectAll().where('id', '=', ROW_ID).executeTakeFirst();
    if (!row) return undefined;
    const peppers = await db.selectFrom('deployment_peppers').selectAll().orderBy('version').execute();
    return {
      issuer: row.issuer,
      currentPepperVersion: Number(row.current_pepper_version),
      pepperChecks: new Map(peppers.map((pepper) => [Number(pepper.version), pepper.label_hmac])),
      masterKeyCheck: row.master_key_check,
      createdAt: Number(row.created_at),
      servedConfig:
        row.served_config_fingerprint === null
          ? null
          : { fingerprint: row.served_config_fingerprint, source: row.served_config_source ?? 'unknown' },
    };
  }

  /** Writes the record unless one exists, with its current pepper's check; returns the stored record. */
  async insertIfAbsent(deployment: {
    issuer: string | null;
    currentPepper: PepperCheck;
    masterKeyCheck: string;
    createdAt: number;
  }): Promise<Deployment> {
    await this.#scope.write(async (unit) => {
      const inserted = await unit.db
        .insertInto('deployment')
        .values({
          id: ROW_ID,
          issuer: deployment.issuer,
          current_pepper_version: deployment.currentPepper.version,
          master_key_check: deployment.masterKeyCheck,
          created_at: deployment.createdAt,
        })
        .onConflict((conflict) => conflict.column('id').doNothing())
        .executeTakeFirst();
      // Another node's record won: its pepper rows are its own, and this node's are checked against them.
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return;
      await insertPeppers(unit.db, [deployment.currentPepper], deployment.createdAt);
    });
    return this.#stored();
  }

  /**
   * Adds the checks of pepper versions not yet recorded (a version already there keeps its first check);
   * `current`, when given, becomes the version new secrets are hashed under. Returns the stored record.
   */
  async addPeppers(peppers: readonly PepperCheck[], current: number | undefined, at: number) {
    await this.#scope.write(async (unit) => {
      await insertPeppers(unit.db, peppers, at);
      if (current !== undefined) {
        await unit.db
          .updateTable('deployment')
          .set({ current_pepper_version: current })
          .where('id', '=', ROW_ID)
          .execute();
      }
    });
    return this.#stored();
  }

  /** Records the configuration a server starts with; the last server started wins. */
  async recordServedConfig(served: ServedConfig): Promise<void> {
    await this.#scope.write((unit) =>
      unit.db
        .updateTable('deployment')
        .set({ served_config_fingerprint: served.fingerprint, served_config_source: served.source })
        .where('id', '=', ROW_ID)
        .execute(),
    );
  }

  /** Stores `issuer` unless an issuer is stored already; returns the stored one. */
  async claimIssuer(issuer: string): Promise<string> {
    await this.#scope.write((unit) =>
      unit.db
        .updateTable('deployment')
        .set({ issuer })
        .where('id', '=', ROW_ID)
        .where('issuer', 'is', null)
        .execute(),
    );
    const stored = await this.#stored();
    return stored.issuer ?? issuer;
  }

  async #stored(): Promise<Deployment> {
    const stored = await this.get();
    if (!stored) throw new Error('the deployment record is missing after it was written');
    return stored;
  }
}
