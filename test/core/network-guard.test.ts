import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isForbiddenAddress } from '../../src/core/network-guard.ts';
import { filterMatches, subscribesTo } from '../../src/core/webhook-events.ts';
import { attemptVerdict, retryDelayMs } from '../../src/core/webhook-retry.ts';

describe('addresses a webhook may not reach', () => {
  const forbidden = [
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254', // cloud metadata
    '100.64.0.1', // CGNAT
    '100.127.255.254',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd00:ec2::254', // AWS metadata over IPv6
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    'not an address',
  ];
  for (const address of forbidden) {
    it(`refuses ${address}`, () => assert.equal(isForbiddenAddress(address), true));
  }
  for (const address of ['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111']) {
    it(`allows ${address}`, () => assert.equal(isForbiddenAddress(address), false));
  }
});

describe('event filters', () => {
  it('a type, a prefix pattern or everything', () => {
    assert.equal(filterMatches('key.created', 'key.created'), true);
    assert.equal(filterMatches('key.created', 'key.revoked'), false);
    assert.equal(filterMatches('key.*', 'key.revoked'), true);
    assert.equal(filterMatches('key.*', 'keys.revoked'), false);
    assert.equal(filterMatches('*', 'booking.created'), true);
    assert.equal(subscribesTo(['client.*', 'key.created'], 'key.created'), true);
    assert.equal(subscribesTo(['client.*'], 'key.created'), false);
  });
});

describe('retries', () => {
  it('follow the schedule with ±10% jitter and end when it is spent', () => {
    const schedule = [5000, 300_000];
    assert.equal(retryDelayMs(schedule, 1, 0.5), 5000);
    assert.equal(retryDelayMs(schedule, 1, 0), 4500);
    assert.ok((retryDelayMs(schedule, 2, 0.999) as number) <= 330_000);
    assert.equal(retryDelayMs(schedule, 3, 0.5), undefined);
  });

  it('2xx is delivered, 410 is gone, 3xx and the rest failed', () => {
    assert.equal(attemptVerdict(200), 'delivered');
    assert.equal(attemptVerdict(204), 'delivered');
    assert.equal(attemptVerdict(301), 'failed');
    assert.equal(attemptVerdict(410), 'gone');
    assert.equal(attemptVerdict(500), 'failed');
    assert.equal(attemptVerdict(null), 'failed');
  });
});
