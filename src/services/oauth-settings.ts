import type { Config } from '../config/load.ts';

/** What the authorization server needs from config, resolved once. */
export interface OAuthSettings {
  /**
   * The issuer (`iss`) and base of every OAuth URL: `PORTCULLIS_PUBLIC_URL`, else `http://HOST:PORT` as the
   * server listens. Set again once the server knows its port.
   */
  issuer: string;
  accessTokenTtlSeconds: number;
  signingKeyRotationDays: number;
  signingKeyPublishLeadSeconds: number;
  /** Audiences tokens can be issued for; the first is the default (else the issuer). */
  audiences: readonly string[];
  legacyQueryCredentials: boolean;
}

export function oauthSettingsFrom(config: Config): OAuthSettings {
  const host = config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host;
  return {
    issuer: (config.server.publicUrl ?? `http://${host}:${config.server.port}`).replace(/\/$/, ''),
    accessTokenTtlSeconds: config.oauth.accessTokenTtlSeconds,
    signingKeyRotationDays: config.oauth.signingKeyRotationDays,
    signingKeyPublishLeadSeconds: config.oauth.signingKeyPublishLeadSeconds,
    audiences: config.oauth.resourceServers.map((server) => server.audience),
    legacyQueryCredentials: config.oauth.legacyQueryCredentials,
  };
}
