import { Link } from 'react-router';
import { formatList } from '../components/format.ts';
import { Page } from '../components/page.tsx';
import { QueryView } from '../components/states.tsx';
import { type Plan, planEntitles, type ScopeDefinition, useWorkspacePlan } from '../plan.ts';
import { can, canRead, useWorkspace, type Workspace } from '../workspace.tsx';

interface CredentialChoice {
  title: string;
  when: string;
  path: string;
  linkLabel: string;
  /** Whether the role may see the page the choice links to. */
  visible: (workspace: Workspace) => boolean;
}

/** Seed 000's "how to choose a credential model", with Portcullis's five credentials: smallest first. */
const CHOICES: CredentialChoice[] = [
  {
    title: 'A restricted API key',
    when: 'Server-to-server reads or tightly scoped automation run by this workspace. Give it only the scopes the job needs; a secret key (every entitled scope) only when the job genuinely needs broad write access.',
    path: 'keys',
    linkLabel: 'API keys',
    visible: (w) => canRead(w, 'manage:keys'),
  },
  {
    title: 'An OAuth app',
    when: "Someone else's integration that this workspace's admins install and approve (authorization code with PKCE). The app asks for scopes; an admin grants them, and can revoke the installation later.",
    path: 'apps',
    linkLabel: 'Apps',
    visible: (w) => canRead(w, 'manage:apps'),
  },
  {
    title: 'A machine client',
    when: 'A backend job that should get short-lived access tokens (client credentials) rather than hold a long-lived key. Its secret can be rotated, and the client suspended, without touching other integrations.',
    path: 'clients',
    linkLabel: 'API clients',
    visible: (w) => canRead(w, 'manage:clients'),
  },
  {
    title: 'A personal access token',
    when: 'Your own scripts and tools (an AI assistant, a notebook, a one-off export). It acts as you: never beyond your role here, and it stops working when you leave the workspace.',
    path: 'tokens',
    linkLabel: 'Personal tokens',
    visible: () => true,
  },
  {
    title: 'A management key pair',
    when: "Automation that manages this workspace itself (issues keys, registers webhooks) rather than calling the platform's API. Grant only the management permissions it needs.",
    path: 'management-keys',
    linkLabel: 'Management keys',
    visible: (w) => canRead(w, 'manage:management-keys'),
  },
];

const ROLE_SUMMARY: Record<string, string> = {
  owner: 'you can do everything in this workspace, including managing members and their roles',
  manager:
    'you can manage apps, keys, clients, management keys and members, and read the workspace and its activity',
};

/** What the user's role allows, in one sentence. */
function roleSentence(workspace: Workspace): string {
  const { role, readsEverything, testModePermissions } = workspace.membership;
  const known = ROLE_SUMMARY[role];
  if (known) return `You are ${role === 'owner' ? 'an' : 'a'} ${role}: ${known}.`;
  const parts: string[] = [];
  if (readsEverything) parts.push('read everything in this workspace');
  const writes = ['keys', 'clients', 'apps', 'webhooks', 'members'].filter((name) =>
    can({ ...workspace, mode: 'live' }, `manage:${name}`),
  );
  if (writes.length > 0) parts.push(`manage ${formatList(writes)}`);
  const testOnly = testModePermissions
    .filter((permission) => permission.startsWith('manage:'))
    .map((permission) => permission.slice('manage:'.length).replace('-', ' '));
  if (testOnly.length > 0) parts.push(`manage test-mode ${formatList(testOnly)}`);
  parts.push('create personal tokens for yourself');
  const article = /^[aeiou]/.test(role) ? 'an' : 'a';
  return `You are ${article} ${role}: you can ${parts.slice(0, -1).join(', ')}${parts.length > 1 ? ' and ' : ''}${parts.at(-1)}.`;
}

interface ScopeGroup {
  title: string;
  scopes: ScopeDefinition[];
}

const READING = /(^|[:.])(read|search|discovery)([:.]|$)/;
const SEARCHING = /(^|[:.])search([:.]|$)/;

