import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import type { Client } from '../../store/index.ts';

/** The request's `Origin`, when a browser sent one. */
function originOf(request: FastifyRequest): string | undefined {
  const origin = request.headers.origin;
  return typeof origin === 'string' && origin.length <= 300 ? origin : undefined;
}

/**
 * CORS for the OAuth endpoints: only an origin the client's own app allows is echoed back. Without an app,
 * or from any other origin, no CORS header is sent and the browser keeps the response from the page.
 */
export async function allowClientOrigin(
  context: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
  client: Pick<Client, 'tenantId' | 'appId'>,
): Promise<void> {
  const origin = originOf(request);
  reply.header('vary', 'Origin');
  if (!origin || client.appId === null) return;
  const app = await context.store.apps.get(client.tenantId, client.appId);
  if (app?.allowedOrigins.includes(origin)) reply.header('access-control-allow-origin', origin);
}

/**
 * A preflight arrives before any client is known: it passes when some app allows the origin; the actual
 * request then gets its CORS header only if the authenticated client's app allows it.
 */
export async function answerPreflight(
  context: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const origin = originOf(request);
  reply.header('vary', 'Origin');
  if (origin && (await context.store.apps.anyAllowsOrigin(origin))) {
    reply
      .header('access-control-allow-origin', origin)
      .header('access-control-allow-methods', 'POST')
      .header('access-control-allow-headers', 'authorization, content-type')
      .header('access-control-max-age', '600');
  }
  return reply.code(204).send();
}

/**
 * CORS for what any page may read or send without a credential of its own: discovery documents (GET) and
 * dynamic registration (POST). No cookie is involved, so `*` gives a browser-based client (an MCP client in a
 * web page) nothing that a server could not fetch; the request headers allowed are those such clients send.
 */
export function allowAnyOrigin(reply: FastifyReply): void {
  reply.header('access-control-allow-origin', '*');
}

/** The preflight of a request `allowAnyOrigin` answers. */
export function answerOpenPreflight(reply: FastifyReply, method: 'GET' | 'POST'): FastifyReply {
  return reply
    .header('access-control-allow-origin', '*')
    .header('access-control-allow-methods', method)
    .header('access-control-allow-headers', 'authorization, content-type, mcp-protocol-version')
    .header('access-control-max-age', '600')
    .code(204)
    .send();
}
