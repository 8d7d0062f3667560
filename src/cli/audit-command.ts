import { z } from 'zod';
import { presentRequest } from '../http/representations/audit.ts';
import { localPrincipal } from '../services/access/principal.ts';
import { listRequests } from '../services/audit/feeds.ts';
import type { RequestRecordRow } from '../store/index.ts';
import { actionOf, checkFlag, parseFlags } from './args.ts';
import { idFlag } from './flags.ts';
import { withLocal } from './local.ts';
import { type Output, printJson } from './output.ts';

/** Rows reach the database after their `at` (servers write the feed in batches): each poll looks back this far. */
const LOOK_BACK_MS = 60_000;
const PAGE = 200;
/** Pages read per poll at most: a burst larger than this between two polls is shown in part. */
const MAX_PAGES = 10;

const bounded = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, 'must be a whole number')
    .transform(Number)
    .refine((value) => value >= min && value <= max, `must be ${min} to ${max}`);

/** A latency as people read it: at most one decimal (`1.5ms`, `12ms`). */
export function latencyText(ms: number): string {
  return `${Math.round(ms * 10) / 10}ms`;
}

function line(row: RequestRecordRow): string {
  const call = row.method && row.path ? `${row.method} ${row.path}` : '-';
  const limited = row.rateLimited ? '  rate-limited' : '';
  return `${new Date(row.at).toISOString()}  ${row.credentialId}  ${call}  ${row.status}  ${row.outcome}  ${latencyText(row.latencyMs)}  ${row.ip ?? '-'}${limited}\n`;
}

/** Resolves at SIGINT or SIGTERM; `sleep` ends early then. */
function stopSignal() {
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  let isStopped = false;
  const onSignal = () => {
    isStopped = true;
    stop();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    get stopped() {
      return isStopped;
    },
    /** Holds the process open while it waits (the embedded database holds nothing open). */
    sleep: async (ms: number) => {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([stopped, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
      clearTimeout(timer);
    },
    release() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/**
 * `portcullis audit tail --tenant ID [--key ID]`: the tenant's request feed as it grows, oldest first; the last
 * `--lines` rows first, then every new row each `--interval-ms` until Ctrl-C (or at once with `--no-follow`).
 * With `--json`, following prints one JSON object a line (JSON Lines); `--no-follow` prints one `{items}`.
 */
export async function auditCommand(argv: string[], out: Output): Promise<void> {
  const [given, ...rest] = argv;
  actionOf('audit', given, ['tail']);
  const flags = parseFlags(rest, {
    tenant: { type: 'string' },
    key: { type: 'string' },
    lines: { type: 'string' },
    'interval-ms': { type: 'string' },
    'no-follow': { type: 'boolean' },
  });
  const tenantId = checkFlag('tenant', idFlag, flags.tenant);
  const credentialId = checkFlag('key', idFlag.optional(), flags.key);
  const lines = checkFlag('lines', bounded(0, PAGE).default(10), flags.lines);
  const intervalMs = checkFlag('interval-ms', bounded(100, 60_000).default(1000), flags['interval-ms']);
  const signal = stopSignal();
  try {
    await withLocal(flags, async (runtime) => {
      /** Rows already shown or passed over, by id, with their time: each row is shown once. */
      const seen = new Map<number, number>();
      let newest = runtime.context.clock.now();
      const read = (since: number | undefined, limit: number, cursor?: string) =>
        listRequests(runtime.context, localPrincipal, tenantId, { credentialId, since }, { limit, cursor });
      /** Every row from `since` on (newest first, as many pages as a poll reads). */
      const readSince = async (since: number) => {
        const rows: RequestRecordRow[] = [];
        let cursor: string | undefined;
        for (let page = 0; page < MAX_PAGES; page++) {
          const listed = await read(since, PAGE, cursor);
          rows.push(...listed.items);
          if (!listed.nextCursor) break;
          cursor = listed.nextCursor;
        }
        return rows;
      };
      const show = (rows: RequestRecordRow[]) => {
        for (const row of rows
          .filter((each) => !seen.has(each.id))
          .sort((a, b) => a.at - b.at || a.id - b.id)) {
          seen.set(row.id, row.at);
          newest = Math.max(newest, row.at);
          if (flags.json) printJson(out, presentRequest(row));
          else out(line(row));
        }
        for (const [id, at] of seen) if (at < newest - 2 * LOOK_BACK_MS) seen.delete(id);
      };
      // The last `lines` rows are shown; the rest of what a poll looks back over is old, not new.
      const window = await readSince(newest - LOOK_BACK_MS);
      const recent = lines > 0 ? (await read(undefined, lines)).items : [];
      const shown = new Set(recent.map((row) => row.id));
      for (const row of window) if (!shown.has(row.id)) seen.set(row.id, row.at);
      if (flags['no-follow'] && flags.json) {
        // A finite answer is one JSON document, as a list's is; following prints one object a line.
        const rows = [...recent].sort((a, b) => a.at - b.at || a.id - b.id);
        printJson(out, { items: rows.map(presentRequest) });
        return;
      }
      show(recent);
      if (flags['no-follow']) return;
      while (!signal.stopped) {
        await signal.sleep(intervalMs);
        if (signal.stopped) break;
        show(await readSince(newest - LOOK_BACK_MS));
      }
    });
  } finally {
    signal.release();
  }
}
