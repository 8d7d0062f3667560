import { guides } from './guides.ts';

/** How runtime keys are sent, in the schemes this server's configuration accepts. */
export function keySchemesPhrase(schemes: readonly ('ApiKey' | 'Bearer')[]): string {
  return schemes.map((scheme) => `\`Authorization: ${scheme} <key>\``).join(' or ');
}

/**
 * `/llms.txt` (llmstxt.org): an H1, a one-paragraph summary in a blockquote, then sections of links, each with
 * one line saying what is behind it. Links go to markdown or JSON, which a model reads best.
 */
export function llmsText(schemes: readonly ('ApiKey' | 'Bearer')[]): string {
  return [
    '# Portcullis',
    '',
    `> API keys, OAuth machine clients, scopes, plans, rate limits, audit feeds and webhooks for this platform. Your API checks each call with \`POST /api/v1/verify\`; send keys as ${keySchemesPhrase(schemes)}, never in the URL.`,
    '',
    '## Guides',
    '',
    ...guides.map((guide) => `- [${guide.title}](/docs/guides/${guide.slug}.md): ${guide.summary}`),
    '',
    '## Reference',
    '',
    '- [OpenAPI description](/openapi.json): every route, its parameters, bodies, responses and security',
    '- [Errors and refusal codes](/docs/errors.md): every problem code and verify refusal code, with its status and what to do',
    '- [Scope vocabulary](/api/v1/scopes): every scope, what it implies and the plans that entitle it',
    '- [Plans](/api/v1/plans): entitled scopes, requests per minute, key limits and retention of each plan',
    '- [Management permissions](/api/v1/management-permissions): what management key pairs and machine clients may hold',
    '- [Webhook event types](/api/v1/webhooks/event-types): the events a tenant can receive',
    '',
    '## Optional',
    '',
    '- [API reference (HTML)](/docs/): the OpenAPI description rendered for people',
    '- [Authorization server metadata](/.well-known/oauth-authorization-server): token endpoint, JWKS and supported grants (RFC 8414)',
    '',
  ].join('\n');
}
