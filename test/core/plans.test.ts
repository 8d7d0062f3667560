import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  EffectiveScopeCache,
  effectiveScopes,
  type GrantedScopes,
  type ModePolicy,
  type PlanDefinition,
  plansEntitling,
} from '../../src/core/plans.ts';
import { matchesAny, type ScopeDefinition, ScopeVocabulary } from '../../src/core/scopes.ts';
import { mode } from './arbitraries.ts';

const NAMES = ['read:a', 'read:b', 'write:a', 'write:b', 'mcp:*', 'mcp:tools', 'admin', 'billing:read'];
const PATTERNS = [...NAMES, '*', 'read:*', 'write:*', 'mcp:*', 'billing:*', 'admin*', 'nothing'];

const definitions: fc.Arbitrary<ScopeDefinition[]> = fc
  .subarray(NAMES, { minLength: 1 })
  .chain((names) =>
    fc.tuple(
      ...names.map((name) =>
        fc.subarray(names).map((implies): ScopeDefinition => ({ name, description: name, implies })),
      ),
    ),
  );

function planWith(id: string, scopes: readonly string[]): PlanDefinition {
  return {
    id,
    name: id,
    description: '',
    scopes,
    requestsPerMinute: 60,
    maxActiveKeys: 5,
    requestRetentionDays: 7,
    features: [],
  };
}

const patterns = fc.subarray(PATTERNS);
const granted: fc.Arbitrary<GrantedScopes> = fc.oneof(
  fc.constant({ kind: 'all' } as const),
  fc.subarray([...NAMES, 'unknown:x']).map((scopes) => ({ kind: 'listed', scopes }) as const),
);

const world = fc.record({ definitions, granted, planScopes: patterns, modeScopes: patterns });

describe('effectiveScopes', () => {
  test('effective ⊆ expanded grant, and every effective scope matches a plan pattern and a mode pattern', () => {
    fc.assert(
      fc.property(world, ({ definitions, granted, planScopes, modeScopes }) => {
        const vocabulary = new ScopeVocabulary(definitions);
        const effective = effectiveScopes(granted, vocabulary, planWith('p', planScopes), modeScopes);
        const candidates = granted.kind === 'all' ? vocabulary.names : vocabulary.expand(granted.scopes);
        for (const scope of effective) {
          assert.ok(candidates.includes(scope), scope);
          assert.ok(matchesAny(planScopes, scope) && matchesAny(modeScopes, scope), scope);
        }
        const dropped = candidates.filter((scope) => !effective.includes(scope));
        for (const scope of dropped)
          assert.ok(!matchesAny(planScopes, scope) || !matchesAny(modeScopes, scope));
      }),
    );
  });

  test('`kind: all` yields exactly the vocabulary names entitled by plan and mode', () => {
    fc.assert(
      fc.property(definitions, patterns, patterns, (definitions, planScopes, modeScopes) => {
        const vocabulary = new ScopeVocabulary(definitions);
        assert.deepEqual(
          effectiveScopes({ kind: 'all' }, vocabulary, planWith('p', planScopes), modeScopes),
          definitions
            .map((d) => d.name)
            .filter((n) => matchesAny(planScopes, n) && matchesAny(modeScopes, n)),
        );
      }),
    );
  });

  test('a downgrade never adds scopes, and re-upgrading restores exactly the original set; the grant never changes', () => {
    fc.assert(
      fc.property(world, fc.func(fc.boolean()), ({ definitions, granted, planScopes, modeScopes }, keep) => {
        const vocabulary = new ScopeVocabulary(definitions);
        const grant = structuredClone(granted);
        Object.freeze(grant);
        if (grant.kind === 'listed') Object.freeze(grant.scopes);
        const full = planWith('pro', planScopes);
        const smaller = planWith(
          'free',
          planScopes.filter((pattern) => keep(pattern)),
        );
        const before = effectiveScopes(grant, vocabulary, full, modeScopes);
        const downgraded = effectiveScopes(grant, vocabulary, smaller, modeScopes);
        for (const scope of downgraded) assert.ok(before.includes(scope), scope);
        assert.deepEqual(effectiveScopes(grant, vocabulary, full, modeScopes), before);
        assert.deepEqual(grant, granted);
      }),
    );
  });

  test('implied scopes are granted and still narrowed by the plan', () => {
    const vocabulary = new ScopeVocabulary([
      { name: 'hub-protocol.read', description: '', implies: ['read:entities'] },
      { name: 'read:entities', description: '', implies: [] },
      { name: 'write:entities', description: '', implies: [] },
    ]);
    const grant: GrantedScopes = { kind: 'listed', scopes: ['hub-protocol.read'] };
    const everything = effectiveScopes(grant, vocabulary, planWith('p', ['*']), ['*']);
    assert.deepEqual(new Set(everything), new Set(['hub-protocol.read', 'read:entities']));
    assert.deepEqual(effectiveScopes(grant, vocabulary, planWith('p', ['read:*']), ['*']), ['read:entities']);
    assert.deepEqual(effectiveScopes(grant, vocabulary, planWith('p', ['*']), ['write:*']), []);
  });
});

