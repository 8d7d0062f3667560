import { localPrincipal } from '../services/access/principal.ts';
import { rotateSigningKey } from '../services/tokens/rotate-signing-key.ts';
import { actionOf, parseFlags } from './args.ts';
import { withLocal } from './local.ts';
import { type Output, printJson } from './output.ts';

/**
 * `portcullis signing-keys rotate`: a new access-token signing key signs from now on. Running servers see
 * it within half a minute; the previous key stays published until its last token has expired.
 */
export async function signingKeysCommand(argv: string[], out: Output): Promise<void> {
  const [given, ...rest] = argv;
  actionOf('signing-keys', given, ['rotate']);
  const flags = parseFlags(rest, {});
  await withLocal(flags, async (runtime) => {
    const rotated = await rotateSigningKey(runtime.context, localPrincipal);
    const retired = rotated.retired.map((key) => ({
      kid: key.kid,
      expiresAt: new Date(key.expiresAt).toISOString(),
    }));
    if (flags.json) {
      printJson(out, { kid: rotated.kid, activeFrom: new Date(rotated.activeFrom).toISOString(), retired });
      return;
    }
    out(`Signing key ${rotated.kid} signs from now on\n`);
    for (const key of retired) out(`  ${key.kid} stopped signing; published until ${key.expiresAt}\n`);
  });
}
