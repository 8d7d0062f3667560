import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load.ts';
import { PortcullisError } from '../../src/core/errors.ts';

const invalid = (field: string) => (error: unknown) =>
  error instanceof PortcullisError && error.code === 'config_invalid' && error.extensions?.field === field;

const TOKEN = 'b0f3c1d2e4a5968778695a4b3c2d1e0f';

describe('config: metrics and accessLog', () => {
  it('metrics on without a token and the access log off, by default', () => {
    const config = loadConfig({ env: {} });
    assert.deepEqual(config.metrics, { enabled: true });
    assert.equal(config.accessLog, false);
  });

  it('takes them from the file, and PORTCULLIS_METRICS, PORTCULLIS_METRICS_TOKEN, PORTCULLIS_ACCESS_LOG over it', () => {
    const file = { metrics: { enabled: false, token: TOKEN }, accessLog: true };
    assert.deepEqual(loadConfig({ object: file, env: {} }).metrics, { enabled: false, token: TOKEN });
    const token = `${TOKEN}-from-env`;
    const overridden = loadConfig({
      object: file,
      env: { PORTCULLIS_METRICS: 'true', PORTCULLIS_METRICS_TOKEN: token, PORTCULLIS_ACCESS_LOG: 'false' },
    });
    assert.deepEqual(overridden.metrics, { enabled: true, token });
    assert.equal(overridden.accessLog, false);
    assert.equal(loadConfig({ env: { PORTCULLIS_ACCESS_LOG: 'true' } }).accessLog, true);
    assert.equal(loadConfig({ env: { PORTCULLIS_METRICS: 'false' } }).metrics.enabled, false);
  });

  it('refuses a token too short, too long or not a bearer token, naming the field and never the token', () => {
    for (const token of ['short', 'x'.repeat(513), `${TOKEN} with spaces`, `${TOKEN}"`, `é${TOKEN}`, '']) {
      for (const source of [
        { object: { metrics: { token } }, env: {} },
        { env: { PORTCULLIS_METRICS_TOKEN: token } },
      ]) {
        if (token === '' && 'env' in source && !('object' in source)) continue; // empty env means unset
        assert.throws(
          () => loadConfig(source),
          (error: unknown) =>
            invalid('metrics.token')(error) &&
            (token.length < 5 || !(error as PortcullisError).detail.includes(token)),
          JSON.stringify(token),
        );
      }
    }
  });

  it('refuses values that are not booleans, and a metrics section that is not an object', () => {
    for (const [object, field] of [
      [{ accessLog: 'yes' }, 'accessLog'],
      [{ accessLog: 1 }, 'accessLog'],
      [{ metrics: { enabled: 'false' } }, 'metrics.enabled'],
      [{ metrics: { scrapeToken: TOKEN } }, 'metrics'],
      [{ metrics: 'on' }, 'metrics'],
      [{ metrics: null }, 'metrics'],
    ] as const) {
      assert.throws(() => loadConfig({ object, env: {} }), invalid(field), JSON.stringify(object));
    }
    for (const [name, value] of [
      ['PORTCULLIS_ACCESS_LOG', 'yes'],
      ['PORTCULLIS_ACCESS_LOG', '1'],
      ['PORTCULLIS_METRICS', 'off'],
    ] as const) {
      assert.throws(
        () => loadConfig({ env: { [name]: value } }),
        (error: unknown) =>
          invalid(name)(error) && /must be true or false/.test((error as PortcullisError).detail),
        `${name}=${value}`,
      );
    }
  });
});
