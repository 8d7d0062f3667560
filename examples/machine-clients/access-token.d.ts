export interface TokenSourceOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
  resource?: string;
  fetch?: typeof fetch;
}
export function createTokenSource(options: TokenSourceOptions): { accessToken(): Promise<string> };
