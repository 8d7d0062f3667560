import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  type ConsoleHarness,
  chromiumPath,
  describeViolations,
  screenshot,
  seriousAxeViolations,
  startConsoleHarness,
} from './support.ts';

const skip = chromiumPath() ? false : 'no Chromium (apt-get install chromium)';

/** Every page of a workspace, by its path under `/console/w/{tenantId}/{mode}/`. */
const PAGES = [
  { path: '', name: 'overview' },
  { path: 'keys', name: 'keys' },
  { path: 'clients', name: 'clients' },
  { path: 'apps', name: 'apps' },
  { path: 'installations', name: 'installations' },
  { path: 'management-keys', name: 'management-keys' },
  { path: 'webhooks', name: 'webhooks' },
  { path: 'members', name: 'members' },
  { path: 'activity', name: 'activity' },
  { path: 'tokens', name: 'personal-tokens' },
];

/** Whether the page scrolls sideways: at 390 px only tables may (inside their own scrolling box). */
function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(
    'document.documentElement.scrollWidth > document.documentElement.clientWidth + 1',
  ) as Promise<boolean>;
}

/** Waits (bounded) until the page shows no "Loading…" state: its data arrived or failed. */
async function noneLoading(page: Page): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if ((await page.locator('.state.loading').count()) === 0) return;
    await page.waitForTimeout(100);
  }
  assert.fail(`${page.url()} is still loading after 10 s`);
}

describe('every console page, at 1280 and 390 px: loads, fits, has no serious accessibility violation', {
  skip,
}, () => {
  let harness: ConsoleHarness;
  let tenantId: string;
  let handoff: () => Promise<string>;

  before(async () => {
    harness = await startConsoleHarness('pages');
    tenantId = await harness.createTenant('Riverside Tennis Club', 'pro');
    handoff = () =>
      harness.handoffUrl(
        tenantId,
        { externalId: 'owner-1', email: 'owner@club.example', name: 'Olive Owner' },
        'owner',
      );
  });
  after(() => harness?.close());

  for (const width of [1280, 390]) {
    it(`at ${width} px`, async () => {
      const { context, page } = await harness.newPage(width);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(await handoff());
      await page.waitForURL(`**/console/w/${tenantId}/live`);
      for (const mode of ['live', 'test'] as const) {
        for (const { path, name } of PAGES) {
          await page.goto(`/console/w/${tenantId}/${mode}${path ? `/${path}` : ''}`);
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          // Wait for the page's data: no "Loading…" left.
          await noneLoading(page);
          assert.equal(await page.getByTestId('mode-banner').isVisible(), true, `${name}: the mode is shown`);
          assert.equal(
            await overflowsSideways(page),
            false,
            `${name} (${mode}) scrolls sideways at ${width} px`,
          );
          const violations = await seriousAxeViolations(page);
          assert.deepEqual(
            violations,
            [],
            `${name} (${mode}, ${width} px):\n${describeViolations(violations)}`,
          );
          if (mode === 'live') await screenshot(page, `page-${name}-${width}`);
        }
      }
      assert.deepEqual(errors, []);
      await context.close();
    });
  }

  it('is keyboard operable: skip link, navigation and the mode switch work from the keyboard', async () => {
    const { context, page } = await harness.newPage(1280);
    await page.goto(await handoff());
    await page.waitForURL(`**/console/w/${tenantId}/live`);
    await page.getByTestId('mode-banner').waitFor();
    await page.keyboard.press('Tab');
    const skipLink = page.getByRole('link', { name: 'Skip to content' });
    assert.equal(
      await skipLink.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement),
      true,
    );
    // Tab to the "Test" button of the mode switch and press it.
    const testButton = page.getByRole('button', { name: 'Test', exact: true });
    for (let i = 0; i < 10; i++) {
      if (
        await testButton.evaluate(
          (el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement,
        )
      )
        break;
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/console/w/${tenantId}/test`);
    // The navigation's links are reachable and followable by keyboard.
    const keysLink = page.getByRole('navigation').getByRole('link', { name: 'API keys', exact: true });
    await keysLink.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/console/w/${tenantId}/test/keys`);
    await context.close();
  });
});
