import { ApiError } from '../../api/problem.ts';

/**
 * A `validation_failed` answer's errors by body field: `body.redirectUris.1` → `redirectUris`, with the line
 * named for list fields (one entry per line in the form), so each message can sit next to its field.
 */
export function fieldErrors(error: unknown): Record<string, string[]> {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return {};
  const errors = Array.isArray(error.problem.errors) ? error.problem.errors : [];
  const byField: Record<string, string[]> = {};
  for (const item of errors as { field?: unknown; message?: unknown }[]) {
    if (typeof item.field !== 'string') continue;
    const [where, field, index] = item.field.split('.');
    if (where !== 'body' || !field) continue;
    const line = index !== undefined && /^\d+$/.test(index) ? `Line ${Number(index) + 1}: ` : '';
    const message = typeof item.message === 'string' ? item.message : 'is not valid';
    byField[field] = [...(byField[field] ?? []), `${line}${message}`];
  }
  return byField;
}
