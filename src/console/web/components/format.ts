const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A timestamp for a table cell; `—` for none. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTime.format(date);
}

export function formatList(values: readonly string[] | null | undefined, none = '—'): string {
  return values && values.length > 0 ? values.join(', ') : none;
}

/** An ISO timestamp `days` from now, for expiry inputs given in days. */
export function daysFromNow(days: number, now = Date.now()): string {
  return new Date(now + days * 86_400_000).toISOString();
}
