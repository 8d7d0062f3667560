/**
 * Requests over time by outcome for one key (or the whole workspace). Placeholder until the usage aggregates
 * (`GET /api/v1/tenants/{tenantId}/usage`) land; the key activity page already renders it in its place.
 */
export function UsageChart({ tenantId, keyId }: { tenantId: string; keyId?: string }) {
  return (
    <p className="muted" data-tenant={tenantId} data-key={keyId ?? ''}>
      The chart of requests over time appears here.
    </p>
  );
}
