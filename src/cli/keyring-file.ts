/**
 * Keyring documents on disk: read, unwrap with the local master key, save atomically.
 * Errors are sorted into the documented exit codes: a keyring that cannot be read or parsed
 * is KEYRING (4); a master key that does not unwrap it is KEY (5).
 */
import { readFile } from 'node:fs/promises';
import { FieldShieldError, KeyProviderError } from '../errors.js';
import { Keyring, LocalKeyProvider, type KeyringDocument } from '../keys/index.js';
import { CliError, ExitCode } from './exit-codes.js';
import { writeFileAtomic } from './io/atomic-file.js';
import { errnoOf } from './secrets.js';

/** The keyring document's JSON text, checked to be JSON with the keyring's type marker. */
export async function readKeyringText(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new CliError(ExitCode.KEYRING, `cannot read keyring ${path} (${errnoOf(e)})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new CliError(ExitCode.KEYRING, `keyring ${path} is not valid JSON`);
  }
  if ((doc as { type?: unknown } | null)?.type !== 'fieldshield-keyring') {
    throw new CliError(ExitCode.KEYRING, `${path} is not a fieldshield keyring document`);
  }
  return text;
}

/** Loads and unwraps the keyring at `path` with a local master key. */
export async function openKeyring(path: string, masterKey: Uint8Array): Promise<Keyring> {
  const text = await readKeyringText(path);
  return loadKeyringText(text, masterKey, path);
}

/** Loads keyring JSON text (also used by worker threads, which get the text, not the path). */
export async function loadKeyringText(text: string, masterKey: Uint8Array, name: string): Promise<Keyring> {
  try {
    return await Keyring.load(text, { provider: new LocalKeyProvider(masterKey) });
  } catch (e) {
    throw keyringError(e, name);
  }
}

/** Maps a keyring library error to the CLI's exit codes; its message carries no secret. */
export function keyringError(e: unknown, name: string): CliError {
  if (e instanceof CliError) return e;
  if (e instanceof KeyProviderError) {
    return new CliError(ExitCode.KEY, `the master key does not open keyring ${name}: ${e.message}`);
  }
  if (e instanceof FieldShieldError && e.code === 'KEY_STATE') return new CliError(ExitCode.KEY_STATE, e.message);
  if (e instanceof FieldShieldError) return new CliError(ExitCode.KEYRING, `keyring ${name}: ${e.message}`);
  return new CliError(ExitCode.INTERNAL, `keyring ${name}: unexpected error`);
}

/** Saves the keyring document atomically (mode 0600, although it holds only wrapped keys). */
export async function saveKeyring(path: string, keyring: Keyring | KeyringDocument): Promise<void> {
  const doc = keyring instanceof Keyring ? keyring.toJSON() : keyring;
  await writeFileAtomic(path, JSON.stringify(doc, null, 2) + '\n');
}
