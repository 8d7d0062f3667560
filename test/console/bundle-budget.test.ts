import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ensureConsoleBuilt } from '../../src/console/build.ts';

const OUT = fileURLToPath(new URL('../../dist/console/', import.meta.url));
/** The budget for the JavaScript a first visit loads, gzipped. */
const INITIAL_JS_BUDGET = 200 * 1024;

/** The scripts `index.html` loads before the app runs: its module entry and every module it preloads. */
function initialScripts(html: string): string[] {
  const sources = [
    ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ];
  return sources.map((match) => match[1] as string);
}

describe('the console bundle', () => {
  before(() => ensureConsoleBuilt());

  it('loads at most 200 KB of gzipped JavaScript on a first visit', () => {
    const html = readFileSync(join(OUT, 'index.html'), 'utf8');
    const scripts = initialScripts(html);
    assert.ok(scripts.length > 0, 'index.html loads no script');
    let total = 0;
    for (const src of scripts) {
      assert.match(src, /^\/console\/assets\/[\w.-]+\.js$/, `${src} is not a built asset of the console`);
      total += gzipSync(readFileSync(join(OUT, src.replace(/^\/console\//, '')))).length;
    }
    assert.ok(
      total <= INITIAL_JS_BUDGET,
      `initial JS is ${(total / 1024).toFixed(1)} KB gzipped, over 200 KB`,
    );
  });

  it('has no inline script, so the console page can forbid them (CSP script-src self)', () => {
    const html = readFileSync(join(OUT, 'index.html'), 'utf8');
    const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>/g)];
    assert.deepEqual(inline, []);
  });
});
