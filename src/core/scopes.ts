/**
 * Scope vocabulary and matching. A scope is a permission string from the platform's vocabulary
 * (`bookings:write`, `read:conversions`, `hub-protocol.read`, `mcp:*`). A *pattern* is a scope that may end
 * in `*`, matching every scope that starts with what comes before it (`read:*`, `mcp:*`, `*`).
 * Vocabulary entries may themselves be patterns (`mcp:*` grants any `mcp:…` scope the platform asks for).
 */
export interface ScopeDefinition {
  name: string;
  description: string;
  /** Scopes this one grants as well, expanded transitively (`hub-protocol.read` implies `read:entities`). */
  implies: readonly string[];
}

export const SCOPE_PATTERN = /^(?:\*|[a-z0-9][a-z0-9_.:-]{0,127}(?:\*)?)$/i;

/** Does `pattern` (exact or ending in `*`) cover `scope`? A pattern also covers a narrower pattern. */
export function matchesPattern(pattern: string, scope: string): boolean {
  if (pattern === scope) return true;
  if (!pattern.endsWith('*')) return false;
  return scope.startsWith(pattern.slice(0, -1));
}

export function matchesAny(patterns: readonly string[], scope: string): boolean {
  for (const pattern of patterns) if (matchesPattern(pattern, scope)) return true;
  return false;
}

export class ScopeVocabulary {
  readonly definitions: readonly ScopeDefinition[];
  readonly #byName: Map<string, ScopeDefinition>;
  readonly #closure = new Map<string, readonly string[]>();

  constructor(definitions: readonly ScopeDefinition[]) {
    this.definitions = definitions;
    this.#byName = new Map(definitions.map((definition) => [definition.name, definition]));
  }

  has(name: string): boolean {
    return this.#byName.has(name);
  }

  /** The entry of a scope name, for its description. */
  definition(name: string): ScopeDefinition | undefined {
    return this.#byName.get(name);
  }

  get names(): string[] {
    return this.definitions.map((definition) => definition.name);
  }

  /** Names that are not vocabulary entries, in input order. */
  unknown(names: readonly string[]): string[] {
    return names.filter((name) => !this.#byName.has(name));
  }

  /** `scopes` plus everything they imply, transitively; cycles are harmless. */
  expand(scopes: readonly string[]): string[] {
    const out = new Set<string>();
    for (const scope of scopes) for (const implied of this.#closureOf(scope)) out.add(implied);
    return [...out];
  }

  #closureOf(scope: string): readonly string[] {
    const cached = this.#closure.get(scope);
    if (cached) return cached;
    const seen = new Set<string>();
    const stack = [scope];
    while (stack.length > 0) {
      const next = stack.pop() as string;
      if (seen.has(next)) continue;
      seen.add(next);
      for (const implied of this.#byName.get(next)?.implies ?? []) stack.push(implied);
    }
    const closure = [...seen];
    this.#closure.set(scope, closure);
    return closure;
  }
}

/** Required scopes that no effective scope covers. */
export function missingScopes(effective: readonly string[], required: readonly string[]): string[] {
  return required.filter((scope) => !matchesAny(effective, scope));
}
