import { Counter, Gauge, type Registry } from 'prom-client';

export type Labels = Record<string, string>;
/** A metric's value now: one number, or one per label set. */
export type Reading = number | Iterable<readonly [Labels, number]>;

export interface CollectedOptions {
  name: string;
  help: string;
  labelNames?: readonly string[];
  /** Called at every scrape, never on a request. */
  read: () => Reading;
}

function samples(reading: Reading): Iterable<readonly [Labels, number]> {
  return typeof reading === 'number' ? [[{}, reading]] : reading;
}

/**
 * A counter whose counts are kept elsewhere, as plain numbers, and taken over when the registry is collected.
 * prom-client's own `inc` hashes its labels into a new string on every call; a request here pays one increment
 * of a number where the thing it counts lives.
 */
export function collectedCounter(registry: Registry, options: CollectedOptions): void {
  const { read } = options;
  new Counter({
    name: options.name,
    help: options.help,
    labelNames: options.labelNames ?? [],
    registers: [registry],
    collect() {
      this.reset();
      for (const [labels, value] of samples(read())) this.inc(labels, value);
    },
  });
}

/** A gauge read when the registry is collected. */
export function collectedGauge(registry: Registry, options: CollectedOptions): void {
  const { read } = options;
  new Gauge({
    name: options.name,
    help: options.help,
    labelNames: options.labelNames ?? [],
    registers: [registry],
    collect() {
      this.reset();
      for (const [labels, value] of samples(read())) this.set(labels, value);
    },
  });
}

/** Per-name counts, kept as plain numbers. */
export type Counts<Name extends string> = Record<Name, number>;

export function zeroCounts<Name extends string>(names: readonly Name[]): Counts<Name> {
  return Object.fromEntries(names.map((name) => [name, 0])) as Counts<Name>;
}

/** The counts as samples, each name the value of `labelName`. */
export function countsByLabel(
  labelName: string,
  counts: Readonly<Record<string, number>>,
  extra: Labels = {},
): [Labels, number][] {
  return Object.entries(counts).map(([value, count]) => [{ ...extra, [labelName]: value }, count]);
}