/** The plan's scopes, grouped by what they let an integration do. */
function groupEntitled(plan: Plan | undefined, scopes: ScopeDefinition[]): ScopeGroup[] {
  const entitled = scopes.filter((scope) => planEntitles(plan, scope.name));
  const groups: ScopeGroup[] = [
    { title: 'Read', scopes: entitled.filter((s) => READING.test(s.name) && !SEARCHING.test(s.name)) },
    { title: 'Search', scopes: entitled.filter((s) => SEARCHING.test(s.name)) },
    { title: 'Write and act', scopes: entitled.filter((s) => !READING.test(s.name)) },
  ];
  return groups.filter((group) => group.scopes.length > 0);
}

export function OverviewPage() {
  const workspace = useWorkspace();
  const query = useWorkspacePlan(workspace.tenantId);
  return (
    <Page
      title="Developers"
      description={`Settings › Developers of ${workspace.membership.tenantName}: the credentials integrations use to call the platform, and what this workspace's plan allows.`}
    >
      <p data-testid="role-sentence">{roleSentence(workspace)}</p>

      <section className="card">
        <h2>What to use when</h2>
        <p>
          Use the smallest credential that fits the job. Public pages (<a href="/docs">the docs</a>,{' '}
          <a href="/llms.txt">llms.txt</a>) need none at all.
        </p>
        <dl className="choices">
          {CHOICES.map((choice) => (
            <div key={choice.path} className="choice">
              <dt>{choice.title}</dt>
              <dd>
                {choice.when}{' '}
                {choice.visible(workspace) ? (
                  <Link to={workspace.href(choice.path)}>Open {choice.linkLabel}</Link>
                ) : (
                  <span className="muted">(your role cannot open {choice.linkLabel})</span>
                )}
              </dd>
            </div>
          ))}
        </dl>
        <p className="muted">
          Build and test against test mode (the switch at the top); test credentials never see live data.
        </p>
      </section>

      <section className="card">
        <h2>This workspace's plan</h2>
        <QueryView query={query} loadingLabel="Loading the plan">
          {({ tenant, plan, scopes }) =>
            plan ? (
              <>
                <p>
                  <strong>{plan.name}</strong>: {plan.description}
                </p>
                <dl className="facts">
                  <div>
                    <dt>Requests per minute</dt>
                    <dd>{plan.requestsPerMinute.toLocaleString()} per credential</dd>
                  </div>
                  <div>
                    <dt>Active API keys</dt>
                    <dd>up to {plan.maxActiveKeys.toLocaleString()}</dd>
                  </div>
                  <div>
                    <dt>Request history kept</dt>
                    <dd>{plan.requestRetentionDays} days</dd>
                  </div>
                </dl>
                <h3>What it entitles</h3>
                {groupEntitled(plan, scopes).map((group) => (
                  <div key={group.title} className="scope-group">
                    <h4>{group.title}</h4>
                    <ul className="scope-list">
                      {group.scopes.map((scope) => (
                        <li key={scope.name}>
                          <code>{scope.name}</code> <span className="muted">{scope.description}</span>
                        </li>
                      ))}
                    </ul>
                  </div>
                ))}
                {groupEntitled(plan, scopes).length === 0 ? (
                  <p className="muted">This plan entitles no scope of the vocabulary.</p>
                ) : null}
              </>
            ) : (
              <p>
                This workspace is on the plan “{tenant.plan}”, which the platform does not list. Ask the
                platform's operators what it includes.
              </p>
            )
          }
        </QueryView>
      </section>

      <section className="card">
        <h2>Docs for your developers</h2>
        <ul>
          <li>
            <a href="/docs">API documentation</a>: authentication, scopes and every endpoint
          </li>
          <li>
            <a href="/docs/errors">Errors</a>: every error code and what to do about it
          </li>
          <li>
            <a href="/openapi.json">OpenAPI document</a>: generate a client
          </li>
          <li>
            <a href="/llms.txt">llms.txt</a>: the docs for AI assistants
          </li>
        </ul>
      </section>
    </Page>
  );
}
