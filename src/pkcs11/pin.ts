/**
 * Where the token's user PIN comes from. Only an environment variable or a file: a PIN in a
 * command-line argument is visible to every user of the machine (`ps`, /proc/<pid>/cmdline)
 * and lands in shell histories, and a PIN in code lands in the repository.
 *
 * Nothing here logs, and no error names the PIN or quotes the file's content.
 */
import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, KeyProviderError } from '../errors.js';

export type PinSource =
  /** Name of an environment variable holding the PIN, e.g. `FIELDSHIELD_HSM_PIN`. */
  | { readonly env: string }
  /** Path of a file holding the PIN (one trailing newline is ignored), e.g. a mounted secret. */
  | { readonly file: string };

export function checkPinSource(source: unknown): asserts source is PinSource {
  if (typeof source === 'string') {
    // Said without repeating the value: it may be the PIN itself.
    throw new InvalidArgumentError('pin must be { env: NAME } or { file: PATH }, not the PIN itself');
  }
  const s = source as { env?: unknown; file?: unknown } | null | undefined;
  const hasEnv = typeof s?.env === 'string' && s.env !== '';
  const hasFile = typeof s?.file === 'string' && s.file !== '';
  if (hasEnv === hasFile) throw new InvalidArgumentError('pin must be exactly one of { env: NAME } or { file: PATH }');
}

export async function readPin(source: PinSource, env: Record<string, string | undefined> = process.env): Promise<string> {
  checkPinSource(source);
  let pin: string;
  if ('env' in source) {
    const v = env[source.env];
    if (v === undefined || v === '') throw new KeyProviderError(`environment variable ${source.env} (the token PIN) is not set`);
    pin = v;
  } else {
    try {
      pin = await readFile(source.file, 'utf8');
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'unknown error';
      throw new KeyProviderError(`cannot read the PIN file (${code})`);
    }
    // Files written by `echo` or editors end in a newline that is not part of the PIN.
    pin = pin.replace(/\r?\n$/, '');
    if (pin === '') throw new KeyProviderError('the PIN file is empty');
  }
  return pin;
}
