/**
 * The ceiling for JWT verification: plain `node:http` doing the least a JWT verify server must do — read the JSON
 * body, check the header (`alg` ES256, `typ` at+jwt, the one `kid`), verify the ES256 signature with node:crypto
 * against one public key, parse the claims, check `exp`, `iss` and `aud`, answer JSON. No key ring, no revocation
 * list, no caller authentication, no rate limiting, no logging.
 *
 * At start it makes an EC P-256 key pair and signs `BENCH_KEY_COUNT` access tokens shaped like Portcullis' (RFC
 * 9068 claims plus `tenant` and `mode`, one hour of lifetime), spread over a few client ids, and writes them to
 * `BENCH_KEYS_FILE` for the load generator.
 */
import { generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import { SignJWT } from 'jose';
import {
  announceReady,
  createVerifyServer,
  listenOnLoopback,
  readPeerEnv,
  writeKeys,
} from '../lib/server-peer.ts';
import { packageVersion } from '../lib/versions.ts';
import { jwtClientCount, tokenAudience, tokenScope } from '../lib/workloads.ts';

const { keyCount, keysFile } = readPeerEnv();

const issuer = 'http://127.0.0.1';
const kid = randomBytes(8).toString('base64url');
const clockToleranceSeconds = 30;
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

interface Claims {
  sub: string;
  client_id: string;
  scope: string;
  tenant: string;
  mode: string;
}

async function signToken(index: number): Promise<string> {
  const clientId = `cli_bench_${index % jwtClientCount}`;
  return new SignJWT({ client_id: clientId, scope: tokenScope, tenant: 'ten_bench', mode: 'live' })
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
    .setIssuer(issuer)
    .setSubject(clientId)
    .setAudience(tokenAudience)
    .setJti(randomBytes(16).toString('base64url'))
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
}

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The token's claims when it is one of ours and valid now; `undefined` otherwise. */
function verifyToken(token: string, nowSeconds: number): Claims | undefined {
  const [headerPart, payloadPart, signaturePart, extra] = token.split('.');
  if (headerPart === undefined || payloadPart === undefined || signaturePart === undefined) return undefined;
  if (extra !== undefined) return undefined;
  const header = decodeSegment(headerPart);
  if (header?.alg !== 'ES256' || header.typ !== 'at+jwt' || header.kid !== kid) return undefined;
  const signed = Buffer.from(`${headerPart}.${payloadPart}`);
  const signature = Buffer.from(signaturePart, 'base64url');
  if (!verify('sha256', signed, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)) return undefined;
  const payload = decodeSegment(payloadPart);
  if (payload === undefined || payload.iss !== issuer) return undefined;
  const { aud, exp } = payload;
  if (!(aud === tokenAudience || (Array.isArray(aud) && aud.includes(tokenAudience)))) return undefined;
  if (typeof exp !== 'number' || exp + clockToleranceSeconds <= nowSeconds) return undefined;
  return payload as unknown as Claims;
}

const server = createVerifyServer((token) => {
  const claims = verifyToken(token, Date.now() / 1000);
  return claims === undefined
    ? { valid: false, code: 'malformed' }
    : {
        valid: true,
        credentialType: 'access_token',
        tenantId: claims.tenant,
        clientId: claims.client_id,
        mode: claims.mode,
        scopes: claims.scope.split(' '),
      };
});

await writeKeys(
  keysFile,
  await Promise.all(Array.from({ length: keyCount }, (_, index) => signToken(index))),
);
const port = await listenOnLoopback(server);
announceReady({
  port,
  versions: {},
  settings: {
    verify: 'node:crypto verify (ES256, ieee-p1363) against one public key; exp/iss/aud checks',
    signedWith: `jose ${packageVersion('jose')}, outside the measurement`,
  },
});
