import { parseArgs } from 'node:util';
import type { z } from 'zod';

/** A usage mistake on the command line: printed with a pointer to the help, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A command that cannot do its job for a reason the operator can fix (a missing data directory): exit code 1. */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

const common = {
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The flags every command takes: where the data is, and how to print. */
export interface CommonFlags {
  config?: string | undefined;
  'data-dir'?: string | undefined;
  json?: boolean | undefined;
}

/** Parses a command's flags strictly: unknown flags and stray arguments are usage errors. */
export function parseFlags<const Spec extends OptionSpec>(argv: string[], spec: Spec) {
  try {
    return parseArgs({ args: argv, options: { ...common, ...spec }, strict: true, allowPositionals: false })
      .values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : 'invalid arguments');
  }
}

/** Validates one flag's value with the same schema the HTTP API uses. */
export function checkFlag<T extends z.ZodType>(flag: string, schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new UsageError(`--${flag}: ${result.error.issues[0]?.message ?? 'is not valid'}`);
  return result.data;
}

export function splitList(value: string | undefined): string[] | undefined {
  return value === undefined
    ? undefined
    : value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
}

/** `action` when it is one of `actions`, else a usage error that lists them. */
export function actionOf<const A extends string>(
  command: string,
  action: string | undefined,
  actions: A[],
): A {
  if (action !== undefined && (actions as string[]).includes(action)) return action as A;
  const given = action === undefined || action.startsWith('-') ? '' : ` "${action}"`;
  throw new UsageError(`${command}: unknown action${given}; use one of ${actions.join(', ')}`);
}
