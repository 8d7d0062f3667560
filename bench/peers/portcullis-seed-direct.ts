/**
 * The one place where the 1,000,000-key scenario is wired in.
 *
 * Seeding a million keys through the HTTP API would take longer than the benchmark itself, so that scenario
 * seeds straight into the data directory with `seedKeysDirect(dataDir, tenantId, count)`, which the store's
 * authors provide. Until it exists this returns `undefined` and the scenario is reported as skipped. To wire
 * it in, replace the body of `loadSeedKeysDirect` with an import of the real function, e.g.
 *
 *     const { seedKeysDirect } = await import('../../src/store/seed-direct.ts');
 *     return seedKeysDirect;
 */

/**
 * Inserts `count` active keys for `tenantId` into the store under `dataDir` while the server is stopped, and
 * returns their plaintext values (the load generator needs them).
 */
export type SeedKeysDirect = (dataDir: string, tenantId: string, count: number) => Promise<readonly string[]>;

export async function loadSeedKeysDirect(): Promise<SeedKeysDirect | undefined> {
  return undefined;
}
