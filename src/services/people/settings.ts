import type { Config } from '../../config/load.ts';
import type { Argon2Parameters } from '../../core/password-hash.ts';

/** What the people use cases need from config, in milliseconds where it is a time. */
export interface PeopleSettings {
  sessionIdleMs: number;
  sessionLifetimeMs: number;
  handoffTtlMs: number;
  invitationTtlMs: number;
  passwords: Argon2Parameters;
  maxActiveTokensPerUser: number;
}

const MINUTE_MS = 60_000;

export function peopleSettingsFrom(config: Config): PeopleSettings {
  return {
    sessionIdleMs: config.sessions.idleTimeoutMinutes * MINUTE_MS,
    sessionLifetimeMs: config.sessions.absoluteTimeoutHours * 60 * MINUTE_MS,
    handoffTtlMs: config.sessions.handoffTtlSeconds * 1000,
    invitationTtlMs: config.invitations.ttlDays * 24 * 60 * MINUTE_MS,
    passwords: { ...config.passwords },
    maxActiveTokensPerUser: config.personalTokens.maxActivePerUser,
  };
}
