import { describe, test } from 'node:test';
import { encodeCursor } from '../../../src/store/pagination.ts';
import { assertInvalidCursor, type ContractContext, createTenant, uniqueId } from './fixtures.ts';

const base64url = (text: string) => Buffer.from(text).toString('base64url');

/** Cursors no list accepts, whatever its shape. */
const garbage = [
  '!!!',
  base64url('not json'),
  base64url('{"createdAt":1}'),
  base64url('null'),
  encodeCursor([]),
];

export function paginationContract({ store }: ContractContext): void {
  describe('pagination cursors', () => {
    test('every list refuses a cursor it did not make with validation_failed', async () => {
      const tenant = await createTenant(store());
      const other = uniqueId('tenant');
      const lists: [string, readonly (string | number)[], (cursor: string) => Promise<unknown>][] = [
        ['tenants', [1, 'id'], (cursor) => store().tenants.list({ cursor, limit: 10 })],
        ['apiKeys', [1, 'id'], (cursor) => store().apiKeys.list(tenant.id, { cursor, limit: 10 })],
        ['requestLog', [1], (cursor) => store().requestLog.list(other, {}, { cursor, limit: 10 })],
        [
          'activityLog',
          [1],
          (cursor) => store().activityLog.list({ tenantId: other }, { cursor, limit: 10 }),
        ],
      ];
      for (const [, shape, list] of lists) {
        const wrongShape = shape.length === 1 ? encodeCursor([1, 'id']) : encodeCursor([1]);
        const wrongTypes = encodeCursor(
          shape.map((item) => (typeof item === 'number' ? String(item) : item.length)),
        );
        const notSafeInteger = encodeCursor(shape.map((item) => (typeof item === 'number' ? 1.5 : item)));
        const tooLarge = encodeCursor(shape.map((item) => (typeof item === 'number' ? 2 ** 53 : item)));
        for (const cursor of [...garbage, wrongShape, wrongTypes, notSafeInteger, tooLarge]) {
          await assertInvalidCursor(list(cursor));
        }
        await list(encodeCursor(shape)); // the right shape is accepted
      }
    });
  });
}
