import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: guides live in `docs/guides/`, the code they include under `examples/`. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface Guide {
  /** The page is `/docs/guides/<slug>`, its markdown `/docs/guides/<slug>.md`, its file `docs/guides/<slug>.md`. */
  slug: string;
  title: string;
  /** One line for the guides index and `/llms.txt`. */
  summary: string;
}

/** Every guide, in reading order. A guide file not listed here is not served. */
export const guides: readonly Guide[] = [
  {
    slug: 'choosing-a-credential-model',
    title: 'Choosing a credential model',
    summary:
      'API keys, OAuth apps, machine clients, personal access tokens, management keys and platform keys: which one fits which job.',
  },
  {
    slug: 'protect-your-api',
    title: 'Protect your API',
    summary:
      'Express, Fastify and Hono middleware that checks each call with `POST /api/v1/verify`, with a short cache, timeouts and the refusal codes mapped to 401, 403 and 429.',
  },
  {
    slug: 'machine-clients',
    title: 'Machine clients',
    summary:
      'OAuth client credentials: create a client, get an access token, verify it offline against the JWKS or through verify, and rotate the secret.',
  },
  {
    slug: 'scopes-and-plans',
    title: 'Scopes and plans',
    summary:
      'The scope vocabulary, `implies`, plans that gate scopes (`plan_required`), secret and restricted keys, test and live mode.',
  },
];

/** `<!-- include: examples/… -->` on a line of its own: the file's text in a fenced block of its language. */
const INCLUDE = /^<!-- include: ([\w./-]+) -->$/gm;

const LANGUAGES: Record<string, string> = { js: 'js', mjs: 'js', ts: 'ts', sh: 'sh', json: 'json' };

function includeFiles(markdown: string): string {
  return markdown.replace(INCLUDE, (_line, path: string) => {
    if (!path.startsWith('examples/') || path.includes('..')) {
      throw new Error(`a guide includes only files under examples/, not ${path}`);
    }
    const text = readFileSync(join(ROOT, path), 'utf8').trimEnd();
    const language = LANGUAGES[path.split('.').pop() ?? ''] ?? '';
    return `\`\`\`${language}\n// ${path}\n${text}\n\`\`\``;
  });
}

/** A guide's markdown as served: the file, with the example files it names included. */
export function guideMarkdown(guide: Guide): string {
  return includeFiles(readFileSync(join(ROOT, 'docs/guides', `${guide.slug}.md`), 'utf8'));
}

/** The OpenAPI document's description, shown at the top of the API reference: what it is, and the guides. */
export function referenceIntroduction(): string {
  const links = guides.map((guide) => `[${guide.title}](/docs/guides/${guide.slug})`).join(' · ');
  return [
    'API keys, scopes, plans, rate limits and audit feeds for a multi-tenant platform.',
    '',
    `Guides: ${links} · [all guides](/docs/guides). Every error and refusal code: [/docs/errors](/docs/errors). For tools: [/llms.txt](/llms.txt).`,
  ].join('\n');
}
