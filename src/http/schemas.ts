import { z } from 'zod';
import { parseCidr } from '../core/cidr.ts';
import { modes } from '../core/credential-format.ts';
import { SCOPE_PATTERN } from '../core/scopes.ts';

// Control characters and bidirectional overrides make names lie about what they say.
const UNSAFE_TEXT = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** A human-facing name: 1-200 characters, no control characters, not only white space. */
export const nameSchema = z
  .string()
  .max(200)
  .refine((value) => value.trim().length > 0, 'must not be empty')
  .refine((value) => !UNSAFE_TEXT.test(value), 'must not contain control characters');

export const modeSchema = z.enum(modes);

export const scopeSchema = z.string().max(128).regex(SCOPE_PATTERN, 'is not a scope name');

/** ISO-8601 date-time with an explicit offset (`2027-01-31T00:00:00Z`), as milliseconds since the epoch. */
export const isoDateTime = z.iso.datetime({ offset: true }).transform((value) => Date.parse(value));

export const cidrSchema = z
  .string()
  .max(64)
  .refine((value) => parseCidr(value) !== undefined, 'is not an IP address or CIDR block');

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
};

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** A UTC instant as `Date.toISOString()` writes it; declared `format: date-time` so clients can rely on it. */
export const timestamp = z.string().meta({ format: 'date-time' }).describe('ISO-8601 date-time');
export const nullableTimestamp = timestamp.nullable();

export function toIso(ms: number): string;
export function toIso(ms: number | null): string | null;
export function toIso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    code: z.string(),
  })
  .catchall(z.unknown())
  .describe('RFC 9457 problem details with a stable `code`');

/**
 * The problems every management route can answer: no or a bad credential (401), a credential without the
 * permission or the reach (403), another tenant's or an unknown object (404), a bad request (422), and failed
 * key-pair authentications throttled (429).
 */
export const managementErrors = {
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  422: problemSchema,
  429: problemSchema,
};
