/**
 * The workloads one run measures. Every scenario belongs to one; scenarios of the same workload send the same
 * requests and count failures the same way, so their rates compare. The revocation workload is not a load: it
 * times how long a revocation on one node takes to be refused on another (bench/revocation-latency.ts).
 */
export type WorkloadId = 'api-key-verify' | 'token-issuance' | 'jwt-verify' | 'revocation';

export interface Workload {
  id: WorkloadId;
  /** What every request does, for the header and the docs. */
  description: string;
  /** What the scenario seeds, for the table's `seeded` column. */
  seededUnit: { one: string; many: string };
  /** A 2xx answer counts as served only when its body contains this. */
  expectInBody: string;
}

/** The one scope every token request asks for: a vocabulary scope of Portcullis's default set. */
export const tokenScope = 'read:reports';

/** The body of every token request (RFC 6749 §4.4.2); the client authenticates with HTTP Basic (§2.3.1). */
export const tokenForm = `grant_type=client_credentials&scope=${encodeURIComponent(tokenScope)}`;

/**
 * The resource server tokens are issued for (RFC 8707): Portcullis's bench config lists it as its only
 * resource server, so it is every token's default `aud`; oidc-provider defaults to it as its resource indicator.
 */
export const tokenAudience = 'https://api.bench.example';

/** How many JWT access tokens the JWT-verify scenarios cycle through, and from how many clients. */
export const jwtTokenCount = 50;
export const jwtClientCount = 5;

export const workloads: Record<WorkloadId, Workload> = {
  'api-key-verify': {
    id: 'api-key-verify',
    description: 'POST /api/v1/verify {"key":"<API key>"}, the next seeded key each request',
    seededUnit: { one: 'key', many: 'keys' },
    expectInBody: '"valid":true',
  },
  'token-issuance': {
    id: 'token-issuance',
    description: `POST <token endpoint> ${tokenForm}, client_secret_basic`,
    seededUnit: { one: 'client', many: 'clients' },
    expectInBody: '"access_token":"',
  },
  'jwt-verify': {
    id: 'jwt-verify',
    description: 'POST /api/v1/verify {"key":"<ES256 JWT access token>"}, the next token each request',
    seededUnit: { one: 'token', many: 'tokens' },
    expectInBody: '"valid":true',
  },
  revocation: {
    id: 'revocation',
    description:
      'issue a key on node A, verify it 3 times on node B, revoke it on A (DELETE), poll B until it refuses',
    seededUnit: { one: 'key', many: 'keys' },
    expectInBody: '"valid":true',
  },
};

/** `Authorization: Basic` for a client (RFC 6749 §2.3.1: each part form-urlencoded before base64). */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  const encode = (part: string) => encodeURIComponent(part).replaceAll('%20', '+');
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString('base64')}`;
}
