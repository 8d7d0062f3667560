import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import type { paths } from '../api/openapi';
import { StatusBadge } from '../components/badge.tsx';
import { ConfirmDialog, Dialog, DialogActions } from '../components/dialog.tsx';
import { daysFromNow, formatDate, formatList } from '../components/format.ts';
import { Page } from '../components/page.tsx';
import { LoadMore, usePagedList } from '../components/paged.tsx';
import { ScopeChecklist } from '../components/scope-checklist.tsx';
import { SecretReveal } from '../components/secret-reveal.tsx';
import { Empty, ErrorState, InlineError, Loading, QueryView } from '../components/states.tsx';
import { Table } from '../components/table.tsx';
import { useWorkspacePlan } from '../plan.ts';
import { useWorkspace } from '../workspace.tsx';

type Token =
  paths['/api/v1/me/tokens']['get']['responses']['200']['content']['application/json']['items'][number];
type TokenRequest =
  paths['/api/v1/me/tokens/{tokenId}/requests']['get']['responses']['200']['content']['application/json']['items'][number];

/**
 * A role's runtime pattern against a scope, as the server matches it: `*` stands for any run of characters
 * anywhere in the pattern (`read:*`, `*:read`, `*.read`).
 */
export function matchesRolePattern(pattern: string, scope: string): boolean {
  if (!pattern.includes('*')) return pattern === scope;
  const escaped = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`, 's').test(scope);
}

function formatLatency(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms).toLocaleString()} ms`;
}

const EXPIRY_CHOICES = [
  { value: '', label: 'Never' },
  { value: '7', label: 'In 7 days' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In a year' },
];

export function PersonalTokensPage() {
  const workspace = useWorkspace();
  const queryClient = useQueryClient();
  const tokens = usePagedList<Token>(['personal-tokens'], (cursor) =>
    unwrap(api.GET('/api/v1/me/tokens', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } })),
  );
  const [creating, setCreating] = useState(false);
  const [revealed, setRevealed] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<Token | null>(null);
  const [watching, setWatching] = useState<Token | null>(null);
  const revoke = useMutation({
    mutationFn: (tokenId: string) =>
      unwrap(api.DELETE('/api/v1/me/tokens/{tokenId}', { params: { path: { tokenId } } })),
    onSuccess: () => {
      setRevoking(null);
      return queryClient.invalidateQueries({ queryKey: ['personal-tokens'] });
    },
  });
  return (
    <Page
      title="Personal access tokens"
      description={
        <>
          Tokens for your own scripts and tools. A token acts as you: in each workspace it is narrowed to what
          your role there and the workspace's plan allow, and it stops reaching a workspace you leave. Send it
          as <code>Authorization: Bearer …</code> with <code>x-workspace-id: {workspace.tenantId}</code>.
        </>
      }
      actions={
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          New token
        </button>
      }
    >
      {tokens.isPending ? (
        <Loading label="Loading your tokens" />
      ) : tokens.isError ? (
        <ErrorState error={tokens.error} retry={() => tokens.refetch()} />
      ) : tokens.items.length === 0 ? (
        <Empty title="You have no personal tokens">
          <p>
            Create one per tool (one for an AI assistant, one for a script), with only the scopes it needs.
          </p>
        </Empty>
      ) : (
        <>
          <Table
            caption="Your personal access tokens"
            head={['Name', 'Token', 'Scopes', 'Created', 'Last used', 'Expires', 'Status', 'Actions']}
          >
            {tokens.items.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>
                  <code>{token.displayPrefix}…</code>
                </td>
                <td className="scopes">{formatList(token.scopes)}</td>
                <td>{formatDate(token.createdAt)}</td>
                <td>{formatDate(token.lastUsedAt)}</td>
                <td>{token.expiresAt ? formatDate(token.expiresAt) : 'Never'}</td>
                <td>
                  <StatusBadge status={token.status} />
                </td>
                <td className="actions">
                  <button
                    type="button"
                    onClick={() => setWatching(token)}
                    aria-pressed={watching?.id === token.id}
                  >
                    Activity<span className="visually-hidden"> of {token.name}</span>
                  </button>
                  {token.status === 'active' ? (
                    <button
                      type="button"
                      onClick={() => {
                        revoke.reset();
                        setRevoking(token);
                      }}
                    >
                      Revoke<span className="visually-hidden"> {token.name}</span>
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </Table>
          <LoadMore {...tokens} />
        </>
      )}

      {watching ? <TokenActivity token={watching} onClose={() => setWatching(null)} /> : null}

      <CreateTokenDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(created) => {
          setCreating(false);
          setRevealed(created);
          return queryClient.invalidateQueries({ queryKey: ['personal-tokens'] });
        }}
      />

      <SecretReveal
        open={revealed !== null}
        title={`Your new token: ${revealed?.name ?? ''}`}
        note="This is the only time the token is shown. Copy it now and keep it where you keep secrets: anyone holding it acts as you."
        secrets={revealed ? [{ label: 'Token', value: revealed.token }] : []}
        onClose={() => setRevealed(null)}
      />

      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this token?"
        message={
          <p>
            “{revoking?.name}” is refused from the next request, in every workspace. Whatever uses it stops
            working.
          </p>
        }
        confirmLabel="Revoke token"
        pending={revoke.isPending}
        error={<InlineError error={revoke.error} />}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
        onClose={() => setRevoking(null)}
      />
    </Page>
  );
}

function CreateTokenDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (created: { name: string; token: string }) => unknown;
}) {
  const workspace = useWorkspace();
  const planQuery = useWorkspacePlan(workspace.tenantId);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [expiry, setExpiry] = useState('');
  const nameId = useId();
  const expiryId = useId();
  const { role, runtimeScopes } = workspace.membership;
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/me/tokens', {
          body: { name, scopes, ...(expiry ? { expiresAt: daysFromNow(Number(expiry)) } : {}) },
        }),
      ),
    onSuccess: (created) => {
      setName('');
      setScopes([]);
      setExpiry('');
      return onCreated({ name: created.name, token: created.token });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <Dialog
      open={open}
      title="New personal token"
      onClose={onClose}
      footer={
        <DialogActions
          onCancel={onClose}
          form="token-form"
          label="Create token"
          pendingLabel="Creating…"
          pending={create.isPending}
          disabled={scopes.length === 0}
        />
      }
    >
      <form id="token-form" onSubmit={submit}>
        <label htmlFor={nameId}>Name</label>
        <input
          id={nameId}
          required
          maxLength={200}
          placeholder="e.g. Claude Code, n8n automation"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <QueryView query={planQuery} loadingLabel="Loading the scopes">
          {({ plan, plans, scopes: vocabulary }) => {
            const allowed = vocabulary.filter((scope) =>
              runtimeScopes.some((pattern) => matchesRolePattern(pattern, scope.name)),
            );
            const hidden = vocabulary.length - allowed.length;
            return (
              <>
                <ScopeChecklist
                  legend="Scopes"
                  scopes={allowed}
                  plan={plan}
                  plans={plans}
                  selected={scopes}
                  onChange={setScopes}
                />
                {hidden > 0 ? (
                  <p className="field-hint">
                    {`As a ${role} here, your tokens may use only scopes matching ${formatList(runtimeScopes)}: the ${hidden} other scope${hidden === 1 ? ' is' : 's are'} not offered.`}
                  </p>
                ) : null}
              </>
            );
          }}
        </QueryView>
        <label htmlFor={expiryId}>Expires</label>
        <select id={expiryId} value={expiry} onChange={(event) => setExpiry(event.target.value)}>
          {EXPIRY_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
        {scopes.length === 0 ? <p className="field-hint">Choose at least one scope.</p> : null}
        <InlineError error={create.error} />
      </form>
    </Dialog>
  );
}

