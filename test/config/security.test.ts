import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load.ts';
import { PortcullisError } from '../../src/core/errors.ts';

const load = (security: unknown) => loadConfig({ object: { security }, env: {} });

describe('config: security.failedAuthentication', () => {
  it('defaults to 30 failures a minute per credential id and 600 per address; either can be set alone', () => {
    assert.deepEqual(load(undefined).security.failedAuthentication, {
      perCredentialPerMinute: 30,
      perIpPerMinute: 600,
    });
    assert.deepEqual(load({ failedAuthentication: { perIpPerMinute: 5 } }).security.failedAuthentication, {
      perCredentialPerMinute: 30,
      perIpPerMinute: 5,
    });
  });

  it('refuses a limit that is not a whole number from 1 to 4095, or an unknown key, naming the field', () => {
    for (const [value, field] of [
      [
        { failedAuthentication: { perCredentialPerMinute: 0 } },
        'security.failedAuthentication.perCredentialPerMinute',
      ],
      [{ failedAuthentication: { perIpPerMinute: 4096 } }, 'security.failedAuthentication.perIpPerMinute'],
      [{ failedAuthentication: { perIpPerMinute: 1.5 } }, 'security.failedAuthentication.perIpPerMinute'],
      [{ failedAuthentication: { perMinute: 10 } }, 'security.failedAuthentication'],
    ] as const) {
      assert.throws(
        () => load(value),
        (error: unknown) =>
          error instanceof PortcullisError &&
          error.code === 'config_invalid' &&
          error.extensions?.field === field,
        JSON.stringify(value),
      );
    }
  });
});
