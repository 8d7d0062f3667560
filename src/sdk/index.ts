/**
 * What a platform's API or MCP server imports to accept Portcullis credentials. It holds no server code: it
 * talks to a Portcullis deployment over HTTP (its JWKS, or `POST /api/v1/verify`).
 */
export {
  type Caller,
  type CheckOptions,
  type CheckResult,
  type ProtectedResource,
  type ProtectedResourceMetadata,
  type ProtectedResourceOptions,
  protectResource,
  type Refusal,
} from './protected-resource.ts';
export { bearerChallenge, protectedResourceMetadataUrl } from './www-authenticate.ts';
