import { parseFlags } from './args.ts';
import { createFirstPlatformKey } from './first-platform-key.ts';
import { localConfig, openLocal } from './local.ts';
import { createLogger } from './logger.ts';
import { type Output, printJson } from './output.ts';
import { type RunningServer, startServer } from './server.ts';

/**
 * `portcullis serve`: on an empty data directory or database it first does what `init` does (the first
 * platform key goes to a file, its path to the output); then it listens until SIGINT or SIGTERM.
 */
export async function serveCommand(argv: string[], out: Output): Promise<void> {
  const flags = parseFlags(argv, {});
  const config = localConfig(flags);
  const logger = createLogger(config);
  const runtime = await openLocal(flags, { create: true, serving: true, config, logger });
  let keyFile: string | undefined;
  let server: RunningServer;
  try {
    keyFile = await createFirstPlatformKey(runtime);
    server = await startServer(runtime, logger);
  } catch (error) {
    await runtime.close();
    throw error;
  }
  // With --json, stdout is JSON lines throughout, like the log lines around them.
  if (keyFile) {
    if (flags.json) printJson(out, { firstPlatformKeyFile: keyFile });
    else out(`First platform key written to ${keyFile} (mode 0600): store it, then delete the file\n`);
  }
  if (flags.json) printJson(out, { listening: server.url });
  else out(`Portcullis listening on ${server.url}\n`);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
