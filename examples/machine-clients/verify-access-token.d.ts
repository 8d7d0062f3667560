export type TokenDecision =
  | {
      allow: true;
      principal: { tenantId: string; mode: 'live' | 'test'; clientId: string; scopes: string[] };
    }
  | { allow: false; status: number; code: string; missingScopes?: string[] };
export function createAccessTokenVerifier(options: { issuer: string; audience: string }): {
  check(token: string, neededScopes?: readonly string[]): Promise<TokenDecision>;
};
