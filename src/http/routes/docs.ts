import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorReferenceHtml, errorReferenceMarkdown } from '../docs/error-reference.ts';
import { guideMarkdown, guides } from '../docs/guides.ts';
import { llmsText } from '../docs/llms.ts';
import { escapeHtml, renderMarkdown } from '../docs/markdown.ts';
import { DOCS_PAGE_CSP, docsPage } from '../docs/page.ts';
import { referenceRoutes } from '../docs/reference.ts';
import type { App, RouteDeps } from './types.ts';

const hidden = { schema: { hide: true } } as const;
const MARKDOWN = 'text/markdown; charset=utf-8';

function sendPage(reply: FastifyReply, html: string) {
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', DOCS_PAGE_CSP)
    .header('cache-control', 'no-cache')
    .send(html);
}

const sendMarkdown = (reply: FastifyReply, markdown: string) =>
  reply.header('content-type', MARKDOWN).header('cache-control', 'no-cache').send(markdown);

/** `Accept` names markdown before (or without) HTML: a tool asking for the source. */
function prefersMarkdown(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  const markdown = accept.indexOf('text/markdown');
  const html = accept.indexOf('text/html');
  return markdown !== -1 && (html === -1 || markdown < html);
}

/**
 * The docs the server serves, none of them in the OpenAPI document: `GET /` → `/docs`, the API reference
 * (Scalar, `/docs/`), the guides (markdown files in `docs/guides/` rendered to HTML, and as markdown), the error
 * reference, and `/llms.txt`. Everything is built when the app starts; a guide that fails to render fails
 * the start.
 */
export async function docsRoutes(app: App, { config }: Pick<RouteDeps, 'config'>): Promise<void> {
  app.get('/', hidden, (_request, reply) => reply.redirect('/docs/', 302));
  await referenceRoutes(app);

  const rendered = guides.map((guide) => {
    const markdown = guideMarkdown(guide);
    return { guide, markdown, html: docsPage(guide.title, renderMarkdown(markdown)) };
  });
  const index = docsPage(
    'Guides',
    [
      '<h1>Guides</h1>',
      '<ul>',
      ...guides.map(
        (guide) =>
          `<li><a href="/docs/guides/${guide.slug}">${escapeHtml(guide.title)}</a>: ${renderMarkdown(guide.summary).replace(/^<p>|<\/p>\n?$/g, '')} <a class="muted" href="/docs/guides/${guide.slug}.md">(markdown)</a></li>`,
      ),
      '</ul>',
      '<p>Reference: <a href="/docs/">the API, from the OpenAPI document</a> and <a href="/docs/errors">every error and refusal code</a>.</p>',
    ].join('\n'),
  );
  app.get('/docs/guides', hidden, (_request, reply) => sendPage(reply, index));
  app.get('/docs/guides/', hidden, (_request, reply) => reply.redirect('/docs/guides', 301));
  for (const { guide, markdown, html } of rendered) {
    app.get(`/docs/guides/${guide.slug}`, hidden, (_request, reply) => sendPage(reply, html));
    app.get(`/docs/guides/${guide.slug}.md`, hidden, (_request, reply) => sendMarkdown(reply, markdown));
  }

  const errorsMarkdown = errorReferenceMarkdown();
  const errorsHtml = docsPage('Errors and refusal codes', errorReferenceHtml());
  app.get('/docs/errors', hidden, (request, reply) => {
    reply.header('vary', 'Accept');
    return prefersMarkdown(request) ? sendMarkdown(reply, errorsMarkdown) : sendPage(reply, errorsHtml);
  });
  app.get('/docs/errors.md', hidden, (_request, reply) => sendMarkdown(reply, errorsMarkdown));

  const llms = llmsText(config.credentials.authorizationSchemes);
  app.get('/llms.txt', hidden, (_request, reply) =>
    reply.header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'no-cache').send(llms),
  );
}