describe('plansEntitling', () => {
  test('lists, in order, the ids of the plans with a pattern covering the scope', () => {
    fc.assert(
      fc.property(fc.array(patterns, { maxLength: 4 }), fc.constantFrom(...NAMES), (planPatterns, scope) => {
        const plans = planPatterns.map((scopes, index) => planWith(`plan${index}`, scopes));
        assert.deepEqual(
          plansEntitling(scope, plans),
          plans.filter((plan) => matchesAny(plan.scopes, scope)).map((plan) => plan.id),
        );
      }),
    );
    const plans = [
      planWith('free', ['read:*']),
      planWith('pro', ['read:*', 'write:*']),
      planWith('all', ['*']),
    ];
    assert.deepEqual(plansEntitling('write:a', plans), ['pro', 'all']);
  });
});

describe('EffectiveScopeCache', () => {
  test('returns the same as effectiveScopes, on first and repeated lookups across plans and modes', () => {
    const planList = fc.array(patterns, { minLength: 1, maxLength: 3 });
    const lookups = fc.array(fc.tuple(fc.nat(), fc.nat(), mode), { minLength: 1, maxLength: 12 });
    const modePolicy = fc.record({ live: patterns, test: patterns });
    fc.assert(
      fc.property(
        definitions,
        planList,
        fc.array(granted, { minLength: 1, maxLength: 3 }),
        modePolicy,
        lookups,
        (defs, planPatterns, grants, modes, calls) => {
          const vocabulary = new ScopeVocabulary(defs);
          const policy: ModePolicy = modes;
          const cache = new EffectiveScopeCache(vocabulary, policy);
          const plans = planPatterns.map((scopes, index) => planWith(`plan${index}`, scopes));
          for (const [planIndex, grantIndex, keyMode] of calls) {
            const plan = plans[planIndex % plans.length] as PlanDefinition;
            const grant = grants[grantIndex % grants.length] as GrantedScopes;
            const expected = effectiveScopes(grant, vocabulary, plan, policy[keyMode]);
            assert.deepEqual(cache.get(`grant${grantIndex % grants.length}`, grant, plan, keyMode), expected);
          }
        },
      ),
    );
  });

  test('a lazy grant is built only on a cache miss, once per (plan, mode, grant key)', () => {
    const vocabulary = new ScopeVocabulary([{ name: 'read:a', description: '', implies: [] }]);
    const cache = new EffectiveScopeCache(vocabulary, { live: ['*'], test: ['read:*'] });
    let builds = 0;
    const grant = (): GrantedScopes => {
      builds++;
      return { kind: 'listed', scopes: ['read:a'] };
    };
    const free = planWith('free', []);
    const pro = planWith('pro', ['*']);
    assert.deepEqual(cache.get('["read:a"]', grant, pro, 'live'), ['read:a']);
    assert.deepEqual(cache.get('["read:a"]', grant, pro, 'live'), ['read:a']);
    assert.deepEqual(cache.get('["read:a"]', grant, free, 'live'), []);
    assert.deepEqual(cache.get('["read:a"]', grant, pro, 'test'), ['read:a']);
    assert.deepEqual(cache.get('["read:a"]', grant, free, 'live'), []);
    assert.equal(builds, 3);
  });
});
