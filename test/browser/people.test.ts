import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { call } from '../e2e/server.ts';
import {
  type ConsoleHarness,
  chromiumPath,
  describeViolations,
  screenshot,
  seriousAxeViolations,
  startConsoleHarness,
} from './support.ts';

const skip = chromiumPath() ? false : 'no Chromium (apt-get install chromium)';

const OWNER = { externalId: 'people-owner', email: 'ada@club.example', name: 'Ada Owner' };
const VIEWER = { externalId: 'people-viewer', email: 'vic@club.example', name: 'Vic Viewer' };

async function assertAccessible(page: Page): Promise<void> {
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));
}

/** Screenshots at 1280 and 390 px wide; no serious axe violation at either, no sideways scrolling at 390. */
async function capture(page: Page, name: string): Promise<void> {
  await assertAccessible(page);
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 900 });
  await assertAccessible(page);
  // biome-ignore lint/suspicious/noExplicitAny: the page's document is a global of the browser.
  const width = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
  assert.ok(width <= 390, `${name} is ${width} px wide at 390: the page scrolls sideways`);
  await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/**
 * Waits for `locator` to show, pressing `refresh` between bounded waits: the request feed is written in batches,
 * so a call shows up in its feed a little after it is made.
 */
async function eventually(locator: Locator, refresh: () => Promise<unknown>, attempts = 20): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const shown = await locator
      .first()
      .waitFor({ timeout: 500 })
      .then(() => true)
      .catch(() => false);
    if (shown) return;
    await refresh();
  }
  await locator.first().waitFor({ timeout: 1000 });
}

/** The names of the buttons in the page's main region. */
async function mainButtons(page: Page): Promise<string[]> {
  const buttons = page.getByRole('main').getByRole('button');
  return (await buttons.allTextContents()).map((text) => text.trim());
}

