import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ModeBadge } from '../components/badge.tsx';
import { formatDate } from '../components/format.ts';
import { Page } from '../components/page.tsx';
import { LoadMore } from '../components/paged.tsx';
import { SecretReveal } from '../components/secret-reveal.tsx';
import { Empty, QueryView } from '../components/states.tsx';
import { Table } from '../components/table.tsx';
import { can, useWorkspace } from '../workspace.tsx';
import { type EndpointWithSecret, useEndpoints } from './webhooks/api.ts';
import { EndpointFormDialog } from './webhooks/endpoint-form.tsx';
import { EndpointPage } from './webhooks/endpoint-page.tsx';
import { EndpointStatus, EventList } from './webhooks/endpoint-status.tsx';

/** `webhooks`: the endpoints of the current mode; `webhooks/:endpointId`: one endpoint and its deliveries. */
export function WebhooksPage() {
  const { endpointId } = useParams();
  return endpointId ? <EndpointPage key={endpointId} endpointId={endpointId} /> : <EndpointsPage />;
}

function EndpointsPage() {
  const workspace = useWorkspace();
  const { tenantId, mode } = workspace;
  const manage = can(workspace, 'manage:webhooks');
  const navigate = useNavigate();
  const endpoints = useEndpoints(tenantId, mode);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<EndpointWithSecret | null>(null);

  return (
    <Page
      title="Webhooks"
      description={
        <>
          Portcullis sends signed events (Standard Webhooks) to these endpoints. These are the {mode}-mode
          endpoints: they receive {mode}-mode events only.
        </>
      }
      actions={
        manage ? (
          <button type="button" className="primary" onClick={() => setAdding(true)}>
            Add endpoint
          </button>
        ) : null
      }
    >
      {manage ? null : (
        <p className="muted">Your role can see the webhook endpoints and deliveries, but not change them.</p>
      )}
      <QueryView
        query={endpoints}
        loadingLabel="Loading the endpoints"
        isEmpty={() => endpoints.items.length === 0}
        empty={
          <Empty title={`No ${mode}-mode endpoints yet`}>
            <p>
              {manage
                ? 'Add an endpoint to receive events such as key.created or member.added as they happen.'
                : 'Someone who manages webhooks in this workspace can add one.'}
            </p>
          </Empty>
        }
      >
        {() => (
          <>
            <div className="stacked-table">
              <Table
                caption={`Webhook endpoints, ${mode} mode`}
                head={['Endpoint', 'Mode', 'Events', 'Status', 'Created']}
              >
                {endpoints.items.map((endpoint) => (
                  <tr key={endpoint.id}>
                    <td className="endpoint-cell" data-label="Endpoint">
                      <Link to={workspace.href(`webhooks/${endpoint.id}`)} className="endpoint-url">
                        {endpoint.url}
                      </Link>
                      {endpoint.description ? <div className="muted">{endpoint.description}</div> : null}
                    </td>
                    <td data-label="Mode">
                      <ModeBadge mode={endpoint.mode} />
                    </td>
                    <td data-label="Events">
                      <EventList events={endpoint.events} />
                    </td>
                    <td data-label="Status">
                      <EndpointStatus endpoint={endpoint} />
                    </td>
                    <td data-label="Created">{formatDate(endpoint.createdAt)}</td>
                  </tr>
                ))}
              </Table>
            </div>
            <LoadMore {...endpoints} />
          </>
        )}
      </QueryView>
      {manage ? (
        <EndpointFormDialog
          open={adding}
          tenantId={tenantId}
          mode={mode}
          onClose={() => setAdding(false)}
          onCreated={setCreated}
        />
      ) : null}
      <SecretReveal
        open={created !== null}
        title="The endpoint's signing secret"
        note="This is the only time the signing secret is shown. Your receiver checks each delivery's webhook-signature header with it (any Standard Webhooks library does). Copy it now and store it where you keep secrets."
        secrets={created ? [{ label: 'Signing secret', value: created.secret }] : []}
        onClose={() => {
          const id = created?.id;
          setCreated(null);
          if (id) navigate(workspace.href(`webhooks/${id}`));
        }}
      />
    </Page>
  );
}
