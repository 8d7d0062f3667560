import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type ConsoleHarness,
  chromiumPath,
  describeViolations,
  screenshot,
  seriousAxeViolations,
  startConsoleHarness,
} from './support.ts';

const skip = chromiumPath() ? false : 'no Chromium (apt-get install chromium)';

describe('the console shell in Chromium: hand-off, workspaces, the mode switch', { skip }, () => {
  let harness: ConsoleHarness;
  let club: string;
  let pod: string;

  before(async () => {
    harness = await startConsoleHarness('shell');
    club = await harness.createTenant('Riverside Tennis Club', 'pro');
    pod = await harness.createTenant('Synap pod', 'free');
  });
  after(() => harness?.close());

  it('the hand-off signs the user in and opens the workspace in live mode', async () => {
    const user = { externalId: 'u-1', email: 'ada@club.example', name: 'Ada Owner' };
    await harness.handoffUrl(pod, user, 'manager');
    const url = await harness.handoffUrl(club, user, 'owner');
    const { context, page } = await harness.newPage();
    await page.goto(url);
    await page.waitForURL(`**/console/w/${club}/live`);
    await page.getByRole('heading', { level: 1, name: 'Developers' }).waitFor();
    assert.equal(await page.getByTestId('mode-banner').textContent(), 'Live mode');
    const switcher = page.getByLabel('Workspace');
    assert.equal(await switcher.inputValue(), club);
    await screenshot(page, 'overview-1280');

    await page.getByRole('button', { name: 'Test' }).click();
    await page.waitForURL(`**/console/w/${club}/test`);
    // The address changes before the page has rendered the new mode: wait for the banner to say it.
    await page
      .getByTestId('mode-banner')
      .getByText(/Test mode/)
      .waitFor();
    assert.equal(await page.getByRole('button', { name: 'Test' }).getAttribute('aria-pressed'), 'true');

    await switcher.selectOption(pod);
    await page.waitForURL(`**/console/w/${pod}/test`);
    // The address changes before the page has rendered the new mode: wait for the banner to say it.
    await page
      .getByTestId('mode-banner')
      .getByText(/Test mode/)
      .waitFor();

    const violations = await seriousAxeViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await context.close();
  });

  it('without a session the console asks to sign in, and a hand-off link works only once', async () => {
    const url = await harness.handoffUrl(
      club,
      { externalId: 'u-2', email: 'bo@club.example', name: 'Bo' },
      'viewer',
    );
    const { context, page } = await harness.newPage(390);
    await page.goto(`/console/w/${club}/live/keys`);
    await page.waitForURL('**/console/sign-in?next=*');
    await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
    await screenshot(page, 'sign-in-390');
    await page.goto(url);
    await page.waitForURL(`**/console/w/${club}/live`);
    const again = await context.request.get(url, { maxRedirects: 0 });
    assert.equal(again.status(), 404);
    await context.close();
    // In another browser (no session), a used link lands on the sign-in, which says why.
    const other = await harness.newPage(390);
    await other.page.goto(url);
    await other.page.waitForURL('**/console/sign-in?handoff=expired');
    await other.page
      .getByRole('alert')
      .filter({ hasText: 'That sign-in link is not valid any more' })
      .waitFor();
    await screenshot(other.page, 'sign-in-link-used-390');
    await other.context.close();
  });

  it('a user with a password signs in, lands where they were going, and signs out', async () => {
    const user = await harness.asPlatform('POST', '/api/v1/users', {
      email: 'cy@club.example',
      name: 'Cy Manager',
      password: 'correct horse battery staple',
    });
    assert.equal(user.status, 201, user.text);
    const added = await harness.asPlatform('POST', `/api/v1/tenants/${club}/members`, {
      userId: user.body.id,
      role: 'manager',
    });
    assert.equal(added.status, 201, added.text);
    const { context, page } = await harness.newPage();
    await page.goto(`/console/w/${club}/test`);
    await page.waitForURL('**/console/sign-in?next=*');
    await page.getByLabel('Email').fill('cy@club.example');
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The email or password is not right' }).waitFor();
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**/console/w/${club}/test`);
    // The address changes before the page has rendered the new mode: wait for the banner to say it.
    await page
      .getByTestId('mode-banner')
      .getByText(/Test mode/)
      .waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/console\/sign-in(\?.*)?$/);
    await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
    const session = await context.request.get('/api/v1/session');
    assert.equal(session.status(), 401);
    await context.close();
  });
});
