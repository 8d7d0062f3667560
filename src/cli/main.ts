import { isPortcullisError } from '../core/errors.ts';
import { UsageError } from './args.ts';
import { initCommand, keysCommand, migrateCommand, serveCommand, tenantsCommand } from './commands.ts';
import { signingKeysCommand } from './signing-keys-command.ts';

const HELP = `portcullis — API keys, scopes, plans, rate limits and audit feeds

Usage: portcullis <command> [options]

Commands:
  serve                     Start the server (creates the database and a platform key on first start)
  init [--json]             Create the data directory, the database and the first platform key
  migrate                   Apply pending database migrations
  tenants create --name NAME [--plan PLAN]
  keys create --tenant ID --name NAME [--mode live|test] [--type secret|restricted]
              [--scopes a,b] [--expires-at ISO-8601] [--ip-allowlist cidr,cidr]
  keys revoke --tenant ID --key KEY_ID
  signing-keys rotate [--json]
                            A new access-token signing key signs now; the old one stays published
                            until its last token has expired

Options:
  --config PATH             Config file (or PORTCULLIS_CONFIG)
  --json                    Machine-readable output
  -h, --help                This help

Environment: PORT, HOST, PORTCULLIS_DATA_DIR (default ./data), DATABASE_URL, REDIS_URL,
PORTCULLIS_PEPPER, PORTCULLIS_MASTER_KEY, PORTCULLIS_PUBLIC_URL, PORTCULLIS_LOG_LEVEL,
PORTCULLIS_ACCESS_LOG, PORTCULLIS_METRICS, PORTCULLIS_METRICS_TOKEN.
`;

const out = (text: string) => process.stdout.write(text);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    out(HELP);
    return command === undefined ? 2 : 0;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    out(HELP);
    return 0;
  }
  switch (command) {
    case 'serve':
      await serveCommand(rest, out);
      return -1;
    case 'init':
      return initCommand(rest, out);
    case 'migrate':
      await migrateCommand(rest, out);
      return 0;
    case 'tenants':
      await tenantsCommand(rest, out);
      return 0;
    case 'keys':
      await keysCommand(rest, out);
      return 0;
    case 'signing-keys':
      await signingKeysCommand(rest, out);
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`portcullis: ${error.message}\nRun "portcullis --help" for usage.\n`);
      process.exitCode = 2;
    } else if (isPortcullisError(error)) {
      process.stderr.write(`portcullis: ${error.code}: ${error.detail}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`portcullis: ${error instanceof Error ? error.message : 'failed'}\n`);
      process.exitCode = 1;
    }
  },
);
