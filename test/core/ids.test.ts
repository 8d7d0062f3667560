import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { type IdKind, idPrefixes, isId, newId } from '../../src/core/ids.ts';
import { randomScript, sourceOf } from './arbitraries.ts';

const kinds = Object.keys(idPrefixes) as IdKind[];
const kind = fc.constantFrom(...kinds);

describe('newId / isId', () => {
  test('newId is `<kind prefix>_` followed by 20 base62 characters, for any random source', () => {
    fc.assert(
      fc.property(kind, randomScript, (idKind, script) => {
        const id = newId(idKind, sourceOf(script));
        assert.match(id, new RegExp(`^${idPrefixes[idKind]}_[0-9A-Za-z]{20}$`));
      }),
    );
  });

  test('isId accepts a new id of its own kind and refuses it for every other kind', () => {
    fc.assert(
      fc.property(kind, randomScript, (idKind, script) => {
        const id = newId(idKind, sourceOf(script));
        for (const other of kinds) assert.equal(isId(other, id), other === idKind, `${other} ${id}`);
      }),
    );
  });

  test('isId refuses wrong lengths, characters and separators', () => {
    fc.assert(
      fc.property(kind, randomScript, fc.nat(), (idKind, script, position) => {
        const id = newId(idKind, sourceOf(script));
        const index = idPrefixes[idKind].length + 1 + (position % 20);
        assert.equal(isId(idKind, id.slice(0, -1)), false);
        assert.equal(isId(idKind, `${id}a`), false);
        assert.equal(isId(idKind, `${id.slice(0, index)}-${id.slice(index + 1)}`), false);
        assert.equal(isId(idKind, id.replace('_', '-')), false);
        assert.equal(isId(idKind, ` ${id}`), false);
        assert.equal(isId(idKind, `${id}\n`), false);
      }),
    );
    assert.equal(isId('tenant', ''), false);
    assert.equal(isId('tenant', 'ten_'), false);
  });

  test('kind prefixes are distinct, so no id belongs to two kinds', () => {
    assert.equal(new Set(Object.values(idPrefixes)).size, kinds.length);
  });
});
