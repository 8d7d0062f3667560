import { createHash } from 'node:crypto';
import apiReference from '@scalar/fastify-api-reference';
import type { FastifyInstance } from 'fastify';

/** Where the reference is: `/docs/` (Scalar's page), `/docs/js/scalar.js` (its bundle, served from the package). */
const REFERENCE_PREFIX = '/docs';

/**
 * Scalar's options for a page that talks to no one but this server: the document from `/openapi.json`, no
 * fonts from Scalar's CDN, no telemetry, no hosted API client, no AI agent (on by default on localhost), no
 * MCP button, no developer toolbar. The page's CSP (below) enforces the same.
 */
/**
 * Scalar's light theme sets muted text and the method colours below 4.5:1 on white; these meet WCAG AA. Its
 * injected stylesheet comes after this one, hence `!important`.
 */
const CONTRAST_CSS = `.light-mode {
  --scalar-color-3: #666666 !important;
  --scalar-color-blue: #00649f !important;
  --scalar-color-green: #05704b !important;
  --scalar-color-orange: #a84f00 !important;
  --scalar-color-red: #c00005 !important;
  --scalar-color-yellow: #7d6300 !important;
}`;

const configuration = {
  url: '/openapi.json',
  customCss: CONTRAST_CSS,
  pageTitle: 'Portcullis API reference',
  withDefaultFonts: false,
  telemetry: false,
  hideClientButton: true,
  showDeveloperTools: 'never',
  agent: { disabled: true },
  mcp: { disabled: true },
  documentDownloadType: 'json',
  persistAuth: false,
} as const;

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;

/**
 * The reference page's policy: its bundle from this origin and its one inline start-up script (by hash);
 * inline styles, which Scalar's components set as attributes and its bundle injects (a nonce cannot cover
 * those); data: images and fonts from the bundle; requests to this origin only; no framing.
 */
function referenceCsp(html: string): string {
  const hashes = [...html.matchAll(INLINE_SCRIPT)].map(
    ([, script]) =>
      `'sha256-${createHash('sha256')
        .update(script ?? '')
        .digest('base64')}'`,
  );
  return [
    "default-src 'none'",
    `script-src 'self' ${hashes.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The API reference from the OpenAPI document, rendered by Scalar in the browser with the bundle the package
 * ships (no CDN). The plugin's routes (`/docs` → 301 `/docs/`, `/docs/`, `/docs/js/scalar.js`) are hidden
 * from the document; they live in their own context so the CSP hook applies to them alone.
 */
export async function referenceRoutes(app: FastifyInstance): Promise<void> {
  await app.register(async (scope) => {
    // The page is the same on every request (the configuration is fixed), so its policy is computed once.
    let page: { source: string; html: string; policy: string } | undefined;
    scope.addHook('onSend', async (request, reply, payload) => {
      if (request.url.endsWith('/js/scalar.js')) {
        // The bundle changes only with the package; its name does not, so browsers revalidate after an hour.
        reply.header('cache-control', 'public, max-age=3600');
        return payload;
      }
      if (typeof payload === 'string' && payload.startsWith('<!doctype html>')) {
        if (page?.source !== payload) {
          // Scalar's page names no language; screen readers need one (WCAG 3.1.1).
          const html = payload.replace('<html>', '<html lang="en">');
          page = { source: payload, html, policy: referenceCsp(payload) };
        }
        reply.header('content-security-policy', page.policy);
        reply.header('cache-control', 'no-cache');
        return page.html;
      }
      return payload;
    });
    await scope.register(apiReference, {
      routePrefix: REFERENCE_PREFIX,
      configuration,
    });
  });
}
