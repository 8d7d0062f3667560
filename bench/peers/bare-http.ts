/**
 * The ceiling: plain `node:http` doing the least any verify server must do — read the JSON body, look the key
 * up in an in-memory Map, answer JSON. No hashing, no caller authentication, no logging, no rate limiting.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import {
  announceReady,
  keyFromBody,
  listenOnLoopback,
  readBody,
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

function sendJson(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const server = createServer(async (req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/v1/verify') {
    sendJson(res, 404, '{"error":"not_found"}');
    return;
  }
  const key = keyFromBody(await readBody(req));
  if (key === undefined) {
    sendJson(res, 400, '{"error":"bad_request"}');
    return;
  }
  const record = keys.get(key);
  sendJson(
    res,
    200,
    JSON.stringify(record === undefined ? { valid: false, code: 'not_found' } : { valid: true, ...record }),
  );
});

await writeKeys(keysFile, [...keys.keys()]);
const port = await listenOnLoopback(server);
announceReady({ port, versions: {}, settings: { store: 'in-memory Map', hashing: false } });
