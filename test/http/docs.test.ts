import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STATUS_OF_REFUSAL } from '../../examples/protect-your-api/portcullis.js';
import { errorCodes } from '../../src/core/errors.ts';
import { guideMarkdown, guides } from '../../src/http/docs/guides.ts';
import { statusOfOutcome, verifyFailureCodes } from '../../src/services/verification/result.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

const HTML_PAGES = [
  '/docs/',
  '/docs/guides',
  ...guides.map((guide) => `/docs/guides/${guide.slug}`),
  '/docs/errors',
];

/** URLs the page's markup would load or lead to (`src`, `href`, `action`), and the inline `url(…)` of styles. */
function referencedUrls(html: string): string[] {
  return [
    ...[...html.matchAll(/\b(?:src|href|action)\s*=\s*["']?([^"'\s>]+)/gi)].map((match) => match[1] ?? ''),
    ...[...html.matchAll(/url\(\s*["']?([^"')]+)/gi)].map((match) => match[1] ?? ''),
  ];
}

describe('docs: happy', () => {
  it('GET / and GET /docs lead to the API reference at /docs/', async () => {
    const root = await get('/');
    assert.equal(root.statusCode, 302);
    assert.equal(root.headers.location, '/docs/', 'one hop to the reference');
    const docs = await get('/docs');
    assert.equal(docs.statusCode, 301);
    assert.equal(docs.headers.location, '/docs/');
  });

  it('/docs/ is Scalar’s page over /openapi.json, with the bundle served from this server', async () => {
    const page = await get('/docs/');
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(page.body, /"url": "\/openapi.json"/);
    assert.match(page.body, /<script src="js\/scalar.js"><\/script>/);
    for (const setting of ['"withDefaultFonts": false', '"telemetry": false', '"hideClientButton": true']) {
      assert.ok(page.body.includes(setting), setting);
    }
    const bundle = await get('/docs/js/scalar.js');
    assert.equal(bundle.statusCode, 200);
    assert.match(String(bundle.headers['content-type']), /^application\/javascript/);
    assert.ok(bundle.body.length > 100_000);
  });

  it('every page is HTML with a CSP that loads nothing from elsewhere, and links only within this site', async () => {
    for (const url of HTML_PAGES) {
      const page = await get(url);
      assert.equal(page.statusCode, 200, url);
      assert.match(String(page.headers['content-type']), /^text\/html; charset=utf-8$/, url);
      const csp = String(page.headers['content-security-policy']);
      assert.match(csp, /default-src 'none'/, url);
      assert.match(csp, /frame-ancestors 'none'/, url);
      assert.doesNotMatch(csp, /https?:|\*|'unsafe-eval'/, `${url}: ${csp}`);
      for (const reference of referencedUrls(page.body)) {
        assert.doesNotMatch(reference, /^(?:[a-z][a-z0-9+.-]*:)?\/\//i, `${url} refers to ${reference}`);
      }
    }
  });

  it('the reference page’s CSP allows its one inline script by hash, and no other inline script', async () => {
    const csp = String((await get('/docs/')).headers['content-security-policy']);
    assert.match(csp, /script-src 'self' 'sha256-[A-Za-z0-9+/]+=*'(;|$)/);
    assert.match(csp, /connect-src 'self'/);
    assert.doesNotMatch(csp, /'unsafe-inline'[^;]*;[^;]*script|script-src[^;]*'unsafe-inline'/);
  });

  it('the guides index lists every guide, each as a page and as markdown', async () => {
    const slashed = await get('/docs/guides/');
    assert.equal(slashed.statusCode, 301);
    assert.equal(slashed.headers.location, '/docs/guides');
    const index = (await get('/docs/guides')).body;
    for (const guide of guides) {
      assert.ok(index.includes(`href="/docs/guides/${guide.slug}"`), guide.slug);
      assert.ok(index.includes(`href="/docs/guides/${guide.slug}.md"`), guide.slug);
      const page = await get(`/docs/guides/${guide.slug}`);
      assert.ok(page.body.includes(`<h1 id=`), guide.slug);
      const markdown = await get(`/docs/guides/${guide.slug}.md`);
      assert.equal(markdown.statusCode, 200);
      assert.match(String(markdown.headers['content-type']), /^text\/markdown; charset=utf-8$/);
      assert.ok(markdown.body.startsWith(`# ${guide.title}\n`), guide.slug);
    }
  });

  it('"Protect your API" shows the example files themselves, for Express, Fastify and Hono', async () => {
    const markdown = (await get('/docs/guides/protect-your-api.md')).body;
    for (const file of ['portcullis.js', 'express.js', 'fastify.js', 'hono.js']) {
      assert.ok(markdown.includes(`// examples/protect-your-api/${file}\n`), file);
    }
    assert.ok(markdown.includes('export function createVerifier(options)'));
    assert.doesNotMatch(markdown, /<!-- include:/);
  });

  it('/docs/errors lists every problem code and every verify refusal code, each with its status', async () => {
    const html = (await get('/docs/errors')).body;
    for (const code of errorCodes)
      assert.match(html, new RegExp(`<tr id="${code}"><td><code>${code}</code></td><td>\\d{3}</td>`));
    for (const code of verifyFailureCodes) {
      assert.ok(
        html.includes(
          `<tr id="refusal-${code}"><td><code>${code}</code></td><td>${statusOfOutcome[code]}</td>`,
        ),
        code,
      );
    }
  });

  it('/docs/errors is markdown for a client that asks for it, and at /docs/errors.md', async () => {
    for (const answer of [
      await get('/docs/errors', { accept: 'text/markdown' }),
      await get('/docs/errors.md'),
    ]) {
      assert.equal(answer.statusCode, 200);
      assert.match(String(answer.headers['content-type']), /^text\/markdown/);
      for (const code of [...errorCodes, ...verifyFailureCodes])
        assert.ok(answer.body.includes(`| \`${code}\` |`), code);
    }
    const browser = await get('/docs/errors', { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
    assert.match(String(browser.headers['content-type']), /^text\/html/);
    assert.equal(browser.headers.vary, 'Accept');
  });

  it('/llms.txt is an llms.txt index: an H1, a blockquote, sections of links with descriptions, all answering 200', async () => {
    const answer = await get('/llms.txt');
    assert.match(String(answer.headers['content-type']), /^text\/plain/);
    const lines = answer.body.split('\n');
    assert.match(lines[0] ?? '', /^# \S/);
    assert.ok(lines.some((line) => line.startsWith('> ')));
    assert.ok(lines.filter((line) => line.startsWith('## ')).length >= 2);
    const links = [...answer.body.matchAll(/^- \[[^\]]+\]\(([^)]+)\): \S/gm)].map((match) => match[1] ?? '');
    assert.equal(
      links.length,
      lines.filter((line) => line.startsWith('- ')).length,
      'every link has a description',
    );
    for (const guide of guides) assert.ok(links.includes(`/docs/guides/${guide.slug}.md`), guide.slug);
    assert.ok(links.includes('/docs/errors.md'));
    for (const link of links) assert.equal((await get(link)).statusCode, 200, link);
    assert.match(answer.body, /send keys as `Authorization: ApiKey <key>` or `Authorization: Bearer <key>`/);
  });

  it('/llms.txt and the document name only the key schemes the configuration accepts', async () => {
    const apiKeyOnly = await startTestApp({ config: { credentials: { authorizationSchemes: ['ApiKey'] } } });
    try {
      const llms = await apiKeyOnly.app.inject({ method: 'GET', url: '/llms.txt' });
      assert.match(llms.body, /send keys as `Authorization: ApiKey <key>`, never in the URL/);
      assert.doesNotMatch(llms.body, /Bearer <key>/);
      const document = (await apiKeyOnly.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
        components: { securitySchemes: Record<string, { description: string }> };
      }>();
      assert.equal(
        document.components.securitySchemes.RuntimeApiKey?.description,
        'A runtime API key: `Authorization: ApiKey <key>`',
      );
    } finally {
      await apiKeyOnly.close();
    }
  });
});

describe('docs: the guides are accurate', () => {
  it('every /api/v1 path a guide names exists in /openapi.json, with the method it names', async () => {
    const document = (await get('/openapi.json')).json<{ paths: Record<string, Record<string, unknown>> }>();
    const templates = Object.keys(document.paths).map((path) => ({
      path,
      pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    }));
    let checked = 0;
    for (const guide of guides) {
      const markdown = guideMarkdown(guide);
      for (const match of markdown.matchAll(
        /(?:\b(GET|POST|PUT|PATCH|DELETE) +)?(\/api\/v1\/[A-Za-z0-9_{}/.$-]*[A-Za-z0-9_}])/g,
      )) {
        const [, method, mentioned = ''] = match;
        // Shell variables stand for ids, as `{tenantId}` does in the document.
        const path = mentioned.replace(/\$[A-Z_]+/g, '{id}');
        const found = templates.find(({ pattern }) => pattern.test(path));
        assert.ok(found, `${guide.slug} names ${mentioned}, which /openapi.json does not have`);
        if (method) {
          assert.ok(
            found && document.paths[found.path]?.[method.toLowerCase()],
            `${guide.slug}: ${method} ${mentioned}`,
          );
        }
        checked++;
      }
    }
    assert.ok(checked > 20, `only ${checked} paths checked`);
  });

  it('the example middleware maps every verify refusal code to the status the error reference gives it', () => {
    assert.deepEqual(
      Object.fromEntries(Object.entries(STATUS_OF_REFUSAL).sort()),
      Object.fromEntries(verifyFailureCodes.map((code) => [code, statusOfOutcome[code]]).sort()),
    );
  });

  it("the guide's refusal table names every verify refusal code in the row of its status", () => {
    const guide = guides.find((entry) => entry.slug === 'protect-your-api');
    assert.ok(guide);
    const markdown = guideMarkdown(guide);
    const section = markdown.slice(markdown.indexOf('## 3.'), markdown.indexOf('## 4.'));
    const rows = section.split('\n').filter((line) => line.startsWith('| `'));
    for (const code of verifyFailureCodes) {
      const row = rows.find((line) => line.split('|')[1]?.includes(`\`${code}\``));
      assert.ok(row, `${code} has a row`);
      assert.equal(Number(row.split('|')[2]?.trim()), statusOfOutcome[code], code);
    }
  });
});

describe('docs: security', () => {
  it('no docs route is in the OpenAPI document', async () => {
    const document = (await get('/openapi.json')).json<{ paths: Record<string, unknown> }>();
    const docsPaths = Object.keys(document.paths).filter(
      (path) => path === '/' || path.startsWith('/docs') || path === '/llms.txt',
    );
    assert.deepEqual(docsPaths, []);
  });

  it('an unknown guide is a 404 problem, not a file read', async () => {
    for (const url of [
      '/docs/guides/nope',
      '/docs/guides/..%2F..%2Fpackage.json',
      '/docs/guides/protect-your-api.txt',
    ]) {
      const answer = await get(url);
      assert.equal(answer.statusCode, 404, url);
      assert.match(String(answer.headers['content-type']), /^application\/problem\+json/, url);
    }
  });

  it('docs pages carry the security headers of every response', async () => {
    for (const url of [...HTML_PAGES, '/llms.txt', '/docs/errors.md']) {
      const answer = await get(url);
      assert.equal(answer.headers['x-content-type-options'], 'nosniff', url);
      assert.equal(answer.headers['x-frame-options'], 'DENY', url);
    }
  });
});
