import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mock } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { asPlatform, type TestApp } from '../support/app.ts';

/** One request a receiver got: the headers and exactly the bytes of the body. */
export interface Received {
  path: string;
  /** When it arrived (wall clock, ms). */
  at: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the receiver answers one request; by default 204. */
export type Reply = (response: ServerResponse, received: Received) => void;

/** A real HTTP receiver on 127.0.0.1: records every request and answers with the queued replies in turn. */
export interface Receiver {
  url: string;
  received: Received[];
  /** Replies for the next requests, in order; once used up, 204. */
  replies: Reply[];
  /** Replies for the next requests to one path (`/hooks/…`), taken before `replies`. */
  repliesTo: Map<string, Reply[]>;
  /** The requests to one path. */
  to(path: string): Received[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const replies: Reply[] = [];
  const repliesTo = new Map<string, Reply[]>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry: Received = {
        path: request.url ?? '/',
        at: Date.now(),
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(entry);
      const reply = repliesTo.get(entry.path)?.shift() ?? replies.shift();
      if (reply) reply(response, entry);
      else response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    replies,
    repliesTo,
    to: (path) => received.filter((entry) => entry.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const status =
  (code: number, headers: Record<string, string> = {}, body = ''): Reply =>
  (response) =>
    response.writeHead(code, headers).end(body);

/**
 * Verifies a delivery as a Standard Webhooks receiver does, with the unmodified `standardwebhooks` package:
 * the headers, a signature over exactly the bytes received, and a timestamp within five minutes of `nowSeconds`
 * (the package reads `Date.now()`; the tests' clock is frozen, so `Date` shows that clock while it checks).
 * Answers the parsed body; throws when the package refuses the delivery.
 */
export function verifyStandardWebhook(
  secret: string,
  received: Received,
  nowSeconds: number,
): Record<string, unknown> {
  const headers: Record<string, string> = {};
  for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
    const value = received.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  mock.timers.enable({ apis: ['Date'], now: nowSeconds * 1000 });
  try {
    return new Webhook(secret).verify(received.body, headers) as Record<string, unknown>;
  } finally {
    mock.timers.reset();
  }
}

/** An endpoint as the API shows it, with its secret on create and rotate. */
export interface EndpointView {
  id: string;
  tenantId: string;
  url: string;
  description: string;
  mode: 'live' | 'test';
  events: string[];
  disabled: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
  secret?: string;
}

export interface DeliveryView {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  mode: 'live' | 'test';
  status: 'pending' | 'succeeded' | 'failed';
  attemptCount: number;
  nextAttemptAt: string | null;
  attempts: {
    attemptedAt: string;
    statusCode: number | null;
    latencyMs: number;
    responseExcerpt: string | null;
    error: string | null;
  }[];
}

export const endpointsUrl = (tenantId: string): string => `/api/v1/tenants/${tenantId}/webhooks/endpoints`;

/** Registers an endpoint with the platform key; returns it with its secret. */
export async function createEndpoint(
  t: TestApp,
  tenantId: string,
  body: { url: string; events?: string[]; mode?: 'live' | 'test'; description?: string },
): Promise<EndpointView & { secret: string }> {
  const response = await asPlatform(t, {
    method: 'POST',
    url: endpointsUrl(tenantId),
    payload: { events: ['*'], ...body },
  });
  if (response.statusCode !== 201) throw new Error(`endpoint create failed: ${response.body}`);
  return response.json();
}

export async function deliveriesOf(
  t: TestApp,
  tenantId: string,
  endpointId: string,
): Promise<DeliveryView[]> {
  const response = await asPlatform(t, {
    method: 'GET',
    url: `${endpointsUrl(tenantId)}/${endpointId}/deliveries?limit=200`,
  });
  if (response.statusCode !== 200) throw new Error(`deliveries read failed: ${response.body}`);
  return response.json<{ items: DeliveryView[] }>().items;
}

/** The config webhook tests run with: loopback allowed (the receivers are on 127.0.0.1), a short schedule. */
export const webhookTestConfig = {
  webhooks: {
    allowPrivateNetworks: true,
    retrySchedule: [5, 60, 600],
    timeoutMs: 2000,
    eventTypes: [{ type: 'booking.created', description: 'A booking was made' }],
  },
};
