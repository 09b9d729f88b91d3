/**
 * Run by test/pkcs11/keyring.test.ts in a NEW process (node --import tsx): opens the PKCS#11
 * provider from a job file, loads the keyring document, decrypts the envelopes and prints one
 * JSON line: { kekId, values, blindIndex } or { error: { name, reason, message } }.
 *
 * Nothing is shared with the parent but the token on disk, the keyring document and the
 * environment (SOFTHSM2_CONF and the PIN variable) — as when an application restarts.
 */
import { readFileSync } from 'node:fs';
import { FieldCipher } from '../../src/envelope/index.js';
import { Keyring } from '../../src/keys/index.js';
import { Pkcs11KeyProvider, type Pkcs11ProviderOptions } from '../../src/pkcs11/index.js';

export interface ChildJob {
  readonly provider: Pkcs11ProviderOptions;
  readonly keyringPath: string;
  readonly envelopes: readonly { readonly envelope: string; readonly context: string }[];
  readonly blindIndex?: { readonly value: string; readonly column: string };
}

async function main(): Promise<void> {
  const job = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as ChildJob;
  let provider: Pkcs11KeyProvider | undefined;
  try {
    provider = await Pkcs11KeyProvider.open(job.provider);
    const keyring = await Keyring.load(readFileSync(job.keyringPath, 'utf8'), { provider });
    const cipher = new FieldCipher(keyring);
    const values = job.envelopes.map((e) => cipher.decrypt(e.envelope, { context: e.context }));
    const blindIndex = job.blindIndex && cipher.blindIndex(job.blindIndex.value, { column: job.blindIndex.column });
    process.stdout.write(JSON.stringify({ kekId: provider.kekId, values, blindIndex }) + '\n');
  } catch (e) {
    const err = e as Error & { reason?: string };
    process.stdout.write(JSON.stringify({ error: { name: err.name, reason: err.reason, message: err.message } }) + '\n');
  } finally {
    await provider?.close();
  }
}

await main();
