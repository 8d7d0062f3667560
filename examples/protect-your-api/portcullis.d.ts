/** Types of portcullis.js, for TypeScript users of the examples. */
export interface Principal {
  credentialType: 'api_key' | 'access_token' | 'personal_token';
  tenantId: string;
  mode: 'live' | 'test';
  scopes: string[];
  keyId?: string;
  clientId?: string;
  userId?: string;
  /** An API key's `meta` and `externalId`, as the platform stored them; null when it has none. */
  meta: Record<string, unknown> | null;
  externalId: string | null;
  /** Usage credits left after a call that spent some (`consume`). */
  remaining?: number;
}

export interface CheckOptions {
  /** Spend this many of the key's usage credits; such a call is never answered from the cache. */
  consume?: number;
}

export type Decision =
  | { allow: true; principal: Principal }
  | { allow: false; status: number; headers: Record<string, string>; body: Record<string, unknown> };

export interface IncomingCall {
  authorization?: string | undefined;
  ip?: string | undefined;
  method?: string | undefined;
  path?: string | undefined;
  workspaceId?: string | string[] | undefined;
}

export interface VerifierOptions {
  baseUrl: string;
  platformKey: string;
  cacheTtlMs?: number;
  timeoutMs?: number;
  maxCacheEntries?: number;
  fetch?: typeof fetch;
  onError?: (error: unknown) => void;
}

export interface Verifier {
  check(request: IncomingCall, scopes?: readonly string[], options?: CheckOptions): Promise<Decision>;
}

export function createVerifier(options: VerifierOptions): Verifier;
export function credentialOf(authorization: string | undefined): string | undefined;

/** The status your API answers for each verify refusal code. */
export const STATUS_OF_REFUSAL: Readonly<Record<string, number>>;
