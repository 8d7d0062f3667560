import { localPrincipal } from '../services/access/principal.ts';
import { rotateSigningKey } from '../services/tokens/rotate-signing-key.ts';
import { parseFlags, UsageError } from './args.ts';
import { withRuntime } from './commands.ts';

type Output = (text: string) => void;

/**
 * `portcullis signing-keys rotate`: a new access-token signing key signs from now on. Running servers see
 * it within half a minute; the previous key stays published until its last token has expired.
 */
export async function signingKeysCommand(argv: string[], out: Output): Promise<void> {
  const [action, ...rest] = argv;
  if (action !== 'rotate') throw new UsageError('usage: portcullis signing-keys rotate [--json]');
  const flags = parseFlags(rest, {});
  await withRuntime(flags.config, async (runtime) => {
    const rotated = await rotateSigningKey(runtime.context, localPrincipal);
    const retired = rotated.retired.map((key) => ({
      kid: key.kid,
      expiresAt: new Date(key.expiresAt).toISOString(),
    }));
    if (flags.json) {
      out(
        `${JSON.stringify({ kid: rotated.kid, activeFrom: new Date(rotated.activeFrom).toISOString(), retired })}\n`,
      );
      return;
    }
    out(`Signing key ${rotated.kid} signs from now on\n`);
    for (const key of retired) out(`  ${key.kid} stopped signing; published until ${key.expiresAt}\n`);
  });
}
