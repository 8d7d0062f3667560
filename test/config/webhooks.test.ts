import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load.ts';
import { PortcullisError } from '../../src/core/errors.ts';

const invalid = (field: string) => (error: unknown) =>
  error instanceof PortcullisError && error.code === 'config_invalid' && error.extensions?.field === field;

describe('config: webhooks', () => {
  it('the defaults: the issue’s retry schedule, 15 s, no private networks', () => {
    const { webhooks } = loadConfig({ env: {} });
    assert.deepEqual(webhooks.retrySchedule, [5, 300, 1800, 7200, 18_000, 36_000, 36_000]);
    assert.equal(webhooks.timeoutMs, 15_000);
    assert.equal(webhooks.allowPrivateNetworks, false);
    assert.equal(webhooks.disableAfterFailingDays, 5);
    assert.deepEqual(webhooks.eventTypes, []);
  });

  it('PORTCULLIS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS and PORTCULLIS_WEBHOOKS_RETRY_SCHEDULE override the file', () => {
    const { webhooks } = loadConfig({
      object: { webhooks: { retrySchedule: [60], allowPrivateNetworks: false } },
      env: {
        PORTCULLIS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true',
        PORTCULLIS_WEBHOOKS_RETRY_SCHEDULE: '1,2.5,30',
      },
    });
    assert.equal(webhooks.allowPrivateNetworks, true);
    assert.deepEqual(webhooks.retrySchedule, [1, 2.5, 30]);
    for (const value of ['1;2', 'soon', '-1', '1,,2']) {
      assert.throws(
        () => loadConfig({ env: { PORTCULLIS_WEBHOOKS_RETRY_SCHEDULE: value } }),
        invalid('PORTCULLIS_WEBHOOKS_RETRY_SCHEDULE'),
        value,
      );
    }
  });

  it('refuses a platform event type that is Portcullis’ own, repeated, or not dot-separated words', () => {
    assert.throws(
      () => loadConfig({ object: { webhooks: { eventTypes: [{ type: 'key.created' }] } }, env: {} }),
      invalid('webhooks.eventTypes.0.type'),
    );
    assert.throws(
      () =>
        loadConfig({
          object: { webhooks: { eventTypes: [{ type: 'booking.created' }, { type: 'booking.created' }] } },
          env: {},
        }),
      invalid('webhooks.eventTypes.1.type'),
    );
    assert.throws(
      () => loadConfig({ object: { webhooks: { eventTypes: [{ type: 'Booking' }] } }, env: {} }),
      invalid('webhooks.eventTypes.0.type'),
    );
  });
});
