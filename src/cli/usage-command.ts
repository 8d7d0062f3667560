import { z } from 'zod';
import { presentUsage } from '../http/representations/usage.ts';
import { isoDateTime } from '../http/schemas.ts';
import { localPrincipal } from '../services/access/principal.ts';
import { reportUsage } from '../services/usage/report.ts';
import { usageGranularities } from '../store/index.ts';
import { checkFlag, parseFlags, UsageError } from './args.ts';
import { idFlag } from './flags.ts';
import { withLocal } from './local.ts';
import { type Output, printJson, printTable } from './output.ts';

/**
 * `portcullis usage --tenant ID [--key ID] [--interval minute|hour|day] [--since T] [--until T]`: verified calls
 * per bucket and outcome, from the usage rollups, as `GET …/usage` answers them.
 */
export async function usageCommand(argv: string[], out: Output): Promise<void> {
  if (argv[0] !== undefined && !argv[0].startsWith('-'))
    throw new UsageError(`usage: unknown action "${argv[0]}"`);
  const flags = parseFlags(argv, {
    tenant: { type: 'string' },
    key: { type: 'string' },
    interval: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
  });
  const tenantId = checkFlag('tenant', idFlag, flags.tenant);
  const request = {
    interval: checkFlag('interval', z.enum(usageGranularities).default('hour'), flags.interval),
    keyId: checkFlag('key', idFlag.optional(), flags.key),
    since: checkFlag('since', isoDateTime.optional(), flags.since),
    until: checkFlag('until', isoDateTime.optional(), flags.until),
  };
  await withLocal(flags, async (runtime) => {
    const report = presentUsage(await reportUsage(runtime.context, localPrincipal, tenantId, request));
    if (flags.json) {
      printJson(out, report);
      return;
    }
    // One row per bucket with calls: the total, the valid ones, those rate limited, and each refusal counted.
    const rows = report.buckets
      .filter((bucket) => bucket.total > 0)
      .map((bucket) => ({
        start: bucket.start,
        total: bucket.total,
        valid: bucket.outcomes.valid,
        rateLimited: bucket.rateLimited,
        refused: Object.entries(bucket.outcomes)
          .filter(([outcome, count]) => outcome !== 'valid' && outcome !== 'rate_limited' && count > 0)
          .map(([outcome, count]) => `${outcome}=${count}`),
      }));
    printTable(
      out,
      rows,
      ['start', 'total', 'valid', 'rateLimited', 'refused'],
      `No calls from ${report.since} to ${report.until}.`,
    );
  });
}
