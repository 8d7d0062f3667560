import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import type { paths } from '../api/openapi';
import { formatDate } from '../components/format.ts';
import { Page } from '../components/page.tsx';
import { LoadMore, usePagedList } from '../components/paged.tsx';
import { Empty, ErrorState, Loading } from '../components/states.tsx';
import { Table } from '../components/table.tsx';
import { canRead, useWorkspace } from '../workspace.tsx';

type ActivityRow =
  paths['/api/v1/tenants/{tenantId}/audit/activity']['get']['responses']['200']['content']['application/json']['items'][number];

/** The actions a tenant's feed holds, for the filter's suggestions; any other name can be typed. */
const ACTIONS = [
  'key.created',
  'key.rolled',
  'key.revoked',
  'app.created',
  'app.updated',
  'app.deleted',
  'client.created',
  'client.scopes_changed',
  'client.suspended',
  'client.resumed',
  'client.secret_rotated',
  'client.deleted',
  'management_key.created',
  'management_key.revoked',
  'member.added',
  'membership.role_changed',
  'member.removed',
  'invitation.created',
  'invitation.accepted',
  'invitation.revoked',
  'console_session.created',
  'console_session.used',
  'endpoint.created',
  'endpoint.updated',
  'endpoint.deleted',
  'endpoint.secret_rotated',
  'endpoint.disabled',
  'tenant.created',
  'tenant.renamed',
  'tenant.plan_changed',
  'tenant.suspended',
  'tenant.resumed',
  'access.denied',
];

const ACTOR_KINDS: Record<string, string> = {
  user: 'Member',
  platform_key: 'The platform',
  management_key: 'Management key',
  client: 'API client',
  cli: 'Command line',
  system: 'Portcullis',
};

/** A `datetime-local` value (the browser's time zone) as the ISO timestamp the API takes. */
function toIso(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Timestamps (`expiresAt`, in epoch milliseconds) as dates; anything else as text. */
function detailValue(key: string, value: unknown): string {
  if (typeof value === 'number' && key.endsWith('At')) return formatDate(new Date(value).toISOString());
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(', ');
  return JSON.stringify(value);
}

/** The details of a row in one short line; the full text stays in the cell's title. */
export function compactDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([key, value]) => key !== 'userAgent' && value !== null && value !== undefined)
    .map(([key, value]) => `${key}: ${detailValue(key, value)}`)
    .join(' · ');
}

interface Filters {
  action: string;
  actor: string;
  since: string;
  until: string;
}