describe('the people pages in Chromium: tokens, members, invitations, activity', { skip }, () => {
  let harness: ConsoleHarness;
  let club: string;

  before(async () => {
    harness = await startConsoleHarness('people');
    club = await harness.createTenant('Riverside Tennis Club', 'pro');
  });
  after(() => harness?.close());

  const signIn = async (user: typeof OWNER, role: 'owner' | 'viewer', path = '') => {
    const url = await harness.handoffUrl(
      club,
      user,
      role,
      `/console/w/${club}/live${path ? `/${path}` : ''}`,
    );
    const opened = await harness.newPage();
    await opened.page.goto(url);
    await opened.page.waitForURL(`**/console/w/${club}/live${path ? `/${path}` : ''}`);
    return opened;
  };

  it('the overview says what to use when, the plan and what it entitles, and links into the docs', async () => {
    const { context, page } = await signIn(OWNER, 'owner');
    await page.getByRole('heading', { level: 2, name: 'What to use when' }).waitFor();
    await page.getByText('Pro: Full read, search and MCP access').waitFor();
    assert.match((await page.getByTestId('role-sentence').textContent()) ?? '', /You are an owner/);
    await page.getByRole('link', { name: 'Open API keys' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Errors' }).getAttribute('href'), '/docs/errors');
    assert.equal(
      await page.getByRole('link', { name: 'OpenAPI document' }).getAttribute('href'),
      '/openapi.json',
    );
    await page.getByText('mcp:*', { exact: true }).waitFor();
    await capture(page, 'people-overview');
    await context.close();
  });

  it('a personal token: created, revealed once, used from outside, seen in its activity, revoked', async () => {
    const { context, page } = await signIn(OWNER, 'owner', 'tokens');
    await page.getByText('You have no personal tokens').waitFor();
    await page.getByRole('button', { name: 'New token' }).click();
    const dialog = page.getByRole('dialog', { name: 'New personal token' });
    await dialog.getByLabel('Name').fill('n8n automation');
    await dialog.getByLabel('bookings:read', { exact: true }).check();
    await capture(page, 'people-token-create');
    await dialog.getByRole('button', { name: 'Create token' }).click();

    const reveal = page.getByRole('dialog', { name: 'Your new token: n8n automation' });
    const token = ((await reveal.getByTestId('revealed-secret').textContent()) ?? '').trim();
    assert.match(token, /^pat_live_/);
    const done = reveal.getByRole('button', { name: 'Done' });
    assert.equal(await done.isDisabled(), true, 'Done waits for the confirmation');
    await reveal.getByLabel('I have copied it and stored it safely').check();
    await done.click();
    await reveal.waitFor({ state: 'hidden' });
    assert.equal(await page.getByText(token).count(), 0, 'the token is shown only once');
    const row = page.getByRole('row').filter({ hasText: 'n8n automation' });
    await row.getByText('active').waitFor();

    const whoami = () =>
      call(harness.server, 'GET', '/api/v1/whoami', {
        auth: `Bearer ${token}`,
        headers: { 'x-workspace-id': club },
      });
    assert.equal((await whoami()).status, 200);

    await row.getByRole('button', { name: 'Activity of n8n automation' }).click();
    const activity = page.getByRole('region', { name: /Activity of “n8n automation”/ });
    const call200 = activity.getByRole('row').filter({ hasText: '/api/v1/whoami' });
    await eventually(call200, () => activity.getByRole('button', { name: 'Refresh' }).click());
    await call200.getByText('200').waitFor();
    await capture(page, 'people-tokens');

    await row.getByRole('button', { name: 'Revoke n8n automation' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke this token?' });
    await confirm.getByRole('button', { name: 'Revoke token' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await row.getByText('revoked').waitFor();
    assert.equal((await whoami()).status, 401);
    await context.close();
  });

  it('inviting a member: the link is shown once, the invitee creates an account and lands in the workspace', async () => {
    const { context, page } = await signIn(OWNER, 'owner', 'members');
    await page.getByRole('row').filter({ hasText: OWNER.email }).waitFor();
    await page.getByRole('button', { name: 'Invite someone' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite someone' });
    await dialog.getByLabel('Email').fill('dev@club.example');
    await dialog.getByLabel('Role').selectOption('developer');
    await dialog.getByRole('button', { name: 'Create the invitation link' }).click();

    const reveal = page.getByRole('dialog', { name: 'Invitation link' });
    const link = ((await reveal.getByTestId('revealed-secret').textContent()) ?? '').trim();
    assert.match(link, /\/console\/accept-invitation#[A-Za-z0-9_-]{43}$/);
    await reveal.getByLabel('I have copied it and stored it safely').check();
    await reveal.getByRole('button', { name: 'Done' }).click();
    await reveal.waitFor({ state: 'hidden' });
    assert.equal(await page.getByText(link).count(), 0, 'the link is shown only once');
    const invitation = page.getByRole('row').filter({ hasText: 'dev@club.example' });
    await invitation.getByText('pending').waitFor();
    await capture(page, 'people-members');

    const invitee = await harness.newPage();
    await invitee.page.goto(link);
    await invitee.page.getByRole('heading', { name: 'Accept the invitation' }).waitFor();
    await capture(invitee.page, 'people-accept-invitation');
    await invitee.page.getByLabel('Your name').fill('Dev Eloper');
    await invitee.page.getByLabel('Choose a password').fill('a long enough passphrase');
    await invitee.page.getByRole('button', { name: 'Create account and join' }).click();
    await invitee.page.waitForURL(`**/console/w/${club}/live`);
    await invitee.page.getByRole('heading', { level: 1, name: 'Developers' }).waitFor();
    assert.match(
      (await invitee.page.getByTestId('role-sentence').textContent()) ?? '',
      /You are a developer/,
    );
    await invitee.context.close();

    await page.reload();
    const member = page.getByRole('row').filter({ hasText: 'Dev Eloper' });
    await member.getByText('dev@club.example').waitFor();
    assert.equal(await member.getByLabel('Role of Dev Eloper').inputValue(), 'developer');
    await invitation.getByText('accepted').waitFor();

    const me = page.getByRole('row').filter({ hasText: OWNER.email });
    await me.getByLabel('Role of Ada Owner').selectOption('viewer');
    await me.getByRole('alert').getByText('the last owner cannot be removed or demoted').waitFor();
    assert.equal(await me.getByLabel('Role of Ada Owner').inputValue(), 'owner');
    await context.close();
  });

  it('a viewer sees no Members item and no write controls, except for their own personal tokens', async () => {
    const { context, page } = await signIn(VIEWER, 'viewer');
    const nav = page.getByRole('navigation', { name: 'Settings › Developers' });
    await nav.getByRole('link', { name: 'Activity' }).waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Members' }).count(), 0);
    await page.getByText('Pro: Full read, search and MCP access').waitFor();
    assert.match(
      (await page.getByTestId('role-sentence').textContent()) ?? '',
      /You are a viewer: you can read/,
    );
    assert.deepEqual(await mainButtons(page), []);
    await capture(page, 'people-overview-viewer');

    await nav.getByRole('link', { name: 'Activity' }).click();
    await page.getByRole('heading', { level: 1, name: 'Activity' }).waitFor();
    await page.getByRole('table', { name: 'Activity' }).waitFor();
    assert.deepEqual(await mainButtons(page), ['Apply filters']);

    await nav.getByRole('link', { name: 'Personal tokens' }).click();
    await page.getByRole('button', { name: 'New token' }).click();
    const dialog = page.getByRole('dialog', { name: 'New personal token' });
    await dialog.getByText(/As a viewer here, your tokens may use only scopes matching read:\*/).waitFor();
    assert.equal(await dialog.getByLabel('bookings:write', { exact: true }).count(), 0);
    await dialog.getByLabel('bookings:read', { exact: true }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.goto(`/console/w/${club}/live/members`);
    await page.getByText('Only owners and managers manage members').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Invite someone' }).count(), 0);
    await capture(page, 'people-members-viewer');
    await context.close();
  });

  it('an existing user accepts an invitation signed in, or with their password', async () => {
    const pod = await harness.createTenant('Synap pod', 'free');
    const ownerUrl = await harness.handoffUrl(pod, OWNER, 'owner', `/console/w/${pod}/live/members`);
    const owner = await harness.newPage();
    await owner.page.goto(ownerUrl);
    const invite = async (email: string, role: string) => {
      await owner.page.getByRole('button', { name: 'Invite someone' }).click();
      const dialog = owner.page.getByRole('dialog', { name: 'Invite someone' });
      await dialog.getByLabel('Email').fill(email);
      await dialog.getByLabel('Role').selectOption(role);
      await dialog.getByRole('button', { name: 'Create the invitation link' }).click();
      const reveal = owner.page.getByRole('dialog', { name: 'Invitation link' });
      const link = ((await reveal.getByTestId('revealed-secret').textContent()) ?? '').trim();
      await reveal.getByLabel('I have copied it and stored it safely').check();
      await reveal.getByRole('button', { name: 'Done' }).click();
      await reveal.waitFor({ state: 'hidden' });
      return link;
    };
    const viewerLink = await invite(VIEWER.email, 'viewer');
    const developerLink = await invite('dev@club.example', 'developer');
    await owner.context.close();

    const returning = await harness.newPage(390);
    await returning.page.goto(developerLink);
    await returning.page.getByRole('button', { name: 'I already have an account' }).click();
    await returning.page.getByLabel('Password').fill('not the passphrase');
    await returning.page.getByRole('button', { name: 'Join' }).click();
    await returning.page.getByRole('alert').getByText('The password is not right').waitFor();
    await returning.page.getByLabel('Password').fill('a long enough passphrase');
    await returning.page.getByRole('button', { name: 'Join' }).click();
    await returning.page.waitForURL(`**/console/w/${pod}/live`);
    await returning.context.close();

    const { context, page } = await signIn(VIEWER, 'viewer');
    await page.goto(viewerLink);
    await page.getByText(`You are signed in as ${VIEWER.name}`).waitFor();
    await page.getByRole('button', { name: `Accept as ${VIEWER.name}` }).click();
    await page.waitForURL(`**/console/w/${pod}/live`);
    await page.getByRole('heading', { level: 1, name: 'Developers' }).waitFor();
    assert.equal(await page.getByRole('option', { name: 'Synap pod (viewer)' }).count(), 1);
    await context.close();
  });

  it('the activity feed filters by action and by actor', async () => {
    const { context, page } = await signIn(OWNER, 'owner', 'activity');
    const table = page.getByRole('table', { name: 'Activity' });
    await table.waitFor();
    await capture(page, 'people-activity');

    await page.getByLabel('Action').fill('invitation.created');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL('**/activity?action=invitation.created');
    await table.getByRole('row').filter({ hasText: 'dev@club.example' }).waitFor();
    const actions = await table.locator('tbody tr td:nth-child(3)').allTextContents();
    assert.ok(actions.length >= 1);
    assert.deepEqual(new Set(actions), new Set(['invitation.created']));

    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('Actor').selectOption({ label: 'Dev Eloper (dev@club.example)' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL('**/activity?actor=user*');
    await table.getByRole('row').filter({ hasText: 'invitation.accepted' }).waitFor();
    const actors = await table.locator('tbody tr td:nth-child(2)').allTextContents();
    assert.ok(
      actors.every((actor) => actor.startsWith('Dev Eloper')),
      actors.join(' | '),
    );

    await page.getByLabel('Action').fill('no.such_action');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('Nothing matches these filters').waitFor();
    await context.close();
  });
});
