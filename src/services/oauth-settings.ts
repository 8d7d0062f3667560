import type { Config } from '../config/load.ts';

/** What the authorization server needs from config, resolved once. */
export interface OAuthSettings {
  /**
   * The issuer (`iss`) and base of every OAuth URL: `PORTCULLIS_PUBLIC_URL`, else the deployment's (the address
   * its first node listened on; `services/deployment.ts`). Set again once the server listens.
   */
  issuer: string;
  accessTokenTtlSeconds: number;
  signingKeyRotationDays: number;
  signingKeyPublishLeadSeconds: number;
  /** Audiences tokens can be issued for; the first is the default (else the issuer). */
  audiences: readonly string[];
  legacyQueryCredentials: boolean;
  authorizationCodeTtlMs: number;
  refreshTokenIdleMs: number;
  refreshTokenAbsoluteMs: number;
  registration: Config['oauth']['registration'];
  clientMetadataDocuments: Config['oauth']['clientMetadataDocuments'];
}

/** `PORTCULLIS_PUBLIC_URL` (`server.publicUrl`) as an issuer: without its trailing slash. */
export function publicIssuerOf(config: Config): string | undefined {
  return config.server.publicUrl?.replace(/\/$/, '');
}

export function oauthSettingsFrom(config: Config): OAuthSettings {
  const host = config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host;
  return {
    issuer: publicIssuerOf(config) ?? `http://${host}:${config.server.port}`,
    accessTokenTtlSeconds: config.oauth.accessTokenTtlSeconds,
    signingKeyRotationDays: config.oauth.signingKeyRotationDays,
    signingKeyPublishLeadSeconds: config.oauth.signingKeyPublishLeadSeconds,
    audiences: config.oauth.resourceServers.map((server) => server.audience),
    legacyQueryCredentials: config.oauth.legacyQueryCredentials,
    authorizationCodeTtlMs: config.oauth.authorizationCodeTtlSeconds * 1000,
    refreshTokenIdleMs: config.oauth.refreshTokens.idleDays * 86_400_000,
    refreshTokenAbsoluteMs: config.oauth.refreshTokens.absoluteDays * 86_400_000,
    registration: config.oauth.registration,
    clientMetadataDocuments: config.oauth.clientMetadataDocuments,
  };
}
