import { type SelectQueryBuilder, sql } from 'kysely';
import { PortcullisError } from '../core/errors.ts';

/** A page of results with an opaque cursor for the next one (keyset pagination: stable under inserts). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  cursor?: string | undefined;
  limit: number;
}

export function encodeCursor(position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function invalidCursor(): PortcullisError {
  return new PortcullisError('validation_failed', 'cursor is not valid', { extensions: { field: 'cursor' } });
}

/** Decodes a cursor made by `encodeCursor` with the given shape, or answers 422. */
export function decodeCursor<const Shape extends readonly ('string' | 'number')[]>(
  cursor: string,
  shape: Shape,
): { [I in keyof Shape]: Shape[I] extends 'string' ? string : number } {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(value) || value.length !== shape.length) throw invalidCursor();
  shape.forEach((kind, index) => {
    const item: unknown = value[index];
    if (kind === 'number' ? !Number.isSafeInteger(item) : typeof item !== 'string') throw invalidCursor();
  });
  return value as { [I in keyof Shape]: Shape[I] extends 'string' ? string : number };
}

/** Turns `limit + 1` fetched rows into a page, the extra row only signalling that more exist. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  map: (row: Row) => Item,
  position: (row: Row) => readonly (string | number)[],
): Page<Item> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return { items: kept.map(map), nextCursor: more && last ? encodeCursor(position(last)) : null };
}

/**
 * One page of a query ordered newest first by (`created_at`, `id`), the keyset every resource list uses:
 * stable under inserts, and a cursor is the last row's position.
 */
export async function pageNewestFirst<
  DB,
  TB extends keyof DB,
  Row extends { created_at: number; id: string },
  Item,
>(
  query: SelectQueryBuilder<DB, TB, Row>,
  page: PageRequest,
  toItem: (row: Row) => Item,
): Promise<Page<Item>> {
  let paged = query;
  if (page.cursor) {
    const [createdAt, id] = decodeCursor(page.cursor, ['number', 'string'] as const);
    paged = paged.where(
      sql<boolean>`(created_at < ${createdAt} OR (created_at = ${createdAt} AND id < ${id}))`,
    );
  }
  const rows = await paged
    .orderBy(sql`created_at desc`)
    .orderBy(sql`id desc`)
    .limit(page.limit + 1)
    .execute();
  return toPage(rows, page.limit, toItem, (row) => [row.created_at, row.id]);
}
