import { createHash } from 'node:crypto';
import { escapeHtml } from './markdown.ts';

const STYLE = `
:root { color-scheme: light dark; --fg: #1b1f24; --bg: #ffffff; --muted: #57606a; --line: #d0d7de; --code: #f3f4f6; --link: #0a58ca; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9da7b3; --line: #30363d; --code: #161b22; --link: #6cb6ff; }
}
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header { border-bottom: 1px solid var(--line); padding: 0.75rem 1rem; }
header nav { max-width: 60rem; margin: 0 auto; display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; align-items: baseline; }
header nav strong { margin-right: 0.75rem; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1rem 4rem; }
a { color: var(--link); }
h1, h2, h3 { line-height: 1.25; }
h2 { margin-top: 2.5rem; border-bottom: 1px solid var(--line); padding-bottom: 0.25rem; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
:not(pre) > code { background: var(--code); padding: 0.1em 0.3em; border-radius: 4px; }
pre { background: var(--code); padding: 0.75rem 1rem; overflow-x: auto; border-radius: 6px; line-height: 1.45; }
table { border-collapse: collapse; width: 100%; }
.scroll { overflow-x: auto; }
.scroll table { min-width: 44rem; }
.scroll:focus-visible, pre:focus-visible { outline: 2px solid var(--link); }
th, td { border: 1px solid var(--line); padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
tr:target { outline: 2px solid var(--link); }
blockquote { margin: 0; padding-left: 1rem; border-left: 4px solid var(--line); color: var(--muted); }
.muted { color: var(--muted); }
`;

const styleHash = createHash('sha256').update(STYLE).digest('base64');

/**
 * The policy of every docs page but the API reference: nothing runs, the one style sheet is the inline one
 * (allowed by its hash), nothing is loaded from anywhere, no site may frame it.
 */
export const DOCS_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${styleHash}'`,
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The links every docs page carries at the top. */
const DOCS_NAV: readonly { href: string; label: string }[] = [
  { href: '/docs/', label: 'API reference' },
  { href: '/docs/guides', label: 'Guides' },
  { href: '/docs/errors', label: 'Errors' },
  { href: '/openapi.json', label: 'OpenAPI' },
  { href: '/llms.txt', label: 'llms.txt' },
];

/** A complete docs page around `body` (already HTML; everything else here is escaped). */
export function docsPage(title: string, body: string): string {
  const nav = DOCS_NAV.map(
    ({ href, label }) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`,
  ).join('\n      ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(title)} · Portcullis docs</title>
    <style>${STYLE}</style>
  </head>
  <body>
    <header>
      <nav aria-label="Docs">
      <strong>Portcullis docs</strong>
      ${nav}
      </nav>
    </header>
    <main>
${body}
    </main>
  </body>
</html>
`;
}
