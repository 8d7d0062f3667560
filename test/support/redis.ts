// Gives tests a real Redis: a throwaway `redis-server` on 127.0.0.1, a free port, no persistence, in a temp dir.
// No `redis-server` binary: resolves to undefined (tests skip), or throws when CI=true.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface TestRedis {
  url: string;
  port: number;
  /** Freezes the server (SIGSTOP): connections stay open and nothing answers, as with a hung host. */
  pause(): void;
  /** Lets a paused server go on (SIGCONT). */
  resume(): void;
  /** Kills the server and deletes its directory. */
  stop(): Promise<void>;
}

export interface StartRedisOptions {
  /** A port to listen on, e.g. a stopped server's to bring "the same" Redis back; a free one otherwise. */
  port?: number;
}

/** Whether tests can start a Redis; under CI=true a missing `redis-server` throws instead. */
export function redisServerAvailable(): boolean {
  if (findRedisServer()) return true;
  if (process.env.CI === 'true') {
    throw new Error('Redis is required in CI: no redis-server on PATH (install the redis-server package)');
  }
  return false;
}

export async function startRedis(options: StartRedisOptions = {}): Promise<TestRedis | undefined> {
  const binary = redisServerAvailable() ? findRedisServer() : undefined;
  if (!binary) return undefined;
  const dir = await mkdtemp(join(tmpdir(), 'portcullis-redis-'));
  try {
    // The port is free when we look; another process may take it before redis binds, so retry.
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await freePort());
      try {
        const child = await launch(binary, dir, port);
        return {
          url: `redis://127.0.0.1:${port}`,
          port,
          pause: () => child.kill('SIGSTOP'),
          resume: () => child.kill('SIGCONT'),
          stop: () => stop(child, dir),
        };
      } catch (error) {
        if (attempt < 3 && options.port === undefined) continue;
        throw error;
      }
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Starts redis-server in the foreground and resolves once it accepts connections. */
function launch(binary: string, dir: string, port: number): Promise<ChildProcess> {
  const args = [
    '--bind',
    '127.0.0.1',
    '--port',
    String(port),
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    'no',
  ];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);
  child.once('exit', () => process.removeListener('exit', onExit));
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout?.removeListener('data', onData);
        child.stdout?.resume();
        child.removeListener('exit', onEarlyExit);
        resolve(child);
      }
    };
    const onEarlyExit = () => reject(new Error(`redis-server exited during start:\n${output}`));
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', onEarlyExit);
  });
}

async function stop(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // A stopped (SIGSTOP) server would not act on SIGTERM; SIGKILL ends it either way, and nothing is kept.
    child.kill('SIGKILL');
    await exited;
  }
  await rm(dir, { recursive: true, force: true });
}

function findRedisServer(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'redis-server'))) return join(dir, 'redis-server');
  }
  return existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not find a free port'))));
    });
  });
}
