import { createHash } from 'node:crypto';
import type { ScopeVocabulary } from '../../core/scopes.ts';
import type { InstallTarget, ValidAuthorizationRequest } from '../../services/oauth/authorize.ts';

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1b1f24}
main{max-width:34rem;margin:2rem auto;background:#fff;border:1px solid #d0d5dd;border-radius:8px;padding:1.5rem}
h1{font-size:1.35rem;margin:0 0 .5rem}
.app{display:flex;gap:1rem;align-items:center;margin-bottom:1rem}
.app img{width:48px;height:48px;border-radius:8px;object-fit:contain}
.muted{color:#4a5360}
.warning{background:#fff4e5;border:1px solid #b25e00;border-radius:6px;padding:.5rem .75rem;color:#5c3100}
ul{padding-left:1.25rem}
li{margin:.25rem 0}
code{font-size:.9em}
fieldset{border:1px solid #d0d5dd;border-radius:6px;margin:1rem 0}
.actions{display:flex;gap:.75rem;margin-top:1.25rem}
button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:1px solid #1b1f24;background:#fff;color:#1b1f24;cursor:pointer}
button.primary{background:#1849a9;border-color:#1849a9;color:#fff}
button:focus-visible{outline:3px solid #f0b400;outline-offset:2px}
`;

const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/**
 * The consent and error pages' Content-Security-Policy: nothing but the page's own hashed style, https images
 * (the app's logo) and a form that posts to this origin. The redirect's origin is allowed as a form action as
 * well, because browsers apply `form-action` to the redirect that answers a form post (CSP 3 §6.3.1.1).
 */
export function consentPolicy(redirectOrigin?: string): string {
  const formAction = redirectOrigin === undefined ? "'self'" : `'self' ${redirectOrigin}`;
  return `default-src 'none'; style-src ${STYLE_HASH}; img-src https:; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`;
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="same-origin"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

/** A refusal shown to the user, never redirected: unknown client or redirect URI, a lost session, CSRF. */
export function errorPage(title: string, detail: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p>`);
}

export interface ConsentView {
  request: ValidAuthorizationRequest;
  targets: readonly InstallTarget[];
  vocabulary: ScopeVocabulary;
  csrfToken: string;
  userName: string;
  /** `POST` target: the authorization endpoint itself. */
  action: string;
}

function hidden(name: string, value: string | undefined | null): string {
  return value === undefined || value === null
    ? ''
    : `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}

/** Whether the platform vouches for the app: a warning for self-registered and self-described apps. */
function provenance(request: ValidAuthorizationRequest): string {
  const { app } = request;
  if (app.registeredVia === 'dynamic') {
    return '<p class="warning">This app registered itself. It was not registered by this platform or by any of its workspaces: install it only if you trust where it comes from.</p>';
  }
  if (app.registeredVia === 'metadata_document') {
    const host = new URL(request.clientId).host;
    return `<p class="warning">This app describes itself in a document published at <strong>${escapeHtml(host)}</strong>. It was not registered by this platform or by any of its workspaces: install it only if you trust ${escapeHtml(host)}.</p>`;
  }
  return '';
}

/** The consent screen: who asks, for what, where it will send the user, and in which workspace. */
export function consentPage(view: ConsentView): string {
  const { request, targets, vocabulary } = view;
  const { app } = request;
  const redirectHost = new URL(request.redirectUri).host;
  const logo = app.logoUrl ? `<img src="${escapeHtml(app.logoUrl)}" alt="">` : '';
  const homepage = app.homepageUrl
    ? `<div><a href="${escapeHtml(app.homepageUrl)}" rel="noopener noreferrer">${escapeHtml(app.homepageUrl)}</a></div>`
    : '';
  const scopes = request.scopes
    .map((scope) => {
      const description = vocabulary.definition(scope)?.description || scope;
      return `<li>${escapeHtml(description)} <code class="muted">${escapeHtml(scope)}</code></li>`;
    })
    .join('');
  const gated = targets
    .filter((target) => target.notEntitled.length > 0)
    .map(
      (target) =>
        `<p class="warning">The ${escapeHtml(target.planName)} plan of ${escapeHtml(target.name)} does not include: ${target.notEntitled
          .map((scope) => `<code>${escapeHtml(scope)}</code>`)
          .join(
            ', ',
          )}. The app will not be able to use ${target.notEntitled.length === 1 ? 'it' : 'them'} until the plan does.</p>`,
    )
    .join('');
  const [only] = targets;
  const workspace =
    targets.length === 0
      ? '<p class="warning">You cannot install apps in any of your workspaces: only a workspace owner or manager can. Ask one of them, or deny.</p>'
      : targets.length === 1 && only
        ? `<p>Install into <strong>${escapeHtml(only.name)}</strong>.</p>${hidden('tenant_id', only.tenantId)}`
        : `<fieldset><legend>Install into which workspace?</legend>${targets
            .map(
              (target, index) =>
                `<div><label><input type="radio" name="tenant_id" value="${escapeHtml(target.tenantId)}"${index === 0 ? ' checked' : ''}> ${escapeHtml(target.name)}</label></div>`,
            )
            .join('')}</fieldset>`;
  const fields = [
    hidden('csrf_token', view.csrfToken),
    hidden('response_type', 'code'),
    hidden('client_id', request.clientId),
    hidden('redirect_uri', request.redirectUri),
    hidden('state', request.state),
    hidden('code_challenge', request.codeChallenge),
    hidden('code_challenge_method', 'S256'),
    hidden('scope', request.scopes.join(' ')),
    hidden('resource', request.resource),
  ].join('');
  const approve =
    targets.length === 0
      ? ''
      : '<button class="primary" type="submit" name="decision" value="approve">Approve</button>';
  return layout(
    `Install ${app.name}`,
    `<div class="app">${logo}<div><h1>Install ${escapeHtml(app.name)}?</h1>${homepage}</div></div>
${provenance(request)}
<p class="muted">Signed in as ${escapeHtml(view.userName)}. After your answer you will be sent to <strong>${escapeHtml(redirectHost)}</strong>.</p>
<p>${escapeHtml(app.name)} asks to:</p><ul>${scopes}</ul>${gated}
<form method="post" action="${escapeHtml(view.action)}">${fields}${workspace}
<div class="actions">${approve}<button type="submit" name="decision" value="deny">Deny</button></div></form>`,
  );
}
