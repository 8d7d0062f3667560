import { readFileSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { isPortcullisError } from '../core/errors.ts';
import { UsageError } from './args.ts';
import { type Output, printJson } from './output.ts';

const HELP = `portcullis — API keys, scopes, plans, rate limits and audit feeds

Usage: portcullis <command> [options]

Commands:
  serve                     Start the server; on an empty data directory or database it does \`init\` first
  init                      Create the data directory, the database and the first platform key, written to
                            <data dir>/first-platform-key (mode 0600) and printed nowhere
  migrate                   Apply pending database migrations
  tenants create --name NAME [--plan PLAN]
  tenants list | get --tenant ID
  keys create --tenant ID --name NAME [--mode live|test] [--type secret|restricted]
              [--scopes a,b] [--app ID] [--expires-at ISO-8601] [--ip-allowlist cidr,cidr]
  keys list --tenant ID [--status active|expired|revoked] [--mode live|test]
            [--type secret|restricted] [--app ID] [--name-prefix TEXT]
  keys get|revoke --tenant ID --key ID
  clients create --tenant ID --name NAME --scopes a,b [--mode live|test] [--app ID]
                 [--expires-in-days N]
  clients list --tenant ID [--include-deleted] [--status STATUS] [--mode live|test] [--app ID]
               [--name-prefix TEXT]
  clients get|suspend|resume --tenant ID --client ID
  clients rotate-secret --tenant ID --client ID [--grace-period-seconds N]
  management-keys create --tenant ID --name NAME --permissions manage:keys,… [--mode live|test]
  management-keys list --tenant ID | get|revoke --tenant ID --key ID
  platform-keys create --name NAME [--permissions *|manage,verify]
  platform-keys list | get|revoke --key ID
                            Platform keys, with local access: the way back when every one is lost
  audit tail --tenant ID [--key ID] [--lines N] [--interval-ms N] [--no-follow]
                            The request feed as it grows, until Ctrl-C
  usage --tenant ID [--key ID] [--interval minute|hour|day] [--since ISO-8601] [--until ISO-8601]
                            Verified calls per interval and outcome (a running server's current
                            minute shows once it has closed)
  signing-keys rotate       A new access-token signing key signs now; the old one stays published
                            until its last token has expired

Options:
  --data-dir PATH           The data directory (or PORTCULLIS_DATA_DIR; default ./data). Only init and
                            serve create one; other commands refuse a directory without a database
  --config PATH             Config file (or PORTCULLIS_CONFIG)
  --json                    Machine-readable output on stdout (lists: {"items": […], "nextCursor": …});
                            a failure too: {"error": "not_found"|"usage"|…, "message": "…"}, same exit code
  --limit N, --cursor C     Page through a list (1-200, default 50)
  -h, --help                This help
  -v, --version             The version ({"version": "…"} with --json)

Environment: PORT, HOST, PORTCULLIS_DATA_DIR, DATABASE_URL, REDIS_URL, PORTCULLIS_PEPPER,
PORTCULLIS_MASTER_KEY, PORTCULLIS_PUBLIC_URL, PORTCULLIS_LOG_LEVEL, PORTCULLIS_ACCESS_LOG,
PORTCULLIS_METRICS, PORTCULLIS_METRICS_TOKEN.
`;

/** A command resolves with its exit code, or with nothing for 0. */
type Command = (argv: string[], out: Output) => Promise<unknown>;

/** Each command's module is loaded when it runs: `--help` loads none, and only `serve` loads the HTTP server. */
const commands: Record<string, () => Promise<Command>> = {
  serve: async () => {
    const { serveCommand } = await import('./serve-command.ts');
    return async (argv, out) => {
      await serveCommand(argv, out);
      return -1;
    };
  },
  init: async () => (await import('./init-command.ts')).initCommand,
  migrate: async () => (await import('./init-command.ts')).migrateCommand,
  tenants: async () => (await import('./tenants-command.ts')).tenantsCommand,
  keys: async () => (await import('./keys-command.ts')).keysCommand,
  clients: async () => (await import('./clients-command.ts')).clientsCommand,
  'management-keys': async () => (await import('./management-keys-command.ts')).managementKeysCommand,
  'platform-keys': async () => (await import('./platform-keys-command.ts')).platformKeysCommand,
  audit: async () => (await import('./audit-command.ts')).auditCommand,
  usage: async () => (await import('./usage-command.ts')).usageCommand,
  'signing-keys': async () => (await import('./signing-keys-command.ts')).signingKeysCommand,
};

const out: Output = (text) => process.stdout.write(text);

// Node keeps the compiled code of the modules a command loads (in the temporary directory, or where
// NODE_COMPILE_CACHE says), so that the next command starts without compiling them again.
enableCompileCache();

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

async function main(argv: string[]): Promise<number> {
  // `--json` may come anywhere, before the command too; the command reads it from its own arguments.
  const json = argv.includes('--json');
  const [command, ...others] = argv.filter((arg) => arg !== '--json');
  const rest = json ? [...others, '--json'] : others;
  if (command === undefined && json) throw new UsageError('no command given: see "npx portcullis --help"');
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    out(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    if (json) printJson(out, { version: version() });
    else out(`portcullis ${version()}\n`);
    return 0;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    out(HELP);
    return 0;
  }
  const load = Object.hasOwn(commands, command) ? commands[command] : undefined;
  if (!load) throw new UsageError(`unknown command "${command}"`);
  const run = await load();
  const code = await run(rest, out);
  return typeof code === 'number' ? code : 0;
}

/** How a failure reads: its `error` code (as `init --json` names one), its message and the exit code. */
function failureOf(error: unknown): { error: string; message: string; exitCode: number } {
  if (error instanceof UsageError) return { error: 'usage', message: error.message, exitCode: 2 };
  if (isPortcullisError(error)) return { error: error.code, message: error.detail, exitCode: 1 };
  const message = error instanceof Error ? error.message : 'failed';
  return { error: 'failed', message, exitCode: 1 };
}

const argv = process.argv.slice(2);
main(argv).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    const failure = failureOf(error);
    process.exitCode = failure.exitCode;
    // With --json the failure is one JSON object on stdout, like the output it replaces; else a line on stderr.
    if (argv.includes('--json')) printJson(out, { error: failure.error, message: failure.message });
    else if (error instanceof UsageError)
      process.stderr.write(`portcullis: ${failure.message}\nRun "npx portcullis --help" for usage.\n`);
    else if (isPortcullisError(error))
      process.stderr.write(`portcullis: ${failure.error}: ${failure.message}\n`);
    else process.stderr.write(`portcullis: ${failure.message}\n`);
  },
);
