/**
 * The real cause of a database error, for an operator's eyes (a start-up failure, a log line): the driver's
 * own words — `connect ECONNREFUSED 127.0.0.1:5432`, `password authentication failed for user "portcullis"`
 * — with the connection's password taken out wherever it appears. Never sent in an HTTP answer.
 */
export function describeDatabaseError(error: unknown, connectionUrl?: string): string {
  return redact(causeOf(error), secretsOf(connectionUrl));
}

function causeOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    // Node tries each address of a name (::1, then 127.0.0.1) and reports them together, with no message.
    return [...new Set(error.errors.map(causeOf))].join('; ');
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return error.message || (typeof code === 'string' ? code : error.name);
  }
  return 'unknown error';
}

/** The password of a connection URL as written and as decoded, and the URL itself. */
function secretsOf(connectionUrl: string | undefined): string[] {
  if (!connectionUrl) return [];
  const secrets = [connectionUrl];
  try {
    const { password } = new URL(connectionUrl);
    if (password) secrets.push(password, decodeURIComponent(password));
  } catch {
    // Not a URL: the driver refuses it, and the text as a whole is still redacted.
  }
  return secrets;
}

function redact(message: string, secrets: readonly string[]): string {
  let redacted = message;
  // Longest first, so the URL goes as a whole before the password inside it.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret) redacted = redacted.split(secret).join('[redacted]');
  }
  return redacted;
}
