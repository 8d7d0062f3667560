import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  matchesAny,
  matchesPattern,
  missingScopes,
  type ScopeDefinition,
  ScopeVocabulary,
} from '../../src/core/scopes.ts';
import { anyText } from './arbitraries.ts';

/** Short scope-like strings over a tiny alphabet, so prefixes and equal strings are common. */
const scopeText = fc.string({ unit: fc.constantFrom('a', 'b', ':', '*'), maxLength: 6 });

/** A random implication graph over `s0…s(n-1)`, self-loops and cycles included, plus unknown names. */
const implicationGraph = fc.integer({ min: 1, max: 8 }).chain((size) => {
  const name = fc.integer({ min: 0, max: size + 1 }).map((index) => `s${index}`);
  return fc.record({
    definitions: fc.tuple(
      ...Array.from({ length: size }, (_, index) =>
        fc.array(name, { maxLength: 4 }).map(
          (implies): ScopeDefinition => ({
            name: `s${index}`,
            description: `scope ${index}`,
            implies,
          }),
        ),
      ),
    ),
    requested: fc.array(name, { maxLength: 4 }),
  });
});

function referenceClosure(definitions: readonly ScopeDefinition[], start: readonly string[]): Set<string> {
  const edges = new Map(definitions.map((definition) => [definition.name, definition.implies]));
  const reached = new Set(start);
  const queue = [...start];
  for (let head = 0; head < queue.length; head++) {
    for (const next of edges.get(queue[head] ?? '') ?? []) {
      if (!reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
    }
  }
  return reached;
}

describe('matchesPattern', () => {
  test('an exact scope covers itself', () => {
    fc.assert(fc.property(scopeText, (scope) => assert.equal(matchesPattern(scope, scope), true)));
  });

  test('a pattern without a trailing * covers no other string', () => {
    fc.assert(
      fc.property(scopeText, scopeText, (pattern, scope) => {
        fc.pre(!pattern.endsWith('*'));
        assert.equal(matchesPattern(pattern, scope), pattern === scope);
      }),
    );
  });

  test('a trailing * covers exactly the strings that start with what precedes it', () => {
    fc.assert(
      fc.property(scopeText, scopeText, (stem, scope) => {
        assert.equal(matchesPattern(`${stem}*`, scope), scope.startsWith(stem));
      }),
    );
    assert.equal(matchesPattern('read:*', 'read:entities'), true);
    assert.equal(matchesPattern('read:*', 'read:x*'), true, 'a pattern covers a narrower pattern');
    assert.equal(matchesPattern('read:*', 'reader:x'), false);
    assert.equal(matchesPattern('read:*', 'write:entities'), false);
  });

  test('`*` covers everything', () => {
    fc.assert(fc.property(anyText(), (scope) => assert.equal(matchesPattern('*', scope), true)));
  });

  test('matchesAny is true exactly when some pattern matches', () => {
    fc.assert(
      fc.property(fc.array(scopeText, { maxLength: 5 }), scopeText, (patterns, scope) => {
        assert.equal(
          matchesAny(patterns, scope),
          patterns.some((pattern) => matchesPattern(pattern, scope)),
        );
      }),
    );
  });
});

describe('ScopeVocabulary', () => {
  test('expand equals the closure computed by a reference BFS, on random graphs with cycles', () => {
    fc.assert(
      fc.property(implicationGraph, ({ definitions, requested }) => {
        const vocabulary = new ScopeVocabulary(definitions);
        const expanded = vocabulary.expand(requested);
        assert.deepEqual(new Set(expanded), referenceClosure(definitions, requested));
        assert.equal(new Set(expanded).size, expanded.length, 'no duplicates');
        assert.deepEqual(vocabulary.expand(requested), expanded, 'cached answers are the same');
      }),
    );
  });

  test('expand is transitive (closed under implies) and idempotent', () => {
    fc.assert(
      fc.property(implicationGraph, ({ definitions, requested }) => {
        const vocabulary = new ScopeVocabulary(definitions);
        const expanded = new Set(vocabulary.expand(requested));
        for (const scope of expanded) {
          for (const implied of vocabulary.expand([scope])) assert.ok(expanded.has(implied), implied);
        }
        assert.deepEqual(new Set(vocabulary.expand([...expanded])), expanded);
      }),
    );
  });

  test('a cycle expands to every scope on it', () => {
    const vocabulary = new ScopeVocabulary([
      { name: 'a', description: '', implies: ['b'] },
      { name: 'b', description: '', implies: ['c'] },
      { name: 'c', description: '', implies: ['a', 'c'] },
    ]);
    assert.deepEqual(new Set(vocabulary.expand(['b'])), new Set(['a', 'b', 'c']));
    assert.deepEqual(vocabulary.expand([]), []);
  });

  test('names, has and unknown reflect the definitions', () => {
    const vocabulary = new ScopeVocabulary([
      { name: 'read:entities', description: '', implies: [] },
      { name: 'mcp:*', description: '', implies: [] },
    ]);
    assert.deepEqual(vocabulary.names, ['read:entities', 'mcp:*']);
    assert.equal(vocabulary.has('mcp:*'), true);
    assert.equal(vocabulary.has('mcp:tools'), false);
    assert.deepEqual(vocabulary.unknown(['x', 'read:entities', 'y']), ['x', 'y']);
  });
});

describe('missingScopes', () => {
  test('returns, in order, the required scopes that no effective scope covers', () => {
    fc.assert(
      fc.property(
        fc.array(scopeText, { maxLength: 5 }),
        fc.array(scopeText, { maxLength: 5 }),
        (effective, required) => {
          const missing = missingScopes(effective, required);
          assert.deepEqual(
            missing,
            required.filter((scope) => !effective.some((pattern) => matchesPattern(pattern, scope))),
          );
          assert.deepEqual(missingScopes([...effective, ...missing], required), []);
        },
      ),
    );
    assert.deepEqual(missingScopes(['read:*'], ['read:a', 'write:b', 'read:c']), ['write:b']);
    assert.deepEqual(missingScopes(['*'], ['anything']), []);
    assert.deepEqual(missingScopes([], ['a']), ['a']);
  });
});
