import { errorRemedies } from '../../core/error-docs.ts';
import { errorCodes, errorRegistry } from '../../core/errors.ts';
import { refusalDocs } from '../../services/verification/refusal-docs.ts';
import { statusOfOutcome, verifyFailureCodes } from '../../services/verification/result.ts';
import { escapeHtml, renderMarkdown, scrollable } from './markdown.ts';

interface ReferenceRow {
  code: string;
  status: number;
  meaning: string;
  remedy: string;
}

const problemRows: readonly ReferenceRow[] = errorCodes.map((code) => ({
  code,
  status: errorRegistry[code].status,
  meaning: errorRegistry[code].title,
  remedy: errorRemedies[code],
}));

const refusalRows: readonly ReferenceRow[] = verifyFailureCodes.map((code) => ({
  code,
  status: statusOfOutcome[code],
  meaning: refusalDocs[code].meaning,
  remedy: refusalDocs[code].remedy,
}));

const PROBLEMS_INTRO =
  'Every error that is not an OAuth error is an RFC 9457 problem document (`application/problem+json`) with `type`, `title`, `status`, `detail` and a stable `code`. Its `type` is this page with the code as anchor, e.g. `/docs/errors#rate_limited`. The OAuth endpoints under `/api/v1/platform/oauth/` answer in RFC 6749 form instead: `{"error": …, "error_description": …}`.';

const REFUSALS_INTRO =
  '`POST /api/v1/verify` answers 200 with `valid: false` and one of these codes when a credential may not make the call. The status is what your API answers its caller (the request feed records it too); the guide [Protect your API](/docs/guides/protect-your-api) maps them in code.';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function markdownTable(rows: readonly ReferenceRow[], statusHeading: string): string[] {
  return [
    `| code | ${statusHeading} | meaning | what to do |`,
    '|---|---|---|---|',
    ...rows.map((row) => `| \`${row.code}\` | ${row.status} | ${cell(row.meaning)} | ${cell(row.remedy)} |`),
  ];
}

/** The reference as markdown (`/docs/errors.md`, and `/docs/errors` for `Accept: text/markdown`). */
export function errorReferenceMarkdown(): string {
  return [
    '# Errors and refusal codes',
    '',
    '## Problem codes',
    '',
    PROBLEMS_INTRO,
    '',
    ...markdownTable(problemRows, 'HTTP status'),
    '',
    '## Verify refusal codes',
    '',
    REFUSALS_INTRO,
    '',
    ...markdownTable(refusalRows, 'your API answers'),
    '',
  ].join('\n');
}

/** One row per code, each with its anchor (`#rate_limited`; a refusal code also `#refusal-rate_limited`). */
function htmlTable(
  label: string,
  rows: readonly ReferenceRow[],
  statusHeading: string,
  anchorPrefix: string,
): string {
  const body = rows
    .map(
      (row) =>
        `<tr id="${anchorPrefix}${escapeHtml(row.code)}"><td><code>${escapeHtml(row.code)}</code></td><td>${row.status}</td><td>${renderInline(row.meaning)}</td><td>${renderInline(row.remedy)}</td></tr>`,
    )
    .join('\n');
  return scrollable(
    `<table>
<thead><tr><th scope="col">code</th><th scope="col">${escapeHtml(statusHeading)}</th><th scope="col">meaning</th><th scope="col">what to do</th></tr></thead>
<tbody>
${body}
</tbody>
</table>`,
    label,
  );
}

/** Backticks become code; everything else is escaped. */
function renderInline(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** The reference's HTML body: the problem codes (anchored by code, the problem `type`) and the refusal codes. */
export function errorReferenceHtml(): string {
  return [
    '<h1>Errors and refusal codes</h1>',
    '<p class="muted">Also as markdown: <a href="/docs/errors.md">/docs/errors.md</a>.</p>',
    '<h2 id="problem-codes">Problem codes</h2>',
    renderMarkdown(PROBLEMS_INTRO),
    htmlTable('Problem codes', problemRows, 'HTTP status', ''),
    '<h2 id="verify-refusal-codes">Verify refusal codes</h2>',
    renderMarkdown(REFUSALS_INTRO),
    htmlTable('Verify refusal codes', refusalRows, 'your API answers', 'refusal-'),
  ].join('\n');
}
