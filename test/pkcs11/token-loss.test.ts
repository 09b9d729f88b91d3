/**
 * The token's storage disappears while a provider is open (a SoftHSM2 token directory
 * deleted, as when a volume is unmounted): every call fails with a typed KeyProviderError,
 * the process does not crash, and close() still completes. Its own file, because SoftHSM2
 * cannot re-initialize in this process once its token directory is gone.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FieldCipher } from '../../src/envelope/index.js';
import { KeyProviderError } from '../../src/errors.js';
import { Keyring } from '../../src/keys/index.js';
import { Pkcs11KeyProvider, Pkcs11ProviderError } from '../../src/pkcs11/index.js';
import { errorSurface } from '../helpers/keyring.js';
import { type TokenStore, createTokenStore, describeWithSoftHsm } from './softhsm.js';

const TOKEN = 'fs-loss';
const PIN = 'loss-pin-1618';
const PIN_VAR = 'FS_TEST_LOSS_PIN';

describeWithSoftHsm('token directory removed mid-run', (hsm) => {
  let store: TokenStore;
  let provider: Pkcs11KeyProvider;

  beforeAll(async () => {
    store = createTokenStore(hsm);
    store.initToken(TOKEN, PIN);
    provider = await Pkcs11KeyProvider.generateKek({
      library: hsm.library,
      token: { label: TOKEN },
      pin: { env: PIN_VAR },
      kek: { label: 'kek' },
      env: { [PIN_VAR]: PIN },
    });
  });

  afterAll(() => {
    store?.remove();
  });

  it('fails every call with a typed error, keeps loaded keyrings working, and closes cleanly', async () => {
    const keyring = await Keyring.create({ provider });
    const cipher = new FieldCipher(keyring);
    const env = cipher.encrypt('11010519491231002X', { context: 'customer.id_no' });
    const doc = keyring.toJSON();

    rmSync(join(store.dir, 'tokens'), { recursive: true, force: true });

    const load = await Keyring.load(doc, { provider }).catch((e: unknown) => e);
    expect(load).toBeInstanceOf(KeyProviderError);
    expect(load).toBeInstanceOf(Pkcs11ProviderError);
    expect(['token-unavailable', 'key-not-found']).toContain((load as Pkcs11ProviderError).reason);
    expect(errorSurface(load)).not.toContain(PIN);

    // Again (the provider tries to reconnect each time, and fails the same typed way).
    const rotate = await keyring.rotate().catch((e: unknown) => e);
    expect(rotate).toBeInstanceOf(Pkcs11ProviderError);
    const wrap = await provider.wrap(new Uint8Array(randomBytes(32)), { keyId: '01234567' }).catch((e: unknown) => e);
    expect(wrap).toBeInstanceOf(Pkcs11ProviderError);

    // The HSM is not on the hot path: the keyring loaded before keeps decrypting.
    expect(cipher.decrypt(env, { context: 'customer.id_no' })).toBe('11010519491231002X');

    await expect(provider.close()).resolves.toBeUndefined();
  });
});
