import { PortcullisError } from '../core/errors.ts';
import { andThen, type MaybePromise } from '../core/maybe-promise.ts';
import { hashSecret, type Pepper } from '../core/secret-hash.ts';

/**
 * The peppers secrets are hashed under. The first is current (new hashes); older ones still verify hashes
 * made before a rotation. Text form: `version:base64[,version:base64…]`, current first.
 */
export class PepperRing {
  readonly current: Pepper;
  readonly all: readonly Pepper[];

  constructor(peppers: readonly Pepper[]) {
    const [current] = peppers;
    if (!current) throw new PortcullisError('config_invalid', 'at least one pepper is required');
    this.current = current;
    this.all = peppers;
  }

  static parse(text: string): PepperRing {
    const peppers = text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const match = /^(\d{1,6}):([A-Za-z0-9+/_-]+={0,2})$/.exec(part);
        const secret = match ? Buffer.from(match[2] as string, 'base64') : undefined;
        if (!match || !secret || secret.length < 32) {
          throw new PortcullisError(
            'config_invalid',
            'pepper must be "version:base64" with at least 32 bytes',
          );
        }
        return { version: Number(match[1]), secret };
      });
    return new PepperRing(peppers);
  }

  hashCurrent(secret: string): string {
    return hashSecret(secret, this.current);
  }
}

/**
 * Looks a secret up by its hash under each pepper of the ring, current first, until `find` finds it: a secret
 * stored before a pepper rotation still verifies. Answers without waiting when `find` does.
 */
export function findByAnyPepper<T>(
  ring: PepperRing,
  secret: string,
  find: (hash: string) => MaybePromise<T | undefined>,
): MaybePromise<T | undefined> {
  const next = (index: number): MaybePromise<T | undefined> => {
    const pepper = ring.all[index];
    if (pepper === undefined) return undefined;
    return andThen(find(hashSecret(secret, pepper)), (found) =>
      found === undefined ? next(index + 1) : found,
    );
  };
  return next(0);
}
