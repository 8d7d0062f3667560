/** Who acted, as the activity feed records it. Never holds a secret, only ids and the caller's address. */
export interface Actor {
  type: 'platform_key' | 'management_key' | 'client' | 'user' | 'cli' | 'system';
  id: string | null;
  ip: string | null;
}

export const systemActor: Actor = { type: 'system', id: null, ip: null };
