import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { compileAllowlist, parseCidr } from '../../src/core/cidr.ts';

function ipv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.');
}

function ipv6(value: bigint): string {
  const groups: string[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(((value >> shift) & 0xffffn).toString(16));
  return groups.join(':');
}

const v4 = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const v6 = fc.bigInt({ min: 0n, max: 2n ** 128n - 1n });

describe('parseCidr', () => {
  test('accepts valid IPv4 and IPv6 CIDRs and bare addresses', () => {
    assert.deepEqual(parseCidr('203.0.113.0/24'), { address: '203.0.113.0', prefix: 24, family: 'ipv4' });
    assert.deepEqual(parseCidr('0.0.0.0/0'), { address: '0.0.0.0', prefix: 0, family: 'ipv4' });
    assert.deepEqual(parseCidr('198.51.100.7'), { address: '198.51.100.7', prefix: 32, family: 'ipv4' });
    assert.deepEqual(parseCidr('2001:db8::/32'), { address: '2001:db8::', prefix: 32, family: 'ipv6' });
    assert.deepEqual(parseCidr('::1'), { address: '::1', prefix: 128, family: 'ipv6' });
    assert.deepEqual(parseCidr('::/0'), { address: '::', prefix: 0, family: 'ipv6' });
    assert.deepEqual(parseCidr('::ffff:1.2.3.4/128'), {
      address: '::ffff:1.2.3.4',
      prefix: 128,
      family: 'ipv6',
    });
  });

  test('accepts every in-range prefix and rejects every prefix above 32 (v4) or 128 (v6)', () => {
    fc.assert(
      fc.property(v4, v6, fc.integer({ min: 0, max: 999 }), (four, six, bits) => {
        assert.equal(parseCidr(`${ipv4(four)}/${bits}`)?.prefix, bits <= 32 ? bits : undefined);
        assert.equal(parseCidr(`${ipv6(six)}/${bits}`)?.prefix, bits <= 128 ? bits : undefined);
      }),
    );
  });

  test('rejects junk: bad octets, bad prefixes, spaces, empty parts, long strings', () => {
    const junk = [
      '',
      '/24',
      'localhost',
      '256.0.0.1',
      '1.2.3',
      '1.2.3.4.5',
      '01.2.3.4',
      '1.2.3.-1',
      '1.2.3.4/33',
      '1.2.3.4/',
      '1.2.3.4/033x',
      '1.2.3.4/-1',
      '1.2.3.4/+8',
      '1.2.3.4/1e1',
      '1.2.3.4/0x8',
      '1.2.3.4/8/8',
      '1.2.3.4/1000',
      ' 1.2.3.4',
      '1.2.3.4 ',
      '1.2.3.4/ 8',
      '1.2.3.4/8 ',
      '1.2.3.4/8\n',
      '1.2.3.4 /8',
      '::/129',
      '2001:db8::/',
      '2001:db8:::1',
      'gggg::1',
      `1.2.3.4/${'0'.repeat(70)}`,
      `${'1'.repeat(65)}`,
    ];
    for (const text of junk) assert.equal(parseCidr(text), undefined, JSON.stringify(text));
  });

  test('a space or tab inserted anywhere in a valid CIDR makes it invalid', () => {
    fc.assert(
      fc.property(
        v4,
        fc.integer({ min: 0, max: 32 }),
        fc.nat(),
        fc.constantFrom(' ', '\t'),
        (a, bits, at, space) => {
          const text = `${ipv4(a)}/${bits}`;
          const index = at % (text.length + 1);
          assert.equal(parseCidr(text.slice(0, index) + space + text.slice(index)), undefined);
        },
      ),
    );
  });

  test('strings longer than 64 characters are rejected', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 65, maxLength: 500 }), (text) => {
        assert.equal(parseCidr(text), undefined);
      }),
    );
  });
});

describe('compileAllowlist', () => {
  test('matches addresses inside the blocks and not outside', () => {
    const allowed = compileAllowlist(['203.0.113.0/24', '198.51.100.7', '2001:db8::/32']);
    for (const ip of ['203.0.113.0', '203.0.113.255', '198.51.100.7', '2001:db8::1', '2001:db8:ffff::']) {
      assert.equal(allowed(ip), true, ip);
    }
    for (const ip of ['203.0.114.0', '203.0.112.255', '198.51.100.8', '2001:db9::', '::1', '10.0.0.1']) {
      assert.equal(allowed(ip), false, ip);
    }
  });

  test('a block written with host bits set still covers its whole network', () => {
    const allowed = compileAllowlist(['203.0.113.77/24']);
    assert.equal(allowed('203.0.113.1'), true);
    assert.equal(allowed('203.0.114.77'), false);
  });

  test('IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) match IPv4 rules', () => {
    const allowed = compileAllowlist(['1.2.3.0/24']);
    assert.equal(allowed('::ffff:1.2.3.4'), true);
    assert.equal(allowed('::ffff:1.2.4.4'), false);
  });

  test('junk, empty lists and junk rules match nothing', () => {
    assert.equal(compileAllowlist([])('1.2.3.4'), false);
    assert.equal(compileAllowlist(['not a cidr', '1.2.3.4/99'])('1.2.3.4'), false);
    const allowed = compileAllowlist(['0.0.0.0/0', '::/0']);
    for (const ip of ['', 'localhost', '1.2.3.4/32', '::ffff:', '::ffff:1.2.3', ' 1.2.3.4']) {
      assert.equal(allowed(ip), false, ip);
    }
  });

  test('a random IPv4 address lies inside its own block; flipping a network bit leaves it, a host bit not', () => {
    fc.assert(
      fc.property(v4, fc.integer({ min: 0, max: 32 }), fc.nat(), (address, bits, pick) => {
        const allowed = compileAllowlist([`${ipv4(address)}/${bits}`]);
        assert.equal(allowed(ipv4(address)), true);
        assert.equal(allowed(`::ffff:${ipv4(address)}`), true);
        if (bits > 0) {
          assert.equal(allowed(ipv4((address ^ 0x80000000) >>> 0)), false, 'top bit of the network part');
          const networkBit = 31 - (pick % bits);
          assert.equal(allowed(ipv4((address ^ (1 << networkBit)) >>> 0)), false);
          assert.equal(allowed(`::ffff:${ipv4((address ^ (1 << networkBit)) >>> 0)}`), false);
        }
        if (bits < 32) assert.equal(allowed(ipv4((address ^ (1 << (pick % (32 - bits)))) >>> 0)), true);
      }),
      { numRuns: 500 },
    );
  });

  test('a random IPv6 address lies inside its own block; flipping a network bit leaves it, a host bit not', () => {
    fc.assert(
      fc.property(v6, fc.integer({ min: 0, max: 128 }), fc.nat(), (address, bits, pick) => {
        const allowed = compileAllowlist([`${ipv6(address)}/${bits}`]);
        assert.equal(allowed(ipv6(address)), true);
        if (bits > 0) {
          assert.equal(allowed(ipv6(address ^ (1n << 127n))), false, 'top bit of the network part');
          assert.equal(allowed(ipv6(address ^ (1n << BigInt(127 - (pick % bits))))), false);
        }
        if (bits < 128) assert.equal(allowed(ipv6(address ^ (1n << BigInt(pick % (128 - bits))))), true);
      }),
      { numRuns: 500 },
    );
  });
});
