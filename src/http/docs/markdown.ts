import { Marked, type Tokens } from 'marked';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/** A heading's anchor: lower case, letters, digits and dashes (`Caching and errors` → `caching-and-errors`). */
function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/&[a-z0-9#]+;/g, '')
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Only links within this site: a path, an anchor or a relative reference. */
const isLocalHref = (href: string): boolean => !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(href);

/**
 * Markdown to HTML for the served guides. The files are ours, but raw HTML is never passed through (it is shown
 * as text), links must stay on this site (another one fails the render, so a test catches it), images are not
 * loaded, and headings get anchors.
 */
const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(text);
    },
    image({ text }: Tokens.Image) {
      return escapeHtml(text);
    },
    link({ href, tokens }: Tokens.Link) {
      if (!isLocalHref(href)) throw new Error(`the docs link only to this site, not to ${href}`);
      return `<a href="${escapeHtml(href)}">${this.parser.parseInline(tokens)}</a>`;
    },
    heading({ tokens, depth }: Tokens.Heading) {
      const inner = this.parser.parseInline(tokens);
      return `<h${depth} id="${slugOf(inner)}">${inner}</h${depth}>\n`;
    },
  },
});

/** A table or code block wider than a phone scrolls; keyboard users reach it (WCAG 2.1.1). */
export function scrollable(html: string, label: string): string {
  return `<div class="scroll" tabindex="0" role="region" aria-label="${escapeHtml(label)}">${html}</div>`;
}

export function renderMarkdown(markdown: string): string {
  return marked
    .parse(markdown, { async: false })
    .replace(/<table>[\s\S]*?<\/table>/g, (table) => scrollable(table, 'Table'))
    .replace(/<pre>/g, '<pre tabindex="0">');
}
