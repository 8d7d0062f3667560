import { useId } from 'react';
import { type Plan, planEntitles, plansPhrase, type ScopeDefinition } from '../../plan.ts';

export interface ReadOnlyResource {
  /** `conversions` for `read:conversions`. */
  name: string;
  read: ScopeDefinition;
  /** `search:<resource>` where the vocabulary has it. */
  search: ScopeDefinition | undefined;
}

/** The resources of the vocabulary: every `read:<resource>` but `read:*`, each with its `search:` if any. */
export function readOnlyResources(scopes: readonly ScopeDefinition[]): ReadOnlyResource[] {
  return scopes
    .filter((scope) => scope.name.startsWith('read:') && scope.name !== 'read:*')
    .map((read) => {
      const name = read.name.slice('read:'.length);
      return { name, read, search: scopes.find((scope) => scope.name === `search:${name}`) };
    });
}

/** The scopes the toggled resources grant: each one's `read:`, and its `search:` where the plan has it. */
export function readOnlyScopes(
  resources: readonly ReadOnlyResource[],
  toggled: readonly string[],
  plan: Plan | undefined,
): string[] {
  return resources
    .filter((resource) => toggled.includes(resource.name) && planEntitles(plan, resource.read.name))
    .flatMap((resource) =>
      resource.search && planEntitles(plan, resource.search.name)
        ? [resource.read.name, resource.search.name]
        : [resource.read.name],
    );
}

/**
 * The read-only key builder: one switch per resource. A resource the plan does not let the key read is shown
 * disabled, with the plan that would.
 */
export function ReadOnlyBuilder({
  resources,
  plan,
  plans,
  toggled,
  onChange,
}: {
  resources: readonly ReadOnlyResource[];
  plan: Plan | undefined;
  plans: Plan[];
  toggled: readonly string[];
  onChange: (toggled: string[]) => void;
}) {
  const baseId = useId();
  return (
    <fieldset>
      <legend>Resources the key can read</legend>
      {resources.length === 0 ? (
        <p className="muted">The vocabulary has no read scopes. Use Advanced to choose scopes.</p>
      ) : null}
      <ul className="checklist">
        {resources.map((resource, index) => {
          const id = `${baseId}-${index}`;
          const entitled = planEntitles(plan, resource.read.name);
          const searchEntitled = resource.search ? planEntitles(plan, resource.search.name) : false;
          const grants = [
            resource.read.name,
            ...(resource.search && searchEntitled ? [resource.search.name] : []),
          ];
          const hint = !entitled
            ? `Needs the ${plansPhrase(resource.read, plans)} plan`
            : resource.search && !searchEntitled
              ? `Search needs the ${plansPhrase(resource.search, plans)} plan`
              : '';
          return (
            <li key={resource.name} className={entitled ? '' : 'disabled'}>
              <input
                id={id}
                type="checkbox"
                disabled={!entitled}
                checked={toggled.includes(resource.name)}
                onChange={(event) =>
                  onChange(
                    event.target.checked
                      ? [...toggled.filter((name) => name !== resource.name), resource.name]
                      : toggled.filter((name) => name !== resource.name),
                  )
                }
                aria-describedby={`${id}-hint`}
              />{' '}
              <label htmlFor={id}>{resource.name}</label>
              <div id={`${id}-hint`} className="field-hint">
                Grants {grants.map((scope) => scope).join(' and ')}
                {hint ? ` · ${hint}` : ''}
              </div>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