function TokenActivity({ token, onClose }: { token: Token; onClose: () => void }) {
  const { tenantId, membership } = useWorkspace();
  const requests = usePagedList<TokenRequest>(['personal-token-requests', tenantId, token.id], (cursor) =>
    unwrap(
      api.GET('/api/v1/me/tokens/{tokenId}/requests', {
        params: {
          path: { tokenId: token.id },
          query: { workspaceId: tenantId, limit: 50, ...(cursor ? { cursor } : {}) },
        },
      }),
    ),
  );
  return (
    <section className="card token-activity" aria-labelledby="token-activity-heading">
      <div className="section-head">
        <h2 id="token-activity-heading">
          Activity of “{token.name}” in {membership.tenantName}
        </h2>
        <div className="page-actions">
          <button type="button" onClick={() => requests.refetch()} disabled={requests.isFetching}>
            {requests.isFetching ? 'Refreshing…' : 'Refresh'}
          </button>
          <button type="button" onClick={onClose}>
            Close<span className="visually-hidden"> the activity</span>
          </button>
        </div>
      </div>
      {requests.isPending ? (
        <Loading label="Loading the token's calls" />
      ) : requests.isError ? (
        <ErrorState error={requests.error} retry={() => requests.refetch()} />
      ) : requests.items.length === 0 ? (
        <Empty title="No calls in this workspace yet">
          <p>Calls appear here within a few seconds of being made.</p>
        </Empty>
      ) : (
        <>
          <Table
            caption={`Calls made with ${token.name}`}
            head={['Time', 'Method', 'Path', 'Status', 'Latency', 'IP', 'Rate-limited']}
          >
            {requests.items.map((row) => (
              <tr key={row.id}>
                <td>{formatDate(row.at)}</td>
                <td>{row.method ?? '—'}</td>
                <td>
                  <code>{row.path ?? '—'}</code>
                </td>
                <td>
                  {row.status} <span className="muted">{row.outcome.replace(/_/g, ' ')}</span>
                </td>
                <td>{formatLatency(row.latencyMs)}</td>
                <td>{row.ip ?? '—'}</td>
                <td>{row.rateLimited ? 'Yes' : 'No'}</td>
              </tr>
            ))}
          </Table>
          <LoadMore {...requests} />
        </>
      )}
    </section>
  );
}
