import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { checkClientJwks, jwksUriProblem } from '../../src/core/client-jwks.ts';

const jwkOf = (type: 'ec' | 'rsa' | 'ed25519', modulusLength = 2048) => {
  const pair =
    type === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : type === 'rsa'
        ? generateKeyPairSync('rsa', { modulusLength })
        : generateKeyPairSync('ed25519');
  return {
    publicJwk: pair.publicKey.export({ format: 'jwk' }),
    privateJwk: pair.privateKey.export({ format: 'jwk' }),
  };
};

describe('client key sets (decision 035)', () => {
  it('accepts EC P-256, RSA ≥ 2048 and Ed25519 public keys, keeping only their public members', () => {
    const keys = [jwkOf('ec').publicJwk, jwkOf('rsa').publicJwk, jwkOf('ed25519').publicJwk];
    const checked = checkClientJwks({ keys: keys.map((key, i) => ({ ...key, kid: `k${i}`, ext: true })) });
    assert.ok(checked.ok);
    assert.deepEqual(
      checked.jwks.keys.map((key) => key.kty),
      ['EC', 'RSA', 'OKP'],
    );
    assert.ok(checked.jwks.keys.every((key) => !('ext' in key)));
  });

  it('refuses private material, weak or unknown keys, bad sizes and repeated kids, naming the key', () => {
    const ec = jwkOf('ec');
    for (const [value, message] of [
      [undefined, /JWK Set/],
      [{ keys: [] }, /1 to 10/],
      [{ keys: Array.from({ length: 11 }, () => ec.publicJwk) }, /1 to 10/],
      [{ keys: [ec.privateJwk] }, /keys\[0\] holds private key material/],
      [{ keys: [jwkOf('rsa').privateJwk] }, /private key material/],
      [{ keys: [ec.publicJwk, { kty: 'oct', k: 'AAAA' }] }, /keys\[1\] holds private key material/],
      [{ keys: [jwkOf('rsa', 1024).publicJwk] }, /2048/],
      [{ keys: [{ ...ec.publicJwk, crv: 'P-384' }] }, /P-256/],
      [{ keys: [{ ...ec.publicJwk, alg: 'RS256' }] }, /alg must be one of ES256/],
      [{ keys: [{ ...ec.publicJwk, use: 'enc' }] }, /use must be sig/],
      [
        {
          keys: [
            { ...ec.publicJwk, kid: 'a' },
            { ...ec.publicJwk, kid: 'a' },
          ],
        },
        /repeats kid/,
      ],
      [{ keys: [{ kty: 'OKP', crv: 'X25519', x: 'AAAA' }] }, /Ed25519/],
    ] as const) {
      const checked = checkClientJwks(value);
      assert.ok(!checked.ok, JSON.stringify(value)?.slice(0, 80));
      assert.match(checked.message, message);
    }
  });

  it('a jwks_uri is an https URL without credentials or fragment (http only when allowed)', () => {
    assert.equal(jwksUriProblem('https://agent.example.com/jwks.json', false), undefined);
    assert.equal(jwksUriProblem('http://127.0.0.1:8080/jwks.json', true), undefined);
    assert.match(jwksUriProblem('http://agent.example.com/jwks.json', false) ?? '', /https/);
    assert.match(jwksUriProblem('https://u:p@agent.example.com/k', false) ?? '', /credentials/);
    assert.match(jwksUriProblem('https://agent.example.com/k#x', false) ?? '', /fragment/);
    assert.match(jwksUriProblem(42, false) ?? '', /URL/);
  });
});
