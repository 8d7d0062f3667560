/**
 * The ceiling: plain `node:http` doing the least any verify server must do — read the JSON body, look the key
 * up in an in-memory Map, answer JSON. No hashing, no caller authentication, no logging, no rate limiting.
 */
import { randomBytes } from 'node:crypto';
import {
  announceReady,
  createVerifyServer,
  listenOnLoopback,
  readPeerEnv,
  writeKeys,
} from '../lib/server-peer.ts';

interface KeyRecord {
  keyId: string;
  ownerId: string;
  scopes: string[];
}

const { keyCount, keysFile } = readPeerEnv();

const keys = new Map<string, KeyRecord>();
for (let i = 0; i < keyCount; i++) {
  keys.set(`sk_live_${randomBytes(24).toString('base64url')}`, {
    keyId: `key_${i}`,
    ownerId: 'ten_bench',
    scopes: ['*'],
  });
}

const server = createVerifyServer((key) => {
  const record = keys.get(key);
  return record === undefined ? { valid: false, code: 'not_found' } : { valid: true, ...record };
});

await writeKeys(keysFile, [...keys.keys()]);
const port = await listenOnLoopback(server);
announceReady({ port, versions: {}, settings: { store: 'in-memory Map', hashing: false } });
