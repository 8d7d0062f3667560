import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type FailureEvent, FailureLog } from '../../src/services/audit/failure-log.ts';
import type { ActivityRecord } from '../../src/store/index.ts';

const T0 = Date.UTC(2026, 5, 1, 12);

const failure = (overrides: Partial<FailureEvent> = {}): FailureEvent => ({
  tenantId: 'ten_a',
  action: 'client.authentication_failed',
  actor: { type: 'client', id: 'cl_a', ip: '192.0.2.1' },
  targetType: 'client',
  targetId: 'cl_a',
  reason: 'invalid_secret',
  ...overrides,
});

/** A distinct client's failure: its own row. */
const clientFailure = (id: string, tenantId: string | null = 'ten_a') =>
  failure({ tenantId, actor: { type: 'client', id, ip: null }, targetId: id });

function newLog() {
  const written: ActivityRecord[] = [];
  return { log: new FailureLog((record) => written.push(record)), written };
}

describe('FailureLog', () => {
  it('gathers one row per (tenant, action, actor, target, reason): count, first and last time, up to 5 addresses', () => {
    const { log, written } = newLog();
    for (let i = 0; i < 7; i++) {
      log.record(failure({ actor: { type: 'client', id: 'cl_a', ip: `192.0.2.${i % 6}` } }), T0 + i * 1000);
    }
    log.record(failure({ reason: 'expired' }), T0 + 10);
    log.record(failure({ tenantId: 'ten_b' }), T0 + 20);
    log.record(failure({ action: 'access.denied', reason: 'manage:keys' }), T0 + 30);
    assert.equal(written.length, 0, 'nothing is handed on before the window ends or a reader drains it');

    log.drain();
    assert.deepEqual(written[0], {
      tenantId: 'ten_a',
      at: T0,
      actorType: 'client',
      actorId: 'cl_a',
      ip: '192.0.2.0',
      action: 'client.authentication_failed',
      targetType: 'client',
      targetId: 'cl_a',
      details: {
        reason: 'invalid_secret',
        count: 7,
        firstAt: T0,
        lastAt: T0 + 6000,
        ips: ['192.0.2.0', '192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4'],
      },
    });
    assert.deepEqual(
      written.map((row) => [row.tenantId, row.action, row.details.reason, row.details.count]),
      [
        ['ten_a', 'client.authentication_failed', 'invalid_secret', 7],
        ['ten_a', 'client.authentication_failed', 'expired', 1],
        ['ten_b', 'client.authentication_failed', 'invalid_secret', 1],
        ['ten_a', 'access.denied', 'manage:keys', 1],
      ],
    );
    log.drain();
    assert.equal(written.length, 4, 'a drained window is not written twice');
  });

  it('a failure a minute after the window opened hands the window on and opens the next', () => {
    const { log, written } = newLog();
    assert.equal(log.due(T0 + 120_000), false, 'no window is open');
    log.record(failure(), T0);
    log.record(failure(), T0 + 59_999);
    assert.equal(log.due(T0 + 59_999), false);
    assert.equal(log.due(T0 + 60_000), true);
    assert.equal(written.length, 0);
    log.record(failure(), T0 + 60_000);
    assert.deepEqual(
      written.map((row) => row.details),
      [{ reason: 'invalid_secret', count: 2, firstAt: T0, lastAt: T0 + 59_999, ips: ['192.0.2.1'] }],
    );
    log.drain();
    assert.deepEqual(written[1]?.details, {
      reason: 'invalid_secret',
      count: 1,
      firstAt: T0 + 60_000,
      lastAt: T0 + 60_000,
      ips: ['192.0.2.1'],
    });
  });

  it('at most 10,000 distinct rows a window; the rest are counted in one failures.overflowed row per tenant', () => {
    const { log, written } = newLog();
    for (let i = 0; i < 10_000; i++) log.record(clientFailure(`cl_${i}`), T0);
    log.record(clientFailure('cl_more1'), T0 + 1);
    log.record(clientFailure('cl_more2'), T0 + 2);
    log.record(clientFailure('cl_other', 'ten_b'), T0 + 3);
    log.record(
      failure({ tenantId: null, action: 'access.denied', targetType: 'platform', targetId: 'platform' }),
      T0 + 4,
    );
    log.record(clientFailure('cl_0'), T0 + 5);
    log.drain();

    const gathered = written.filter((row) => row.action === 'client.authentication_failed');
    assert.equal(gathered.length, 10_000);
    assert.equal(
      gathered.find((row) => row.targetId === 'cl_0')?.details.count,
      2,
      'a held row still counts',
    );
    assert.deepEqual(
      written.filter((row) => row.action === 'failures.overflowed'),
      [
        overflowRow('ten_a', { count: 2, firstAt: T0 + 1, lastAt: T0 + 2 }),
        overflowRow('ten_b', { count: 1, firstAt: T0 + 3, lastAt: T0 + 3 }),
        overflowRow(null, { count: 1, firstAt: T0 + 4, lastAt: T0 + 4 }),
      ],
    );

    written.length = 0;
    log.record(clientFailure('cl_more1'), T0 + 60_000);
    log.drain();
    assert.deepEqual(
      written.map((row) => [row.action, row.targetId]),
      [['client.authentication_failed', 'cl_more1']],
      'the next window starts with room again',
    );
  });
});

function overflowRow(
  tenantId: string | null,
  details: { count: number; firstAt: number; lastAt: number },
): ActivityRecord {
  return {
    tenantId,
    at: details.firstAt,
    actorType: 'system',
    actorId: null,
    ip: null,
    action: 'failures.overflowed',
    targetType: tenantId === null ? 'platform' : 'tenant',
    targetId: tenantId ?? 'platform',
    details,
  };
}
