import { Link } from 'react-router';
import { ModeBadge } from '../../components/badge.tsx';
import { CopyButton } from '../../components/copy-button.tsx';
import { formatDate } from '../../components/format.ts';
import { Page } from '../../components/page.tsx';
import { QueryView } from '../../components/states.tsx';
import { can, useWorkspace } from '../../workspace.tsx';
import { type Endpoint, useDeliveries, useEndpoint } from './api.ts';
import { Deliveries } from './deliveries.tsx';
import { EndpointActions } from './endpoint-actions.tsx';
import { EndpointStatus, EventList } from './endpoint-status.tsx';

/** One endpoint: what it is, what a manager may do with it, and its deliveries. */
export function EndpointPage({ endpointId }: { endpointId: string }) {
  const workspace = useWorkspace();
  const endpoint = useEndpoint(workspace.tenantId, endpointId);
  const deliveries = useDeliveries(workspace.tenantId, endpointId);
  const manage = can(workspace, 'manage:webhooks');
  return (
    <Page
      title="Webhook endpoint"
      description={
        <Link to={workspace.href('webhooks')}>
          <span aria-hidden="true">← </span>All {workspace.mode}-mode endpoints
        </Link>
      }
    >
      <QueryView query={endpoint} loadingLabel="Loading the endpoint">
        {(found) => (
          <>
            {found.mode === workspace.mode ? null : (
              <p className="warning">
                This is a {found.mode}-mode endpoint; the console is in {workspace.mode} mode.
              </p>
            )}
            <EndpointDetails endpoint={found} />
            {manage ? (
              <EndpointActions tenantId={workspace.tenantId} endpoint={found} deliveries={deliveries.items} />
            ) : null}
            <Deliveries
              tenantId={workspace.tenantId}
              endpoint={found}
              deliveries={deliveries}
              manage={manage}
            />
          </>
        )}
      </QueryView>
    </Page>
  );
}

function EndpointDetails({ endpoint }: { endpoint: Endpoint }) {
  const previousUntil =
    endpoint.previousSecretExpiresAt && Date.parse(endpoint.previousSecretExpiresAt) > Date.now()
      ? endpoint.previousSecretExpiresAt
      : null;
  return (
    <div className="card">
      <dl className="endpoint-details">
        <dt>URL</dt>
        <dd className="endpoint-url-row">
          <code className="endpoint-url">{endpoint.url}</code>{' '}
          <CopyButton value={endpoint.url} label="Copy URL" />
        </dd>
        <dt>Description</dt>
        <dd>{endpoint.description || <span className="muted">None</span>}</dd>
        <dt>Mode</dt>
        <dd>
          <ModeBadge mode={endpoint.mode} />
        </dd>
        <dt>Events</dt>
        <dd>
          <EventList events={endpoint.events} />
        </dd>
        <dt>Status</dt>
        <dd data-testid="endpoint-status">
          <EndpointStatus endpoint={endpoint} />
        </dd>
        {previousUntil ? (
          <>
            <dt>Previous secret</dt>
            <dd>Also signs deliveries until {formatDate(previousUntil)}</dd>
          </>
        ) : null}
        <dt>Created</dt>
        <dd>{formatDate(endpoint.createdAt)}</dd>
      </dl>
    </div>
  );
}
