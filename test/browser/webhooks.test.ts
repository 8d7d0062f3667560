import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { type Received, type Receiver, startReceiver, status } from '../http/webhooks-support.ts';
import {
  type ConsoleHarness,
  chromiumPath,
  describeViolations,
  screenshot,
  seriousAxeViolations,
  startConsoleHarness,
} from './support.ts';

const skip = chromiumPath() ? false : 'no Chromium (apt-get install chromium)';

/** Polls (no fixed sleep) until `holds`, within a bound. */
async function until(holds: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await holds())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function assertAccessible(page: Page) {
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));
}

/** The headers a Standard Webhooks verifier reads, as the receiver got them. */
function webhookHeaders(received: Received): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
    const value = received.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

describe('the webhooks page in Chromium', { skip }, () => {
  let harness: ConsoleHarness;
  let receiver: Receiver;
  let club: string;
  const owner = { externalId: 'wh-owner', email: 'ada@club.example', name: 'Ada Owner' };
  const origin = () => new URL(receiver.url).origin;

  before(async () => {
    receiver = await startReceiver();
    // The receiver is on loopback, which the SSRF guard refuses unless told otherwise; a failed attempt waits
    // ten minutes for its automatic retry, so "Retry now" is what sends it again.
    harness = await startConsoleHarness('webhooks', {
      PORTCULLIS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true',
      PORTCULLIS_WEBHOOKS_RETRY_SCHEDULE: '600',
      PORTCULLIS_LOG_LEVEL: 'warn',
    });
    club = await harness.createTenant('Riverside Tennis Club', 'pro');
  });
  after(async () => {
    await harness?.close();
    await receiver?.close();
  });

  it('an owner adds an endpoint, sees its secret once, tests it, disables it and deletes it', async () => {
    const url = await harness.handoffUrl(club, owner, 'owner', `/console/w/${club}/live/webhooks`);
    const { context, page } = await harness.newPage(1280);
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await page.getByText('No live-mode endpoints yet').waitFor();

    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const form = page.getByRole('dialog', { name: 'Add a live-mode endpoint' });
    await form.getByLabel('Endpoint URL').fill(`${origin()}/hooks/console`);
    await form.getByLabel('Description (optional)').fill('Court bookings');
    await form.getByLabel('Every key.* event').check();
    assert.equal(await form.getByLabel('key.created').isDisabled(), true);
    await form.getByLabel('member.added').check();
    await assertAccessible(page);
    await screenshot(page, 'webhooks-create-1280');
    await form.getByRole('button', { name: 'Add endpoint' }).click();

    const reveal = page.getByRole('dialog', { name: "The endpoint's signing secret" });
    const secret = (await reveal.getByTestId('revealed-secret').textContent()) ?? '';
    assert.match(secret, /^whsec_[A-Za-z0-9+/]+=*$/);
    const done = reveal.getByRole('button', { name: 'Done' });
    assert.equal(await done.isDisabled(), true);
    await reveal.getByLabel('I have copied it and stored it safely').check();
    await done.click();

    // The endpoint's own page; the secret is nowhere on it, nor in what the API lists.
    await page.getByRole('heading', { level: 1, name: 'Webhook endpoint' }).waitFor();
    await page.getByText('Court bookings').waitFor();
    assert.equal((await page.content()).includes(secret), false);
    const listed = await harness.asPlatform('GET', `/api/v1/tenants/${club}/webhooks/endpoints?mode=live`);
    assert.equal(listed.text.includes(secret), false);
    const [endpoint] = listed.body.items as { id: string; events: string[] }[];
    assert.deepEqual(endpoint?.events.sort(), ['key.*', 'member.added']);

    await page.getByRole('button', { name: 'Send test event' }).click();
    await page.getByTestId('test-result').getByText('Test event delivered').waitFor({ timeout: 20_000 });
    await until(() => receiver.to('/hooks/console').length > 0, 'the test delivery');
    const [received] = receiver.to('/hooks/console');
    assert.ok(received);
    const payload = new Webhook(secret).verify(received.body, webhookHeaders(received)) as {
      type: string;
      data: { endpointId: string };
    };
    assert.equal(payload.type, 'webhook.ping');
    assert.equal(payload.data.endpointId, endpoint?.id);

    const row = page.getByRole('row').filter({ hasText: 'webhook.ping' });
    await until(async () => /delivered/.test((await row.textContent()) ?? ''), 'the delivered row');
    assert.match((await row.textContent()) ?? '', /HTTP 204/);
    assert.match((await row.textContent()) ?? '', new RegExp(received.headers['webhook-id'] as string));
    await assertAccessible(page);
    await screenshot(page, 'webhook-endpoint-1280');

    // Rotating: the new secret is revealed once, and the next delivery verifies with it.
    await page.getByRole('button', { name: 'Rotate secret' }).click();
    const rotate = page.getByRole('dialog', { name: 'Rotate the signing secret?' });
    assert.equal(await rotate.getByLabel('Grace period for the previous secret').inputValue(), '86400');
    await rotate.getByRole('button', { name: 'Rotate secret' }).click();
    const rotated = page.getByRole('dialog', { name: 'The new signing secret' });
    await rotated.getByText('every delivery carries a signature with the previous secret too').waitFor();
    const newSecret = (await rotated.getByTestId('revealed-secret').textContent()) ?? '';
    assert.match(newSecret, /^whsec_/);
    assert.notEqual(newSecret, secret);
    await rotated.getByLabel('I have copied it and stored it safely').check();
    await rotated.getByRole('button', { name: 'Done' }).click();
    await page.getByText('Also signs deliveries until').waitFor();
    await page.getByRole('button', { name: 'Send test event' }).click();
    await until(() => receiver.to('/hooks/console').length > 1, 'the second test delivery');
    const second = receiver.to('/hooks/console')[1] as Received;
    for (const key of [newSecret, secret]) {
      assert.equal(
        (new Webhook(key).verify(second.body, webhookHeaders(second)) as { type: string }).type,
        'webhook.ping',
      );
    }

    await page.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit endpoint' });
    assert.equal(await edit.getByLabel('Endpoint URL').inputValue(), `${origin()}/hooks/console`);
    await edit.getByLabel('Description (optional)').fill('Court bookings and members');
    await edit.getByLabel('Every member.* event').check();
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.waitFor({ state: 'hidden' });
    await page.getByText('Court bookings and members').waitFor();
    await page.getByText('member.*', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Disable', exact: true }).click();
    await page
      .getByRole('dialog', { name: 'Disable this endpoint?' })
      .getByRole('button', { name: 'Disable endpoint' })
      .click();
    await page.getByTestId('endpoint-status').getByText('By a member or through the API').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Send test event' }).isDisabled(), true);
    await page.getByRole('button', { name: 'Enable' }).waitFor();

    await page.getByRole('link', { name: 'All live-mode endpoints' }).click();
    const listRow = page.getByRole('row').filter({ hasText: '/hooks/console' });
    await listRow.getByText('disabled', { exact: true }).waitFor();
    assert.match((await listRow.textContent()) ?? '', /Court bookings and members/);
    await assertAccessible(page);
    await screenshot(page, 'webhooks-1280');

    await listRow.getByRole('link').click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page
      .getByRole('dialog', { name: 'Delete this endpoint?' })
      .getByRole('button', { name: 'Delete endpoint' })
      .click();
    await page.getByText('No live-mode endpoints yet').waitFor();
    const gone = await harness.asPlatform('GET', `/api/v1/tenants/${club}/webhooks/endpoints`);
    assert.deepEqual(gone.body.items, []);
    await context.close();
  });

  it('at 390 px an owner retries a delivery the receiver refused, in test mode', async () => {
    receiver.repliesTo.set('/hooks/flaky', [status(500, {}, 'try later')]);
    const created = await harness.asPlatform('POST', `/api/v1/tenants/${club}/webhooks/endpoints`, {
      url: `${origin()}/hooks/flaky`,
      events: ['*'],
      mode: 'test',
      description: 'Flaky receiver',
    });
    assert.equal(created.status, 201, created.text);
    const url = await harness.handoffUrl(club, owner, 'owner', `/console/w/${club}/test/webhooks`);
    const { context, page } = await harness.newPage(390);
    await page.goto(url);
    const link = page.getByRole('link', { name: `${origin()}/hooks/flaky` });
    await link.waitFor();
    assert.match(
      (await page.getByRole('row').filter({ hasText: 'Flaky' }).textContent()) ?? '',
      /All events/,
    );
    await assertAccessible(page);
    await screenshot(page, 'webhooks-390');

    await link.click();
    await page.getByRole('button', { name: 'Send test event' }).click();
    await page.getByTestId('test-result').getByText('did not accept the test event (HTTP 500)').waitFor({
      timeout: 20_000,
    });
    await page.getByRole('button', { name: /^Retry the webhook\.ping delivery/ }).click();
    await page.getByTestId('test-result').getByText('Test event delivered').waitFor({ timeout: 20_000 });
    assert.equal(receiver.to('/hooks/flaky').length, 2);
    const [first, second] = receiver.to('/hooks/flaky');
    assert.equal(first?.headers['webhook-id'], second?.headers['webhook-id']);
    await page.getByText('2 attempts').click();
    await page.getByText('try later').waitFor();
    await assertAccessible(page);
    await screenshot(page, 'webhook-endpoint-390');
    await context.close();
  });

  it('a viewer sees the endpoints and deliveries without any control that changes them', async () => {
    const viewer = { externalId: 'wh-viewer', email: 'bo@club.example', name: 'Bo Viewer' };
    const url = await harness.handoffUrl(club, viewer, 'viewer', `/console/w/${club}/test/webhooks`);
    const { context, page } = await harness.newPage(1280);
    await page.goto(url);
    await page
      .getByText('Your role can see the webhook endpoints and deliveries, but not change them.')
      .waitFor();
    const link = page.getByRole('link', { name: `${origin()}/hooks/flaky` });
    await link.waitFor();
    assert.equal(await page.getByRole('button', { name: 'Add endpoint' }).count(), 0);
    await assertAccessible(page);
    await screenshot(page, 'webhooks-viewer-1280');

    await link.click();
    await page.getByRole('heading', { name: 'Deliveries' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'webhook.ping' }).waitFor();
    for (const name of ['Send test event', 'Edit', 'Disable', 'Rotate secret', 'Delete', /^Retry/]) {
      assert.equal(await page.getByRole('button', { name }).count(), 0, `no ${name} button`);
    }
    await assertAccessible(page);
    await context.close();
  });
});
