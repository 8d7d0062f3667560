import { ApiError } from '../../api/problem.ts';

/**
 * A `validation_failed` answer's errors by body field: `body.redirectUris.1` → `redirectUris`, with the line
 * named for list fields (one entry per line in the form), so each message can sit next to its field. A refusal
 * of the service names one `field` (`jwks`) with its `detail`.
 */
export function fieldErrors(error: unknown): Record<string, string[]> {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return {};
  if (typeof error.problem.field === 'string' && !Array.isArray(error.problem.errors))
    return { [error.problem.field]: [error.problem.detail] };
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
