import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import type { paths } from '../api/openapi';
import { Empty, ErrorState, Loading } from './states.tsx';

type UsageReport =
  paths['/api/v1/tenants/{tenantId}/usage']['get']['responses']['200']['content']['application/json'];
type UsageBucket = UsageReport['buckets'][number];
type Outcome = keyof UsageBucket['outcomes'];
type Interval = UsageReport['interval'];

/** The three windows offered; each is the server's default window for its interval. */
const RANGES: readonly { interval: Interval; label: string; span: string }[] = [
  { interval: 'minute', label: 'Last hour, by minute', span: 'the last hour' },
  { interval: 'hour', label: 'Last day, by hour', span: 'the last 24 hours' },
  { interval: 'day', label: 'Last 30 days, by day', span: 'the last 30 days' },
];

/**
 * Every outcome in stacking order (valid at the bottom), its words and its colour. The colours keep 3:1 against
 * the white background and are told apart by the legend and the table too, never by colour alone.
 */
const OUTCOMES: readonly { outcome: Outcome; label: string; colour: string }[] = [
  { outcome: 'valid', label: 'Valid', colour: '#1e6b34' },
  { outcome: 'rate_limited', label: 'Rate-limited', colour: '#b35900' },
  { outcome: 'insufficient_scope', label: 'Insufficient scope', colour: '#6a3d9a' },
  { outcome: 'revoked', label: 'Revoked', colour: '#b3261e' },
  { outcome: 'expired', label: 'Expired', colour: '#7a5230' },
  { outcome: 'ip_not_allowed', label: 'IP not allowed', colour: '#00707a' },
  { outcome: 'tenant_suspended', label: 'Workspace suspended', colour: '#5f6b7a' },
  { outcome: 'workspace_required', label: 'Workspace required', colour: '#3a5fcd' },
  { outcome: 'workspace_not_allowed', label: 'Workspace not allowed', colour: '#2f4f4f' },
  { outcome: 'wrong_issuer', label: 'Wrong issuer', colour: '#a0306e' },
  { outcome: 'not_found', label: 'Unknown key', colour: '#806600' },
  { outcome: 'malformed', label: 'Malformed', colour: '#444444' },
];

const WIDTH = 720;
const HEIGHT = 180;

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
// Day buckets are UTC days: label them in UTC so a bucket shows the date it counts.
const utcDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

function bucketLabel(start: string, interval: Interval): string {
  const date = new Date(start);
  if (interval === 'day') return utcDay.format(date);
  return interval === 'minute' ? timeOfDay.format(date) : dayAndTime.format(date);
}

const number = new Intl.NumberFormat();

function requests(count: number): string {
  return `${number.format(count)} ${count === 1 ? 'request' : 'requests'}`;
}

/** 1, 2 or 5 times a power of ten, at least `value`: the top of the scale. */
function niceCeiling(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * power >= value) ?? 10;
  return step * power;
}

/** The outcomes that occur in the window, with their totals, in stacking order. */
function outcomeTotals(buckets: readonly UsageBucket[]) {
  return OUTCOMES.map((entry) => ({
    ...entry,
    total: buckets.reduce((sum, bucket) => sum + bucket.outcomes[entry.outcome], 0),
  })).filter((entry) => entry.total > 0);
}

