/** A status in words and colour; the word carries the meaning, the colour only repeats it. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge badge-${status.replace(/[^a-z_-]/gi, '')}`}>{status.replace(/_/g, ' ')}</span>
  );
}

export function ModeBadge({ mode }: { mode: 'live' | 'test' }) {
  return <span className={`badge mode-badge-${mode}`}>{mode}</span>;
}
