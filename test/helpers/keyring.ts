import { Keyring, LocalKeyProvider } from '../../src/keys/index.js';

/** A fixed master key for tests (never a real one). */
export const TEST_MASTER_KEY = Uint8Array.from({ length: 16 }, (_, i) => i + 1);

export async function testKeyring(options: { usageLimit?: number } = {}): Promise<{ keyring: Keyring; provider: LocalKeyProvider }> {
  const provider = new LocalKeyProvider(TEST_MASTER_KEY);
  const keyring = await Keyring.create({ provider, ...options });
  return { keyring, provider };
}

/** Every own and inherited string-ish thing an error exposes, for leak checks. */
export function errorSurface(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const parts: string[] = [e.name, e.message, e.stack ?? '', String(e.cause ?? '')];
  for (const [k, v] of Object.entries(e)) parts.push(k, typeof v === 'string' ? v : JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? x.toString() : x)) ?? '');
  return parts.join('\n');
}
