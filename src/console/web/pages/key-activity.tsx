import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import { ModeBadge, StatusBadge } from '../components/badge.tsx';
import { formatDate, formatList } from '../components/format.ts';
import { Page } from '../components/page.tsx';
import { usePagedList } from '../components/paged.tsx';
import { PagedTable } from '../components/paged-table.tsx';
import { Empty, QueryView } from '../components/states.tsx';
import { UsageChart } from '../components/usage-chart.tsx';
import { useWorkspace } from '../workspace.tsx';
import {
  type ApiKeyView,
  fetchRequestsPage,
  keysQueryKey,
  localDateTimeIso,
  OUTCOMES,
  type Outcome,
  type RequestFilter,
} from './keys/keys-api.ts';

/** Settings › API keys › a key: what it is, and every call made with it (the request feed), newest first. */
export function KeyActivityPage() {
  const { tenantId, href } = useWorkspace();
  const { keyId = '' } = useParams();
  const key = useQuery({
    queryKey: [...keysQueryKey(tenantId), 'key', keyId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/tenants/{tenantId}/keys/{keyId}', { params: { path: { tenantId, keyId } } })),
  });
  return (
    <Page
      title={key.data ? `Key activity: ${key.data.name}` : 'Key activity'}
      description={
        <>
          Every call made with this key, as the platform's API verified it.{' '}
          <Link to={href('keys')}>All keys</Link>
        </>
      }
    >
      <QueryView query={key} loadingLabel="Loading the key">
        {(data) => <KeyDetails apiKey={data} />}
      </QueryView>
      <section aria-labelledby="key-usage-heading">
        <h2 id="key-usage-heading">Requests over time</h2>
        <UsageChart tenantId={tenantId} keyId={keyId} />
      </section>
      <RequestFeed keyId={keyId} />
    </Page>
  );
}

function KeyDetails({ apiKey }: { apiKey: ApiKeyView }) {
  return (
    <dl className="card key-details">
      <div>
        <dt>Prefix</dt>
        <dd>
          <code>{apiKey.displayPrefix}…</code>
        </dd>
      </div>
      <div>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={apiKey.status} />
        </dd>
      </div>
      <div>
        <dt>Mode</dt>
        <dd>
          <ModeBadge mode={apiKey.mode} />
        </dd>
      </div>
      <div>
        <dt>Type</dt>
        <dd>{apiKey.type}</dd>
      </div>
      <div>
        <dt>Scopes</dt>
        <dd>{apiKey.scopes === null ? 'All the plan entitles' : formatList(apiKey.scopes)}</dd>
      </div>
      <div>
        <dt>IP allowlist</dt>
        <dd>{formatList(apiKey.ipAllowlist, 'Any address')}</dd>
      </div>
      <div>
        <dt>Created</dt>
        <dd>{formatDate(apiKey.createdAt)}</dd>
      </div>
      <div>
        <dt>Last used</dt>
        <dd>{apiKey.lastUsedAt ? formatDate(apiKey.lastUsedAt) : 'Never'}</dd>
      </div>
      <div>
        <dt>Expires</dt>
        <dd>{apiKey.expiresAt ? formatDate(apiKey.expiresAt) : 'Never'}</dd>
      </div>
      {apiKey.revokedAt ? (
        <div>
          <dt>Revoked</dt>
          <dd>{formatDate(apiKey.revokedAt)}</dd>
        </div>
      ) : null}
    </dl>
  );
}

function RequestFeed({ keyId }: { keyId: string }) {
  const { tenantId } = useWorkspace();
  const ids = useId();
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [status, setStatus] = useState('');
  const [rateLimited, setRateLimited] = useState<'' | 'yes' | 'no'>('');
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const statusNumber = /^[1-5]\d\d$/.test(status) ? Number(status) : undefined;
  const filter: RequestFilter = {
    keyId,
    outcome: outcome || undefined,
    status: statusNumber,
    rateLimited: rateLimited === '' ? undefined : rateLimited === 'yes',
    since: localDateTimeIso(since),
    until: localDateTimeIso(until),
  };
  const feed = usePagedList(['requests', tenantId, filter], (cursor) =>
    fetchRequestsPage(tenantId, filter, cursor),
  );
  const filtered = Boolean(outcome || statusNumber || rateLimited || since || until);
  return (
    <section aria-labelledby={`${ids}-feed`}>
      <div className="feed-head">
        <h2 id={`${ids}-feed`}>Requests</h2>
        <button type="button" onClick={() => feed.refetch()} disabled={feed.isFetching}>
          {feed.isFetching && !feed.isPending ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      <search className="toolbar" aria-label="Filter requests">
        <label htmlFor={`${ids}-outcome`}>
          Outcome
          <select
            id={`${ids}-outcome`}
            value={outcome}
            onChange={(event) => setOutcome(event.target.value as Outcome | '')}
          >
            <option value="">All</option>
            {OUTCOMES.map((value) => (
              <option key={value} value={value}>
                {value.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={`${ids}-status`}>
          HTTP status
          <input
            id={`${ids}-status`}
            inputMode="numeric"
            pattern="[1-5][0-9][0-9]"
            size={5}
            placeholder="e.g. 403"
            value={status}
            onChange={(event) => setStatus(event.target.value.trim())}
          />
        </label>
        <label htmlFor={`${ids}-limited`}>
          Rate-limited
          <select
            id={`${ids}-limited`}
            value={rateLimited}
            onChange={(event) => setRateLimited(event.target.value as '' | 'yes' | 'no')}
          >
            <option value="">Either</option>
            <option value="yes">Yes</option>
            <option value="no">No</option>
          </select>
        </label>
        <label htmlFor={`${ids}-since`}>
          From
          <input
            id={`${ids}-since`}
            type="datetime-local"
            value={since}
            onChange={(event) => setSince(event.target.value)}
          />
        </label>
        <label htmlFor={`${ids}-until`}>
          Until
          <input
            id={`${ids}-until`}
            type="datetime-local"
            value={until}
            onChange={(event) => setUntil(event.target.value)}
          />
        </label>
      </search>
      <PagedTable
        list={feed}
        loadingLabel="Loading requests"
        empty={
          <Empty title={filtered ? 'No requests match these filters' : 'No requests with this key yet'}>
            {filtered ? null : (
              <p>Calls appear here a moment after the platform's API verifies them. Refresh to look again.</p>
            )}
          </Empty>
        }
        caption="Requests made with this key, newest first"
        head={['Time', 'Method', 'Path', 'Status', 'Latency', 'IP', 'Rate-limited', 'Outcome']}
      >
        {(row) => (
          <tr key={row.id}>
            <td>{formatDate(row.at)}</td>
            <td>{row.method ?? '—'}</td>
            <td className="request-path">{row.path ? <code>{row.path}</code> : '—'}</td>
            <td>{row.status}</td>
            <td>{row.latencyMs < 10 ? row.latencyMs.toFixed(1) : Math.round(row.latencyMs)} ms</td>
            <td>{row.ip ?? '—'}</td>
            <td>{row.rateLimited ? 'Yes' : 'No'}</td>
            <td>
              <StatusBadge status={row.outcome} />
            </td>
          </tr>
        )}
      </PagedTable>
    </section>
  );
}
