/**
 * An MCP server protected by Portcullis: a platform's own MCP endpoint, built on `@modelcontextprotocol/sdk`, that
 * accepts Portcullis access tokens (an installed app's, through OAuth 2.1 with PKCE) and API keys (seed 001's
 * one-click MCP key), with one read tool and one write tool.
 *
 *   PORTCULLIS_URL=http://127.0.0.1:4400 PORTCULLIS_VERIFIER_KEY=pk_live_… PORT=4500 node examples/mcp-server/server.ts
 *
 * - `POST /mcp`: the MCP endpoint (Streamable HTTP, stateless). No credential → 401 with
 *   `WWW-Authenticate: Bearer resource_metadata="…"`, which is where an MCP client starts its OAuth flow.
 * - `GET /.well-known/oauth-protected-resource/mcp`: RFC 9728 metadata naming Portcullis as the authorization server.
 *
 * Tools need `mcp:*`, or the tool's own scope: `bookings:read` to list, `bookings:write` to create. A token without
 * it gets 403 `insufficient_scope` naming the scope, so the client can ask for it (step-up).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';
import { type Caller, protectResource } from '../../src/sdk/index.ts';

const TOOL_SCOPES: Record<string, string> = {
  list_bookings: 'bookings:read',
  create_booking: 'bookings:write',
};
const MAX_BODY_BYTES = 64 * 1024;

interface Booking {
  id: string;
  court: string;
  startsAt: string;
  bookedBy: string;
}

export interface ExampleServerOptions {
  /** The Portcullis deployment (its issuer). */
  portcullisUrl: string;
  /** This server's public URL; the MCP endpoint is `${publicUrl}/mcp`. */
  publicUrl: string;
  /** Verify through Portcullis with this platform key (revocation holds at once); without it, offline JWTs only. */
  verifierKey?: string;
}

/** Per tenant, the bookings this example keeps in memory. */
const bookings = new Map<string, Booking[]>();

function holds(caller: Caller, scope: string): boolean {
  return caller.scopes.some(
    (held) => held === scope || (held.endsWith('*') && scope.startsWith(held.slice(0, -1))),
  );
}

function mcpServerFor(caller: Caller): McpServer {
  const server = new McpServer({ name: 'courts-example', version: '1.0.0' });
  server.registerTool(
    'list_bookings',
    {
      title: 'List bookings',
      description: "The workspace's court bookings",
      annotations: { readOnlyHint: true },
    },
    async () => ({
      content: [{ type: 'text', text: JSON.stringify(bookings.get(caller.tenantId) ?? []) }],
    }),
  );
  server.registerTool(
    'create_booking',
    {
      title: 'Book a court',
      description: 'Books a court at a time',
      inputSchema: { court: z.string().min(1).max(50), startsAt: z.string().min(1).max(40) },
    },
    async ({ court, startsAt }) => {
      const list = bookings.get(caller.tenantId) ?? [];
      const booking = {
        id: `bk_${list.length + 1}`,
        court,
        startsAt,
        bookedBy: caller.subject ?? caller.clientId ?? caller.keyId ?? 'unknown',
      };
      bookings.set(caller.tenantId, [...list, booking]);
      return { content: [{ type: 'text', text: JSON.stringify(booking) }] };
    },
  );
  return server;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** The tools a JSON-RPC message (or batch) calls, to check their scopes before the MCP server runs. */
function calledTools(message: unknown): string[] {
  const messages = Array.isArray(message) ? message : [message];
  return messages.flatMap((m) =>
    m && typeof m === 'object' && (m as { method?: unknown }).method === 'tools/call'
      ? [String((m as { params?: { name?: unknown } }).params?.name ?? '')]
      : [],
  );
}

function send(
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: unknown,
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

export function createExampleServer(options: ExampleServerOptions) {
  const resource = `${options.publicUrl.replace(/\/$/, '')}/mcp`;
  const guard = protectResource({
    issuer: options.portcullisUrl,
    resource,
    // Through Portcullis, API keys may come as `ApiKey <key>` too (seed 001's form); offline, only tokens.
    ...(options.verifierKey ? { verifyWith: { apiKey: options.verifierKey }, apiKeyScheme: true } : {}),
    scopesSupported: ['mcp:*', 'bookings:read', 'bookings:write'],
    resourceName: 'Courts (example MCP server)',
  });
  return createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (request.method === 'GET' && url.pathname === guard.metadataUrl.pathname) {
        return send(response, 200, { 'cache-control': 'max-age=300' }, guard.metadata());
      }
      if (url.pathname !== '/mcp') return send(response, 404, {}, { error: 'not_found' });
      if (request.method !== 'POST')
        return send(response, 405, { allow: 'POST' }, { error: 'method_not_allowed' });
      const checked = await guard.check(request.headers.authorization, {
        ...(request.socket.remoteAddress ? { ip: request.socket.remoteAddress } : {}),
      });
      if (!checked.ok) return send(response, checked.status, checked.headers, checked.body);
      const caller = checked.caller;
      const body = await readJson(request);
      for (const tool of calledTools(body)) {
        const scope = TOOL_SCOPES[tool];
        if (scope && !holds(caller, 'mcp:*') && !holds(caller, scope)) {
          // The same challenge a token without the scope would get from the guard (RFC 6750 §3.1).
          const refused = await guard.check(request.headers.authorization, { scopes: [scope] });
          if (!refused.ok) return send(response, refused.status, refused.headers, refused.body);
        }
      }
      const transport = new StreamableHTTPServerTransport({ enableJsonResponse: true });
      const server = mcpServerFor(caller);
      response.on('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(request, response, body);
    } catch {
      if (!response.headersSent) send(response, 400, {}, { error: 'invalid_request' });
    }
  });
}

if (import.meta.main) {
  const port = Number(process.env.PORT ?? 4500);
  const portcullisUrl = process.env.PORTCULLIS_URL ?? 'http://127.0.0.1:4400';
  const server = createExampleServer({
    portcullisUrl,
    publicUrl: process.env.PUBLIC_URL ?? `http://127.0.0.1:${port}`,
    ...(process.env.PORTCULLIS_VERIFIER_KEY ? { verifierKey: process.env.PORTCULLIS_VERIFIER_KEY } : {}),
  });
  server.listen(port, '127.0.0.1', () => console.log(`MCP server on http://127.0.0.1:${port}/mcp`));
}
