import { z } from 'zod';
import { pageQuery } from '../http/schemas.ts';
import { checkFlag } from './args.ts';

/** An id given on the command line: `--tenant ten_…`, `--key key_…`. */
export const idFlag = z.string({ error: 'is required' }).min(1, 'is required').max(64);

/** `--limit` (1-200, default 50) and `--cursor` (from a previous page's `More:` line), as the API takes them. */
export const pageFlags = { limit: { type: 'string' }, cursor: { type: 'string' } } as const;

export function pageOf(flags: { limit?: string | undefined; cursor?: string | undefined }) {
  return {
    limit: checkFlag('limit', pageQuery.limit, flags.limit),
    cursor: checkFlag('cursor', pageQuery.cursor, flags.cursor),
  };
}
