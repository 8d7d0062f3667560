import { useId } from 'react';
import { type Plan, planEntitles, plansPhrase, type ScopeDefinition } from '../plan.ts';

/**
 * Every scope of the vocabulary as a checkbox. A scope the workspace's plan does not entitle is shown disabled,
 * with the plan that would; the server refuses it anyway (`plan_required`).
 */
export function ScopeChecklist({
  legend,
  scopes,
  plan,
  plans,
  selected,
  onChange,
  extra = [],
}: {
  legend: string;
  scopes: ScopeDefinition[];
  plan: Plan | undefined;
  plans: Plan[];
  selected: readonly string[];
  onChange: (scopes: string[]) => void;
  /** Checkboxes for names outside the vocabulary (e.g. management permissions of a client), never plan-gated. */
  extra?: { name: string; description: string }[];
}) {
  const baseId = useId();
  const toggle = (name: string, on: boolean) =>
    onChange(on ? [...selected.filter((s) => s !== name), name] : selected.filter((s) => s !== name));
  const rows = [
    ...extra.map((item) => ({ ...item, entitled: true, hint: '' })),
    ...scopes.map((scope) => {
      const entitled = planEntitles(plan, scope.name);
      return {
        name: scope.name,
        description: scope.description,
        entitled,
        hint: entitled ? '' : `Needs the ${plansPhrase(scope, plans)} plan`,
      };
    }),
  ];
  return (
    <fieldset>
      <legend>{legend}</legend>
      <ul className="checklist">
        {rows.map((row, index) => {
          const id = `${baseId}-${index}`;
          return (
            <li key={row.name} className={row.entitled ? '' : 'disabled'}>
              <input
                id={id}
                type="checkbox"
                disabled={!row.entitled}
                checked={selected.includes(row.name)}
                onChange={(event) => toggle(row.name, event.target.checked)}
                aria-describedby={`${id}-hint`}
              />{' '}
              <label htmlFor={id}>
                <code>{row.name}</code>
              </label>
              <div id={`${id}-hint`} className="field-hint">
                {row.description}
                {row.hint ? ` · ${row.hint}` : ''}
              </div>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
