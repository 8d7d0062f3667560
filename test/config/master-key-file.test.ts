import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { loadConfig } from '../../src/config/load.ts';
import { parseMasterKey, readOrCreateMasterKey } from '../../src/config/master-key-file.ts';
import { PortcullisError } from '../../src/core/errors.ts';

const root = mkdtempSync(join(tmpdir(), 'portcullis-master-key-'));
after(() => rmSync(root, { recursive: true, force: true }));

let sequence = 0;
const configIn = (env: Record<string, string> = {}) =>
  loadConfig({ object: { dataDir: join(root, `data-${++sequence}`) }, env });

function assertConfigError(run: () => unknown, secret: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof PortcullisError);
    assert.equal(error.code, 'config_invalid');
    assert.ok(!error.detail.includes(secret), 'the value is not echoed');
    return true;
  });
}

describe('master key', () => {
  test('PORTCULLIS_MASTER_KEY: base64 (or base64url) of exactly 32 bytes', () => {
    const bytes = Buffer.alloc(32, 0xfb);
    for (const text of [
      bytes.toString('base64'),
      bytes.toString('base64url'),
      ` ${bytes.toString('base64')}\n`,
    ]) {
      assert.deepEqual(
        readOrCreateMasterKey(configIn({ PORTCULLIS_MASTER_KEY: text })),
        new Uint8Array(bytes),
      );
    }
  });

  test('a master key of the wrong length or alphabet is a config error that does not echo it', () => {
    for (const text of [
      Buffer.alloc(31).toString('base64'),
      Buffer.alloc(33).toString('base64'),
      'not base64 at all!',
      `${Buffer.alloc(32, 1).toString('base64')}$`,
    ]) {
      assertConfigError(() => readOrCreateMasterKey(configIn({ PORTCULLIS_MASTER_KEY: text })), text);
      assert.equal(parseMasterKey(text), undefined);
    }
  });

  test('without the env: <dataDir>/master-key is created 0600 once, then read back', () => {
    const config = configIn();
    const created = readOrCreateMasterKey(config);
    assert.equal(created.length, 32);
    const path = join(config.dataDir, 'master-key');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.deepEqual(parseMasterKey(readFileSync(path, 'utf8')), created);
    assert.deepEqual(readOrCreateMasterKey(config), created);
  });

  test('a damaged master-key file is a config error naming the file, not its content', () => {
    const config = configIn();
    readOrCreateMasterKey(config);
    const path = join(config.dataDir, 'master-key');
    writeFileSync(path, 'c2hvcnQ=\n');
    assertConfigError(() => readOrCreateMasterKey(config), 'c2hvcnQ=');
  });
});
