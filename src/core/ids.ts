import { randomBase62 } from './base62.ts';
import type { RandomSource } from './random.ts';

/** Resource id prefixes: an id says what it names (`ten_…`, `key_…`). */
export const idPrefixes = {
  tenant: 'ten',
  apiKey: 'key',
  platformKey: 'pk',
  app: 'app',
  client: 'cl',
  managementKey: 'mk',
  user: 'usr',
  session: 'ses',
  invitation: 'inv',
  handoff: 'hof',
  personalToken: 'tok',
  webhookEndpoint: 'ep',
  webhookDelivery: 'dlv',
  /** A webhook message: its `webhook-id`. */
  webhookMessage: 'msg',
  installation: 'ins',
  /** The family of refresh tokens one authorization code starts. */
  grant: 'grt',
} as const;

export type IdKind = keyof typeof idPrefixes;

const ID_PATTERN = /^[a-z]{2,4}_[0-9A-Za-z]{20}$/;

export function newId(kind: IdKind, random: RandomSource): string {
  return `${idPrefixes[kind]}_${randomBase62(random, 20)}`;
}

export function isId(kind: IdKind, value: string): boolean {
  return ID_PATTERN.test(value) && value.startsWith(`${idPrefixes[kind]}_`);
}
