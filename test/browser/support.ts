import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { ensureConsoleBuilt } from '../../src/console/build.ts';
import {
  type ApiResponse,
  call,
  type Env,
  firstPlatformKey,
  makeTempDir,
  ROOT,
  removeDir,
  type ServerProcess,
  startServer,
} from '../e2e/server.ts';

/**
 * Browser tests drive Debian's `chromium` package through playwright-core: no browser is downloaded at test
 * time. `PORTCULLIS_CHROMIUM` names another binary. Without one the browser tests are skipped, except under
 * `CI=true`, where that is a failure (`.ci/run` installs the package).
 */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.PORTCULLIS_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((path): path is string => Boolean(path && existsSync(path)));
  if (!found && process.env.CI === 'true') {
    throw new Error("CI=true but no Chromium: install Debian's chromium package (apt-get install chromium)");
  }
  return found;
}

/** Screenshots of every page land here (git-ignored), for people to look at. */
export const SCREENSHOT_DIR = join(ROOT, 'test-results/console');

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface ConsoleHarness {
  server: ServerProcess;
  platformKey: string;
  browser: Browser;
  /** A call to the API with the platform key, as the platform's backend makes it. */
  asPlatform(method: string, path: string, body?: unknown): Promise<ApiResponse>;
  /** A tenant on `plan`; answers its id. */
  createTenant(name: string, plan: string): Promise<string>;
  /** The platform's hand-off: a single-use URL that signs `user` in with `role` in `tenantId`. */
  handoffUrl(
    tenantId: string,
    user: { externalId: string; email: string; name: string },
    role: 'owner' | 'manager' | 'developer' | 'viewer',
    returnTo?: string,
  ): Promise<string>;
  /** A fresh browser context (its own cookies) and page, `width` pixels wide. */
  newPage(width?: number): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** `env` goes to the server process (e.g. `PORTCULLIS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS` for a loopback receiver). */
export async function startConsoleHarness(label: string, env: Env = {}): Promise<ConsoleHarness> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no Chromium (tests should skip first: see chromiumPath())');
  await ensureConsoleBuilt();
  const dataDir = await makeTempDir(`console-${label}`);
  const server = await startServer(dataDir, env);
  const platformKey = firstPlatformKey(server);
  if (!platformKey) throw new Error('the first start wrote no platform key');
  const browser = await chromium.launch({
    executablePath,
    // Root (CI) cannot use Chromium's sandbox; the pages are our own, on loopback.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  const asPlatform = (method: string, path: string, body?: unknown) =>
    call(server, method, path, { auth: `Bearer ${platformKey}`, body });
  return {
    server,
    platformKey,
    browser,
    asPlatform,
    async createTenant(name, plan) {
      const created = await asPlatform('POST', '/api/v1/tenants', { name, plan });
      if (created.status !== 201) throw new Error(`tenant: ${created.status} ${created.text}`);
      return created.body.id;
    },
    async handoffUrl(tenantId, user, role, returnTo) {
      const handoff = await asPlatform('POST', `/api/v1/tenants/${tenantId}/console-sessions`, {
        user,
        role,
        ...(returnTo ? { returnTo } : {}),
      });
      if (handoff.status !== 201) throw new Error(`hand-off: ${handoff.status} ${handoff.text}`);
      return handoff.body.url;
    },
    async newPage(width = 1280) {
      const context = await browser.newContext({
        viewport: { width, height: 900 },
        baseURL: server.url,
        // Clipboard writes from the copy buttons.
        permissions: ['clipboard-read', 'clipboard-write'],
      });
      const page = await context.newPage();
      return { context, page };
    },
    async close() {
      await browser.close().catch(() => undefined);
      await server.stop();
      await removeDir(dataDir);
    },
  };
}

/** Saves a full-page screenshot as `test-results/console/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's serious and critical violations on the page as it is now. axe is evaluated through the DevTools
 * protocol, so the console's CSP (no inline scripts) stays on.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe and the page's document are globals of the browser.
    const { axe, document } = globalThis as any;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  })) as AxeViolation[];
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)
    .join('\n');
}
