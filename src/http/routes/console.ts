import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import { PortcullisError } from '../../core/errors.ts';
import type { App } from './types.ts';

/** Where `npm ci` / `npm start` build the console (src/console/build.ts). */
const CONSOLE_DIR = fileURLToPath(new URL('../../../dist/console/', import.meta.url));

/**
 * The console page's own policy: its scripts and styles come from this origin only, it talks to this origin
 * only, and no other site may frame it. App logos are the one outside resource (any https image).
 */
const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Built file names carry a content hash, so they never change under a name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The admin console at `/console`: a single-page app built to static files. Hashed assets are served as files;
 * every other path under `/console` answers the app's page, whose router shows the right screen (or its own
 * "not found"). The console calls the public `/api/v1` routes like any other client.
 */
export async function consoleRoutes(app: App): Promise<void> {
  let page: string | null = null;
  const consolePage = (): string => {
    if (page !== null) return page;
    const file = join(CONSOLE_DIR, 'index.html');
    if (!existsSync(file)) {
      throw new PortcullisError(
        'service_unavailable',
        'the console is not built: run `npm run build:console` (npm ci and npm start do it)',
      );
    }
    page = readFileSync(file, 'utf8');
    return page;
  };

  const assets = join(CONSOLE_DIR, 'assets');
  if (existsSync(assets)) {
    // One route per built file (`wildcard: false`), found when the server starts: any other asset path falls to
    // the 404 below, never to the app's page or a directory listing.
    await app.register(fastifyStatic, {
      root: assets,
      prefix: '/console/assets/',
      wildcard: false,
      decorateReply: false,
      index: false,
      list: false,
      dotfiles: 'deny',
      cacheControl: false,
      setHeaders: (reply) => reply.header('cache-control', IMMUTABLE),
    });
  }
  app.get('/console/assets/*', { schema: { hide: true } }, () => {
    throw new PortcullisError('not_found', 'no such console asset');
  });

  const sendPage = (reply: FastifyReply) =>
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', CONSOLE_CSP)
      .header('cache-control', 'no-cache')
      .send(consolePage());

  app.get('/console', { schema: { hide: true } }, (_request, reply) => sendPage(reply));
  app.get('/console/*', { schema: { hide: true } }, (_request, reply) => sendPage(reply));
}
