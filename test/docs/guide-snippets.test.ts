import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  call,
  firstPlatformKey,
  freePort,
  makeTempDir,
  ROOT,
  removeDir,
  type ServerProcess,
  startServer,
} from '../e2e/server.ts';

/**
 * "Protect your API" promises runnable code for Fastify, Express and Hono. Each framework's snippet is taken
 * from the guide as written, run as its own process (its `./<framework>.js` import pointed at the example file,
 * its port at a free one) in front of a real Portcullis on the built-in vocabulary, and called like the guide's
 * "Check it" section does.
 */

const GUIDE = join(ROOT, 'docs/guides/protect-your-api.md');
const EXAMPLES = join(ROOT, 'examples/protect-your-api');

/** The first fenced `js` block after the guide's include line for `examples/protect-your-api/<file>`. */
function snippetAfter(guide: string, file: string): string {
  const start = guide.indexOf(`<!-- include: examples/protect-your-api/${file} -->`);
  assert.ok(start >= 0, `the guide includes ${file}`);
  const block = /```js\n([\s\S]*?)```/.exec(guide.slice(start));
  assert.ok(block?.[1], `a js block follows the include of ${file}`);
  return block[1];
}

/** The snippet made runnable from a temporary file: imports resolved as from the repository, its own port. */
function runnable(snippet: string, port: number): string {
  return snippet
    .replace(
      /from '\.\/([\w-]+\.js)'/g,
      (_, file: string) => `from '${pathToFileURL(join(EXAMPLES, file)).href}'`,
    )
    .replace(/from '([@\w][\w@/.-]*)'/g, (_, name: string) => `from '${import.meta.resolve(name)}'`)
    .replace(/\b3000\b/g, String(port));
}

async function untilListening(url: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`the snippet exited (${child.exitCode}):\n${output()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(500) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`the snippet never listened on ${url}:\n${output()}`);
}

describe('the "Protect your API" guide: each framework snippet runs as written', () => {
  let server: ServerProcess;
  let dataDir: string;
  let workDir: string;
  let guide: string;
  let verifyKey: string;
  let reader: string;
  let writerOnly: string;
  const children: ChildProcess[] = [];

  before(async () => {
    dataDir = await makeTempDir('guide-snippets');
    workDir = await makeTempDir('guide-snippets-code');
    guide = await readFile(GUIDE, 'utf8');
    server = await startServer(dataDir, { PORTCULLIS_CONFIG: '' });
    const asPlatform = (method: string, path: string, body?: unknown) =>
      call(server, method, path, { auth: `Bearer ${firstPlatformKey(server)}`, body });
    const verifier = await asPlatform('POST', '/api/v1/platform/keys', {
      name: 'guide verifier',
      permissions: ['verify'],
    });
    assert.equal(verifier.status, 201, verifier.text);
    verifyKey = verifier.body.key;
    const tenant = await asPlatform('POST', '/api/v1/tenants', { name: 'Guide', plan: 'pro' });
    const keyWith = async (scopes: string[]) =>
      (
        await asPlatform('POST', `/api/v1/tenants/${tenant.body.id}/keys`, {
          name: 'k',
          mode: 'test',
          scopes,
        })
      ).body.key as string;
    reader = await keyWith(['read:records']);
    writerOnly = await keyWith(['write:projects']);
  });

  after(async () => {
    for (const child of children) child.kill('SIGKILL');
    await server?.stop();
    await removeDir(dataDir);
    await removeDir(workDir);
  });

  for (const framework of ['fastify', 'express', 'hono']) {
    it(`${framework}: no key is 401, a key with read:records is 200, a key without it is 403`, async () => {
      const port = await freePort();
      const file = join(workDir, `${framework}-app.mjs`);
      await writeFile(file, runnable(snippetAfter(guide, `${framework}.js`), port));
      const child = spawn(process.execPath, [file], {
        env: { ...process.env, PORTCULLIS_URL: server.url, PORTCULLIS_VERIFY_KEY: verifyKey },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      const url = `http://127.0.0.1:${port}/records`;
      await untilListening(url, child, () => output);
      const get = (key?: string) =>
        fetch(url, {
          headers: key ? { authorization: `Bearer ${key}` } : {},
          signal: AbortSignal.timeout(5000),
        });
      assert.equal((await get()).status, 401);
      const allowed = await get(reader);
      assert.equal(allowed.status, 200, output);
      assert.ok(Array.isArray(await allowed.json()), 'the route answered with its records');
      const refused = await get(writerOnly);
      assert.equal(refused.status, 403);
      assert.match(String(refused.headers.get('www-authenticate')), /insufficient_scope/);
      child.kill('SIGTERM');
    });
  }
});
