import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A Lua script and its SHA1, by which Redis knows it once loaded. */
export interface LuaScript {
  readonly source: string;
  readonly sha1: string;
}

export function luaScript(source: string): LuaScript {
  return { source, sha1: createHash('sha1').update(source).digest('hex') };
}

/** What services use of a Redis server: scripts, and word of the connection coming (back) up. */
export interface RedisConnection {
  /**
   * Runs `script` by its SHA1 (EVALSHA): one round trip. A server that does not hold it yet (NOSCRIPT: a
   * first use, a restart, a failover) gets the source once (EVAL, which also loads it). Rejects when the
   * server is unreachable or slower than the command timeout; nothing is queued for later.
   */
  runScript(script: LuaScript, keys: readonly string[], args: readonly string[]): Promise<unknown>;
  /** `listener` runs each time the connection is established after it was lost, or after a failed start. */
  onReconnect(listener: () => void): void;
  close(): Promise<void>;
}

export interface RedisOptions {
  /** A command not answered within this is failed, so a hung server costs a caller no more than this. */
  commandTimeoutMs: number;
}

/** How long the first connection may take before the server starts without it (and keeps trying). */
const CONNECT_TIMEOUT_MS = 2_000;

/**
 * Connects to `url` (`redis://` or `rediss://` for TLS; Redis 7 or Valkey) and waits for the first connection,
 * up to two seconds; an unreachable server is not an error here: the client keeps reconnecting in the
 * background (ioredis's back-off, at most two seconds apart) and commands fail fast until it is back.
 */
export async function openRedis(url: string, options: RedisOptions): Promise<RedisConnection> {
  // Loaded here, not with the module: a command on a node without Redis never pays for the client.
  const { Redis: RedisClient } = await import('ioredis');
  const client: Redis = new RedisClient(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: options.commandTimeoutMs,
    // Fail fast instead of waiting: a command sent while disconnected is rejected at once, none is retried
    // or resent after a reconnect (a rate-limit decision is worth nothing once its caller has been answered).
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    // Every command issued in one turn of the event loop goes out in one write: under load, the verifies that
    // one read of the sockets brought in share a system call instead of paying one each (decision 017).
    enableAutoPipelining: true,
  });
  // Connection errors reach the callers as failed commands; without a listener ioredis prints each one.
  client.on('error', () => {});
  await client.connect().catch(() => {});
  const reconnectListeners: (() => void)[] = [];
  // Attached after the first connection: every later 'ready' is a connection won back.
  client.on('ready', () => {
    for (const listener of reconnectListeners) listener();
  });
  return {
    async runScript(script, keys, args) {
      try {
        return await client.evalsha(script.sha1, keys.length, ...keys, ...args);
      } catch (error) {
        if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
        return await client.eval(script.source, keys.length, ...keys, ...args);
      }
    },
    onReconnect(listener) {
      reconnectListeners.push(listener);
    },
    async close() {
      // Nothing is left to flush: rate-limit state lives in the server.
      client.disconnect();
    },
  };
}