function describeBucket(bucket: UsageBucket, interval: Interval): string {
  const parts = OUTCOMES.filter(({ outcome }) => bucket.outcomes[outcome] > 0).map(
    ({ outcome, label }) => `${number.format(bucket.outcomes[outcome])} ${label.toLowerCase()}`,
  );
  return `${bucketLabel(bucket.start, interval)}: ${requests(bucket.total)}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

/**
 * Requests over time by outcome for one key (or the whole workspace): a stacked bar per minute, hour or day,
 * from the usage aggregates (`GET /api/v1/tenants/{tenantId}/usage`). Screen readers get a summary and a table
 * of the same numbers.
 */
export function UsageChart({ tenantId, keyId }: { tenantId: string; keyId?: string }) {
  const [interval, chooseInterval] = useState<Interval>('hour');
  const selectId = useId();
  const range = RANGES.find((entry) => entry.interval === interval) ?? RANGES[1];
  const query = useQuery({
    queryKey: ['usage', tenantId, keyId ?? null, interval],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/tenants/{tenantId}/usage', {
          params: { path: { tenantId }, query: { interval, ...(keyId ? { keyId } : {}) } },
        }),
      ),
    // The current bucket fills as calls arrive.
    refetchInterval: interval === 'minute' ? 60_000 : false,
  });

  return (
    <figure className="usage-chart">
      <div className="usage-chart-head">
        <figcaption>
          Requests {keyId ? 'with this key' : 'in this workspace'} over {range?.span}, by outcome
        </figcaption>
        <label htmlFor={selectId} className="usage-chart-period">
          Period{' '}
          <select
            id={selectId}
            value={interval}
            onChange={(event) => chooseInterval(event.currentTarget.value as Interval)}
          >
            {RANGES.map((entry) => (
              <option key={entry.interval} value={entry.interval}>
                {entry.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {query.isPending ? (
        <Loading label="Loading usage" />
      ) : query.isError || !query.data ? (
        <ErrorState error={query.error} retry={() => void query.refetch()} />
      ) : query.data.buckets.every((bucket) => bucket.total === 0) ? (
        <Empty title={`No requests in ${range?.span}`}>
          <p className="muted">
            Calls verified {keyId ? 'with this key' : 'in this workspace'} show here within seconds.
          </p>
        </Empty>
      ) : (
        <StackedBars report={query.data} span={range?.span ?? ''} />
      )}
    </figure>
  );
}

function StackedBars({ report, span }: { report: UsageReport; span: string }) {
  const summaryId = useId();
  const { buckets, interval } = report;
  const totals = outcomeTotals(buckets);
  const total = totals.reduce((sum, entry) => sum + entry.total, 0);
  const top = niceCeiling(Math.max(...buckets.map((bucket) => bucket.total)));
  const slot = WIDTH / buckets.length;
  const gap = Math.min(slot * 0.2, 4);
  const busiest = buckets.reduce((best, bucket) => (bucket.total > best.total ? bucket : best));
  const summary = `${requests(total)} in ${span}: ${totals
    .map((entry) => `${number.format(entry.total)} ${entry.label.toLowerCase()}`)
    .join(
      ', ',
    )}. Busiest ${interval}: ${bucketLabel(busiest.start, interval)}, with ${requests(busiest.total)}.`;
  const first = buckets[0];
  const last = buckets.at(-1);

  return (
    <>
      <p id={summaryId} className="usage-chart-summary">
        {summary}
      </p>
      <div className="usage-chart-plot">
        <div className="usage-chart-scale" aria-hidden="true">
          <span>{number.format(top)}</span>
          <span>{number.format(top / 2)}</span>
          <span>0</span>
        </div>
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
          role="img"
          aria-labelledby={summaryId}
          focusable="false"
        >
          <title>{summary}</title>
          {[0, 0.5, 1].map((fraction) => (
            <line
              key={fraction}
              x1={0}
              x2={WIDTH}
              y1={HEIGHT * fraction}
              y2={HEIGHT * fraction}
              className="usage-chart-grid"
              vectorEffect="non-scaling-stroke"
            />
          ))}
          {buckets.map((bucket, index) => {
            let y = HEIGHT;
            return (
              <g key={bucket.start}>
                <title>{describeBucket(bucket, interval)}</title>
                {/* The whole slot answers hover, so a thin or empty bar still shows its numbers. */}
                <rect x={index * slot} y={0} width={slot} height={HEIGHT} fill="transparent" />
                {totals.map(({ outcome, colour }) => {
                  const count = bucket.outcomes[outcome];
                  if (count === 0) return null;
                  const height = (count / top) * HEIGHT;
                  y -= height;
                  return (
                    <rect
                      key={outcome}
                      x={index * slot + gap / 2}
                      y={y}
                      width={slot - gap}
                      height={height}
                      fill={colour}
                    />
                  );
                })}
              </g>
            );
          })}
        </svg>
      </div>
      <div className="usage-chart-axis" aria-hidden="true">
        <span>{first ? bucketLabel(first.start, interval) : ''}</span>
        <span>{last ? bucketLabel(last.start, interval) : ''}</span>
      </div>
      <ul className="usage-chart-legend" aria-label="Outcomes">
        {totals.map((entry) => (
          <li key={entry.outcome}>
            <span className="usage-chart-swatch" style={{ background: entry.colour }} aria-hidden="true" />
            {entry.label} <span className="muted">{number.format(entry.total)}</span>
          </li>
        ))}
      </ul>
      {/* The wrapper hides it: a table keeps its content's width whatever width it is given. */}
      <div className="visually-hidden">
        <table>
          <caption>
            Requests per {interval} over {span}, by outcome{interval === 'day' ? ' (UTC days)' : ''};{' '}
            {interval}s without requests are left out
          </caption>
          <thead>
            <tr>
              <th scope="col">{interval === 'day' ? 'Day' : 'Time'}</th>
              <th scope="col">Total</th>
              {totals.map((entry) => (
                <th key={entry.outcome} scope="col">
                  {entry.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {buckets
              .filter((bucket) => bucket.total > 0)
              .map((bucket) => (
                <tr key={bucket.start}>
                  <th scope="row">{bucketLabel(bucket.start, interval)}</th>
                  <td>{number.format(bucket.total)}</td>
                  {totals.map((entry) => (
                    <td key={entry.outcome}>{number.format(bucket.outcomes[entry.outcome])}</td>
                  ))}
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
