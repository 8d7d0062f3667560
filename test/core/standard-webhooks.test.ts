import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from '../../src/core/random.ts';
import { newWebhookSecret, signWebhook, webhookHeaders } from '../../src/core/standard-webhooks.ts';

describe('Standard Webhooks signing', () => {
  it('reproduces the test vector published with the specification', () => {
    const signature = signWebhook(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}',
    );
    assert.equal(signature, 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('signs with every secret given, space-separated, current first', () => {
    const random = seededRandom(3);
    const current = newWebhookSecret(random);
    const previous = newWebhookSecret(random);
    const headers = webhookHeaders([current, previous], 'msg_1', 1700000000, '{}');
    assert.equal(headers['webhook-id'], 'msg_1');
    assert.equal(headers['webhook-timestamp'], '1700000000');
    assert.deepEqual(headers['webhook-signature'].split(' '), [
      signWebhook(current, 'msg_1', 1700000000, '{}'),
      signWebhook(previous, 'msg_1', 1700000000, '{}'),
    ]);
  });

  it('a secret is whsec_ and the base64 of 32 random bytes', () => {
    const secret = newWebhookSecret(seededRandom(9));
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.equal(Buffer.from(secret.slice(6), 'base64').length, 32);
  });
});
