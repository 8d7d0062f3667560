/**
 * The little of oidc-provider's API that bench/peers/oidc-provider.ts uses. The package ships no types, and
 * this keeps the bench off a second dev dependency (@types/oidc-provider) for five lines of configuration.
 */
declare module 'oidc-provider' {
  import type { RequestListener } from 'node:http';

  export interface ResourceServer {
    scope: string;
    audience?: string;
    accessTokenTTL?: number;
    accessTokenFormat?: 'opaque' | 'jwt';
    jwt?: { sign?: { alg?: string; kid?: string } };
  }

  export interface Configuration {
    clients?: Record<string, unknown>[];
    jwks?: { keys: Record<string, unknown>[] };
    scopes?: string[];
    features?: {
      clientCredentials?: { enabled: boolean };
      introspection?: { enabled: boolean };
      revocation?: { enabled: boolean };
      devInteractions?: { enabled: boolean };
      resourceIndicators?: {
        enabled: boolean;
        defaultResource?: (
          ctx: unknown,
          client: unknown,
          oneOf?: string[],
        ) => Promise<string | string[] | undefined> | string | string[] | undefined;
        useGrantedResource?: (ctx: unknown, model: unknown) => Promise<boolean> | boolean;
        getResourceServerInfo?: (
          ctx: unknown,
          resourceIndicator: string,
          client: unknown,
        ) => Promise<ResourceServer> | ResourceServer;
      };
    };
  }

  export class Provider {
    constructor(issuer: string, configuration?: Configuration);
    callback(): RequestListener;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
  export default Provider;
}
