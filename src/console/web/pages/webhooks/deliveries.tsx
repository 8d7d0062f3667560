import { StatusBadge } from '../../components/badge.tsx';
import { formatDate } from '../../components/format.ts';
import { LoadMore } from '../../components/paged.tsx';
import { Empty, InlineError, QueryView } from '../../components/states.tsx';
import { Table } from '../../components/table.tsx';
import { type Delivery, type Endpoint, type useDeliveries, useWebhookMutation, webhookCalls } from './api.ts';

type Attempt = Delivery['attempts'][number];

/** What the receiver answered, in words: `HTTP 204`, or why there was no answer. */
export function responseText(attempt: Attempt | undefined): string {
  if (!attempt) return '—';
  if (attempt.statusCode !== null) return `HTTP ${attempt.statusCode}`;
  return attempt.error ? `No response: ${attempt.error}` : 'No response';
}

/** The API's delivery status in the words a receiver's owner uses. */
export function deliveryStatus(delivery: Delivery): string {
  if (delivery.status === 'succeeded') return 'delivered';
  if (delivery.status === 'pending') return delivery.attemptCount > 0 ? 'retrying' : 'pending';
  return 'failed';
}

/** An endpoint's deliveries, newest first, with their attempts; managers may send a failed one again. */
export function Deliveries({
  tenantId,
  endpoint,
  deliveries,
  manage,
}: {
  tenantId: string;
  endpoint: Endpoint;
  deliveries: ReturnType<typeof useDeliveries>;
  manage: boolean;
}) {
  const retry = useWebhookMutation(tenantId, (deliveryId: string) =>
    webhookCalls.retry(tenantId, deliveryId),
  );
  const canRetry = manage && !endpoint.disabled;
  return (
    <section aria-labelledby="deliveries-heading">
      <h2 id="deliveries-heading">Deliveries</h2>
      <p className="muted">
        Newest first. A delivery that is not answered with a 2xx is tried again on a schedule (after 5
        seconds, 5 minutes, 30 minutes, then hours), always with the same webhook-id.
        {manage && endpoint.disabled ? ' Enable the endpoint to retry its deliveries.' : ''}
      </p>
      <InlineError error={retry.error} />
      <QueryView
        query={deliveries}
        loadingLabel="Loading the deliveries"
        isEmpty={() => deliveries.items.length === 0}
        empty={
          <Empty title="No deliveries yet">
            <p>Events this endpoint subscribes to, and test events, appear here as they are sent.</p>
          </Empty>
        }
      >
        {() => (
          <>
            <div className="stacked-table">
              <Table
                caption="Deliveries to this endpoint"
                head={[
                  'Event',
                  'Status',
                  'Attempts',
                  'Last response',
                  'Next attempt',
                  'Created',
                  ...(canRetry ? ['Actions'] : []),
                ]}
              >
                {deliveries.items.map((delivery) => {
                  const last = delivery.attempts.at(-1);
                  const retryable =
                    delivery.status === 'failed' ||
                    (delivery.status === 'pending' && delivery.attemptCount > 0);
                  return (
                    <tr key={delivery.id} data-delivery={delivery.id}>
                      <td data-label="Event">
                        <code>{delivery.eventType}</code>
                        <div className="field-hint mono">{delivery.eventId}</div>
                      </td>
                      <td data-label="Status">
                        <StatusBadge status={deliveryStatus(delivery)} />
                      </td>
                      <td data-label="Attempts">
                        <Attempts delivery={delivery} />
                      </td>
                      <td data-label="Last response">{responseText(last)}</td>
                      <td data-label="Next attempt">{formatDate(delivery.nextAttemptAt)}</td>
                      <td data-label="Created">{formatDate(delivery.createdAt)}</td>
                      {canRetry ? (
                        <td className="actions" data-label="Actions">
                          {retryable ? (
                            <button
                              type="button"
                              disabled={retry.isPending && retry.variables === delivery.id}
                              onClick={() => retry.mutate(delivery.id)}
                              aria-label={`Retry the ${delivery.eventType} delivery created ${formatDate(delivery.createdAt)}`}
                            >
                              {delivery.status === 'failed' ? 'Retry' : 'Retry now'}
                            </button>
                          ) : null}
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </Table>
            </div>
            <LoadMore {...deliveries} />
          </>
        )}
      </QueryView>
    </section>
  );
}

function Attempts({ delivery }: { delivery: Delivery }) {
  if (delivery.attempts.length === 0) return <span>{delivery.attemptCount}</span>;
  return (
    <details className="attempts">
      <summary>
        {delivery.attemptCount} attempt{delivery.attemptCount === 1 ? '' : 's'}
      </summary>
      <ol>
        {delivery.attempts.map((attempt) => (
          <li key={attempt.attemptedAt}>
            {formatDate(attempt.attemptedAt)}: {responseText(attempt)} in {attempt.latencyMs} ms
            {attempt.responseExcerpt ? <pre className="excerpt">{attempt.responseExcerpt}</pre> : null}
          </li>
        ))}
      </ol>
    </details>
  );
}
