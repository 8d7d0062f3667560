/** RFC 9457 problem details as the API sends them, with its stable `code` and any extension members. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  [extension: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
  get code(): string {
    return this.problem.code;
  }
}

function listOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * A refusal in words a tenant admin can act on. Plan and permission refusals say what would allow the action;
 * anything else falls back to the server's own `detail`, which never holds a secret.
 */
export function explainError(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return error instanceof Error && error.message
      ? `The console could not reach the server: ${error.message}`
      : 'Something went wrong.';
  }
  const { problem } = error;
  switch (problem.code) {
    case 'plan_required': {
      const plans = listOf(problem.plans);
      const scope = typeof problem.scope === 'string' ? `“${problem.scope}”` : 'this';
      return plans.length > 0
        ? `This workspace's plan does not include ${scope}. It comes with the ${plans.join(' or ')} plan${plans.length > 1 ? 's' : ''}.`
        : `This workspace's plan does not include ${scope}, and no plan offers it.`;
    }
    case 'insufficient_scope':
      return `Your role in this workspace does not allow this. ${problem.detail}`;
    case 'invalid_credential':
      return 'Your session has ended. Sign in again.';
    case 'tenant_suspended':
      return 'This workspace is suspended. The platform that runs it can reactivate it.';
    case 'csrf_refused':
      return 'The request was refused as cross-site. Reload the page and try again.';
    case 'rate_limited':
      return `Too many attempts. ${problem.detail}`;
    case 'key_limit_reached':
      return `This workspace has as many active keys as its plan allows. Revoke one, or move to a larger plan. ${problem.detail}`;
    case 'validation_failed':
      return `Check the form: ${problem.detail}`;
    case 'not_found':
      return `Not found: ${problem.detail}`;
    default:
      return problem.detail || problem.title;
  }
}
