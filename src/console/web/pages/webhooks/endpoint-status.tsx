import { StatusBadge } from '../../components/badge.tsx';
import { formatDate } from '../../components/format.ts';
import { disabledReasonText, type Endpoint } from './api.ts';

/** Enabled, or disabled with why and since when, in words. */
export function EndpointStatus({ endpoint }: { endpoint: Endpoint }) {
  if (!endpoint.disabled) return <StatusBadge status="enabled" />;
  return (
    <>
      <StatusBadge status="disabled" />
      <div className="field-hint">
        {disabledReasonText(endpoint.disabledReason)}, since {formatDate(endpoint.disabledAt)}
      </div>
    </>
  );
}

/** The subscribed events as the API holds them, `*` said in words. */
export function EventList({ events }: { events: readonly string[] }) {
  if (events.includes('*')) return <span>All events</span>;
  return (
    <ul className="event-list">
      {events.map((event) => (
        <li key={event}>
          <code>{event}</code>
        </li>
      ))}
    </ul>
  );
}
