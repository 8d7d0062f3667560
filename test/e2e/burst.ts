import { decodeJwt } from 'jose';
import type { ServerProcess } from './server.ts';

/** One write of the burst: a key created, a key revoked, or an access token issued. */
export type Operation = { kind: 'create' } | { kind: 'revoke'; keyId: string } | { kind: 'token' };

/** The writes the server acknowledged: a 2xx answer whose body was received in full. */
export interface Acknowledged {
  createdKeys: string[];
  revokedKeys: string[];
  tokenJtis: string[];
}

export interface BurstOutcome {
  acknowledged: Acknowledged;
  /** Requests sent and not yet answered when SIGKILL was sent (the one whose answer set it off excluded). */
  inFlightAtKill: number;
  /** Requests that never got a whole answer (the connection died with the process). */
  unanswered: number;
  /** Answers other than the expected 2xx: none is allowed before the kill. */
  refusals: string[];
}

export interface BurstTarget {
  server: ServerProcess;
  tenantId: string;
  platformKey: string;
  clientId: string;
  clientSecret: string;
  /** The scope the token requests ask for. */
  scope: string;
}

export interface BurstPlan {
  operations: readonly Operation[];
  /** Requests in flight at once. */
  concurrency: number;
  /** SIGKILL once this many writes have been acknowledged. */
  killAfter: number;
  /** The kill comes by this time at the latest, acknowledged or not (the test then fails on the count). */
  deadlineMs: number;
}

const REQUEST_TIMEOUT_MS = 5000;

/** Creations, revocations of `revocable` and issuances, interleaved so each kind is in flight at the kill. */
export function interleave(creates: number, revocable: readonly string[], tokens: number): Operation[] {
  const operations: Operation[] = [];
  const rounds = Math.max(creates, revocable.length, tokens);
  for (let round = 0; round < rounds; round++) {
    if (round < creates) operations.push({ kind: 'create' });
    const keyId = revocable[round];
    if (keyId !== undefined) operations.push({ kind: 'revoke', keyId });
    if (round < tokens) operations.push({ kind: 'token' });
  }
  return operations;
}

/** What one operation sends; the answer's status and full body text, or a rejection if it never came. */
async function send(target: BurstTarget, operation: Operation): Promise<{ status: number; text: string }> {
  const { server, tenantId, platformKey } = target;
  const keys = `${server.url}/api/v1/tenants/${tenantId}/keys`;
  const platform = { authorization: `Bearer ${platformKey}` };
  const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  let response: Response;
  if (operation.kind === 'create') {
    response = await fetch(keys, {
      method: 'POST',
      headers: { ...platform, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'burst key' }),
      signal,
    });
  } else if (operation.kind === 'revoke') {
    response = await fetch(`${keys}/${operation.keyId}`, { method: 'DELETE', headers: platform, signal });
  } else {
    // client_secret_basic (RFC 6749 §2.3.1): form-urlencoded id and secret.
    const basic = Buffer.from(
      `${encodeURIComponent(target.clientId)}:${encodeURIComponent(target.clientSecret)}`,
    ).toString('base64');
    response = await fetch(`${server.url}/api/v1/platform/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: target.scope }).toString(),
      signal,
    });
  }
  // The body in full: an answer cut off by the kill rejects here and is not an acknowledgement.
  return { status: response.status, text: await response.text() };
}

/** The id an acknowledged answer is about, or undefined when the answer is not the expected one. */
function acknowledgedId(operation: Operation, status: number, text: string): string | undefined {
  if (status < 200 || status > 299) return undefined;
  const body = JSON.parse(text) as Record<string, unknown>;
  if (operation.kind === 'create') return status === 201 && typeof body.id === 'string' ? body.id : undefined;
  if (operation.kind === 'revoke') return body.status === 'revoked' ? operation.keyId : undefined;
  const jti = typeof body.access_token === 'string' ? decodeJwt(body.access_token).jti : undefined;
  return typeof jti === 'string' ? jti : undefined;
}

/**
 * Runs the operations against the real process, `concurrency` at a time, and kills it with SIGKILL right after
 * the `killAfter`-th acknowledgement, with the other workers' requests still in flight. Answers that arrive
 * after the kill (already on the wire) count as acknowledged too. Resolves once the process has exited and
 * every request has settled.
 */
export async function burstThenKill(target: BurstTarget, plan: BurstPlan): Promise<BurstOutcome> {
  const acknowledged: Acknowledged = { createdKeys: [], revokedKeys: [], tokenJtis: [] };
  const refusals: string[] = [];
  const child = target.server.child;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  let next = 0;
  let acknowledgements = 0;
  let inFlight = 0;
  let inFlightAtKill = -1;
  let unanswered = 0;
  const kill = () => {
    if (inFlightAtKill >= 0) return;
    inFlightAtKill = inFlight;
    child.kill('SIGKILL');
  };
  const deadline = setTimeout(kill, plan.deadlineMs);

  const record = (operation: Operation, id: string) => {
    if (operation.kind === 'create') acknowledged.createdKeys.push(id);
    else if (operation.kind === 'revoke') acknowledged.revokedKeys.push(id);
    else acknowledged.tokenJtis.push(id);
    acknowledgements += 1;
    if (acknowledgements >= plan.killAfter) kill();
  };

  const worker = async () => {
    while (inFlightAtKill < 0 && next < plan.operations.length) {
      const operation = plan.operations[next++] as Operation;
      inFlight += 1;
      let answer: { status: number; text: string } | undefined;
      try {
        answer = await send(target, operation);
      } catch (error) {
        unanswered += 1;
        // Before the kill the process is up: a request without an answer is a failure of its own.
        if (inFlightAtKill < 0) refusals.push(`${operation.kind}: no answer (${String(error)})`);
      } finally {
        inFlight -= 1;
      }
      if (answer === undefined) continue;
      const id = acknowledgedId(operation, answer.status, answer.text);
      if (id !== undefined) record(operation, id);
      else if (inFlightAtKill < 0) refusals.push(`${operation.kind}: ${answer.status} ${answer.text}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: plan.concurrency }, worker));
    // Every operation answered before the count was reached: kill anyway, the test fails on the outcome.
    kill();
    await exited;
  } finally {
    clearTimeout(deadline);
  }
  return { acknowledged, inFlightAtKill, unanswered, refusals };
}
