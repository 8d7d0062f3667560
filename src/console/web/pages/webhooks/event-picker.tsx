import { useId, useRef } from 'react';
import type { EventType } from './api.ts';

interface Group {
  prefix: string;
  pattern: string;
  types: EventType[];
}

/** The catalogue grouped by the first word of each type (`key.created` → `key`), in catalogue order. */
function groupsOf(types: readonly EventType[]): Group[] {
  const groups = new Map<string, Group>();
  for (const type of types) {
    const prefix = type.type.split('.')[0] ?? type.type;
    const group = groups.get(prefix) ?? { prefix, pattern: `${prefix}.*`, types: [] };
    group.types.push(type);
    groups.set(prefix, group);
  }
  return [...groups.values()];
}

function matches(filter: string, type: string): boolean {
  if (filter === '*') return true;
  if (filter.endsWith('.*')) return type.startsWith(filter.slice(0, -1));
  return filter === type;
}

/**
 * The events an endpoint subscribes to, as the API takes them: `*` (every event, including types added later),
 * a group's prefix pattern (`key.*`), or single event types, each with the catalogue's description. Filters the
 * catalogue does not list as such (another prefix pattern) stay, as checkboxes of their own.
 */
export function EventPicker({
  eventTypes,
  selected,
  onChange,
}: {
  eventTypes: readonly EventType[];
  selected: readonly string[];
  onChange: (events: string[]) => void;
}) {
  const baseId = useId();
  const chosenBefore = useRef<string[]>([]);
  const all = selected.includes('*');
  const groups = groupsOf(eventTypes);
  const known = new Set([...groups.map((group) => group.pattern), ...eventTypes.map((type) => type.type)]);
  const others = selected.filter((filter) => filter !== '*' && !known.has(filter));
  const toggle = (filter: string, on: boolean) =>
    onChange(on ? [...selected.filter((s) => s !== filter), filter] : selected.filter((s) => s !== filter));
  const togglePattern = (group: Group, on: boolean) => {
    // A pattern takes in its single types: keep the list as short as what it means.
    const rest = selected.filter((s) => s !== group.pattern && !matches(group.pattern, s));
    onChange(on ? [...rest, group.pattern] : rest);
  };

  return (
    <fieldset className="event-picker">
      <legend>Events to send</legend>
      <div className="event-scope">
        <label className="inline-choice">
          <input
            type="radio"
            name={`${baseId}-scope`}
            checked={all}
            onChange={() => {
              chosenBefore.current = selected.filter((s) => s !== '*');
              onChange(['*']);
            }}
          />{' '}
          All events, including types added later
        </label>
        <label className="inline-choice">
          <input
            type="radio"
            name={`${baseId}-scope`}
            checked={!all}
            onChange={() => onChange(chosenBefore.current)}
          />{' '}
          Only the events I choose
        </label>
      </div>
      {all ? null : (
        <div className="event-groups">
          {groups.map((group) => {
            const patternOn = selected.includes(group.pattern);
            const patternId = `${baseId}-${group.prefix}`;
            return (
              <fieldset key={group.prefix} className="event-group">
                <legend>
                  <code>{group.prefix}</code> events
                </legend>
                {group.types.length > 1 ? (
                  <p className="event-option">
                    <input
                      id={patternId}
                      type="checkbox"
                      checked={patternOn}
                      onChange={(event) => togglePattern(group, event.target.checked)}
                    />{' '}
                    <label htmlFor={patternId}>
                      Every <code>{group.pattern}</code> event
                    </label>
                  </p>
                ) : null}
                <ul className="checklist">
                  {group.types.map((type) => {
                    const id = `${baseId}-${type.type}`;
                    return (
                      <li key={type.type}>
                        <input
                          id={id}
                          type="checkbox"
                          disabled={patternOn}
                          checked={patternOn || selected.includes(type.type)}
                          onChange={(event) => toggle(type.type, event.target.checked)}
                          aria-describedby={`${id}-hint`}
                        />{' '}
                        <label htmlFor={id}>
                          <code>{type.type}</code>
                        </label>
                        <div id={`${id}-hint`} className="field-hint">
                          {type.description}
                          {type.source === 'platform' ? ' · from the platform' : ''}
                        </div>
                      </li>
                    );
                  })}
                </ul>
              </fieldset>
            );
          })}
          {others.length > 0 ? (
            <fieldset className="event-group">
              <legend>Other patterns</legend>
              <ul className="checklist">
                {others.map((filter) => {
                  const id = `${baseId}-other-${filter}`;
                  return (
                    <li key={filter}>
                      <input
                        id={id}
                        type="checkbox"
                        checked
                        onChange={(event) => toggle(filter, event.target.checked)}
                      />{' '}
                      <label htmlFor={id}>
                        <code>{filter}</code>
                      </label>
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          ) : null}
        </div>
      )}
    </fieldset>
  );
}