export function ActivityPage() {
  const workspace = useWorkspace();
  const { tenantId, mode } = workspace;
  const [params, setParams] = useSearchParams();
  const applied: Filters = {
    action: params.get('action') ?? '',
    actor: params.get('actor') ?? '',
    since: params.get('since') ?? '',
    until: params.get('until') ?? '',
  };
  const [draft, setDraft] = useState<Filters>(applied);
  const ids = { action: useId(), actor: useId(), since: useId(), until: useId(), list: useId() };
  const readsMembers = canRead(workspace, 'manage:members');
  // Only a role that may read the members asks for them: a refused read would itself be an activity row.
  const membersQuery = useQuery({
    queryKey: ['members', tenantId, 'actors'],
    enabled: readsMembers,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/tenants/{tenantId}/members', {
          params: { path: { tenantId }, query: { limit: 200 } },
        }),
      ),
  });
  const members = { items: membersQuery.data?.items ?? [] };
  const names = new Map(members.items.map((m) => [m.userId, `${m.name} (${m.email})`]));
  const since = toIso(applied.since);
  const until = toIso(applied.until);
  const feed = usePagedList<ActivityRow>(['activity', tenantId, mode, applied], (cursor) =>
    unwrap(
      api.GET('/api/v1/tenants/{tenantId}/audit/activity', {
        params: {
          path: { tenantId },
          query: {
            limit: 50,
            mode,
            ...(cursor ? { cursor } : {}),
            ...(applied.action ? { action: applied.action } : {}),
            ...(applied.actor ? { actor: applied.actor } : {}),
            ...(since ? { since } : {}),
            ...(until ? { until } : {}),
          },
        },
      }),
    ),
  );
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(draft)) if (value) next.set(key, value.trim());
    setParams(next);
  };
  const clear = () => {
    setDraft({ action: '', actor: '', since: '', until: '' });
    setParams(new URLSearchParams());
  };
  const actorOf = (actor: ActivityRow['actor']) => {
    const kind = ACTOR_KINDS[actor.type] ?? actor.type;
    if (actor.type === 'user' && actor.id) return names.get(actor.id) ?? `${kind} ${actor.id}`;
    return actor.id ? `${kind} ${actor.id}` : kind;
  };
  const filtered = Object.values(applied).some(Boolean);
  return (
    <Page
      title="Activity"
      description={`Who created, changed, revoked or approved what in this workspace, newest first: ${mode}-mode objects, and the members and the workspace itself. Each credential's calls are on its own page.`}
    >
      <form className="toolbar" onSubmit={apply} aria-label="Filter the activity">
        <label htmlFor={ids.action}>
          Action
          <input
            id={ids.action}
            list={ids.list}
            value={draft.action}
            placeholder="e.g. key.created"
            maxLength={64}
            onChange={(event) => setDraft({ ...draft, action: event.target.value })}
          />
        </label>
        <datalist id={ids.list}>
          {ACTIONS.map((action) => (
            <option key={action} value={action} />
          ))}
        </datalist>
        <label htmlFor={ids.actor}>
          Actor
          <select
            id={ids.actor}
            value={draft.actor}
            onChange={(event) => setDraft({ ...draft, actor: event.target.value })}
          >
            <option value="">Anyone</option>
            {members.items.map((member) => (
              <option key={member.userId} value={`user:${member.userId}`}>
                {member.name} ({member.email})
              </option>
            ))}
            <option value="user">Any member</option>
            <option value="platform_key">The platform</option>
            <option value="management_key">Any management key</option>
            <option value="client">Any API client</option>
            <option value="system">Portcullis itself</option>
            {draft.actor &&
            !/^(user|platform_key|management_key|client|system)$/.test(draft.actor) &&
            !members.items.some((m) => `user:${m.userId}` === draft.actor) ? (
              <option value={draft.actor}>{draft.actor}</option>
            ) : null}
          </select>
        </label>
        <label htmlFor={ids.since}>
          From
          <input
            id={ids.since}
            type="datetime-local"
            value={draft.since}
            onChange={(event) => setDraft({ ...draft, since: event.target.value })}
          />
        </label>
        <label htmlFor={ids.until}>
          Until
          <input
            id={ids.until}
            type="datetime-local"
            value={draft.until}
            onChange={(event) => setDraft({ ...draft, until: event.target.value })}
          />
        </label>
        <button type="submit" className="primary">
          Apply filters
        </button>
        {filtered ? (
          <button type="button" onClick={clear}>
            Clear
          </button>
        ) : null}
      </form>
      {feed.isPending ? (
        <Loading label="Loading the activity" />
      ) : feed.isError ? (
        <ErrorState error={feed.error} retry={() => feed.refetch()} />
      ) : feed.items.length === 0 ? (
        <Empty title={filtered ? 'Nothing matches these filters' : 'No activity yet'}>
          <p>
            {filtered
              ? 'Try another action, actor or time range, or clear the filters.'
              : 'Creating keys, clients, apps or invitations shows up here.'}
          </p>
        </Empty>
      ) : (
        <>
          <Table caption="Activity" head={['Time', 'Actor', 'Action', 'Target', 'Details']}>
            {feed.items.map((row) => {
              const details = compactDetails(row.details);
              return (
                <tr key={row.id}>
                  <td className="nowrap">{formatDate(row.at)}</td>
                  <td>
                    {actorOf(row.actor)}
                    {row.actor.ip ? <div className="muted small">{row.actor.ip}</div> : null}
                  </td>
                  <td>
                    <code>{row.action}</code>
                  </td>
                  <td>
                    {row.target.type.replace(/_/g, ' ')} <code className="small">{row.target.id}</code>
                  </td>
                  <td className="details" title={details}>
                    {details || '—'}
                  </td>
                </tr>
              );
            })}
          </Table>
          <LoadMore {...feed} />
        </>
      )}
    </Page>
  );
}
