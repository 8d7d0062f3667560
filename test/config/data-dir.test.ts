import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadConfig } from '../../src/config/load.ts';
import { readOrCreatePepper } from '../../src/config/pepper-file.ts';
import { openStore } from '../../src/store/index.ts';

const root = mkdtempSync(join(tmpdir(), 'portcullis-datadir-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('a data directory Portcullis creates is readable by its owner only (0700), the pepper file 0600', async () => {
  const dataDir = join(root, 'fresh', 'data');
  readOrCreatePepper(loadConfig({ object: { dataDir }, env: {} }));
  assert.equal(statSync(dataDir).mode & 0o777, 0o700);
  assert.equal(statSync(join(dataDir, 'pepper')).mode & 0o777, 0o600);

  const storeDir = join(root, 'store-first');
  const store = await openStore({ sqlitePath: join(storeDir, 'portcullis.db') });
  await store.close();
  assert.equal(statSync(storeDir).mode & 0o777, 0o700);
});
