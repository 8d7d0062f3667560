import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPassword, hashPassword, OWASP_ARGON2 } from '../../src/core/password-hash.ts';
import { cryptoRandom } from '../../src/core/random.ts';
import { matchesRolePattern, rankOf } from '../../src/core/roles.ts';

describe('passwords: argon2id in PHC strings', () => {
  test('a hash names its parameters, matches its password only, and tells when parameters were raised', async () => {
    const stored = await hashPassword('correct horse battery staple', OWASP_ARGON2, cryptoRandom);
    assert.match(stored, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    assert.notEqual(stored, await hashPassword('correct horse battery staple', OWASP_ARGON2, cryptoRandom));
    assert.deepEqual(await checkPassword('correct horse battery staple', stored, OWASP_ARGON2), {
      matches: true,
      outdated: false,
    });
    assert.equal((await checkPassword('correct horse battery stapler', stored, OWASP_ARGON2)).matches, false);
    const stronger = { ...OWASP_ARGON2, passes: 3 };
    assert.deepEqual(await checkPassword('correct horse battery staple', stored, stronger), {
      matches: true,
      outdated: true,
    });
  });

  test('a stored string that cannot be read matches nothing', async () => {
    for (const stored of [
      '',
      'plain',
      '$argon2i$v=19$m=19456,t=2,p=1$AAAA$AAAA',
      '$2b$10$abcdefghijklmnopqrstuu',
    ]) {
      assert.equal((await checkPassword('anything at all', stored, OWASP_ARGON2)).matches, false);
    }
  });
});

describe('roles', () => {
  test('owner > manager > developer > viewer', () => {
    assert.ok(rankOf('owner') > rankOf('manager'));
    assert.ok(rankOf('manager') > rankOf('developer'));
    assert.ok(rankOf('developer') > rankOf('viewer'));
  });

  test('runtime patterns: `*` stands for any run of characters, anywhere', () => {
    const cases: Array<[string, string, boolean]> = [
      ['*', 'bookings:write', true],
      ['read:*', 'read:entities', true],
      ['read:*', 'read:*', true],
      ['*:read', 'analytics:read', true],
      ['*:read', 'tenant:profile:read', true],
      ['*:read', 'bookings:write', false],
      ['*.read', 'hub-protocol.read', true],
      ['*.read', 'hub-protocol.write', false],
      ['read:*', 'write:entities', false],
      ['bookings:read', 'bookings:read', true],
      ['bookings:read', 'bookings:reads', false],
      ['a*b*c', 'axxbyyc', true],
      ['a*b*c', 'acb', false],
    ];
    for (const [pattern, scope, expected] of cases) {
      assert.equal(matchesRolePattern(pattern, scope), expected, `${pattern} vs ${scope}`);
    }
  });
});
