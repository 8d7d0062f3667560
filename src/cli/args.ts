import { parseArgs } from 'node:util';
import type { z } from 'zod';

/** A usage mistake on the command line: printed with the command's help, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

const common = {
  config: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

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
