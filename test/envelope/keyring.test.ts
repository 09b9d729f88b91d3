import { describe, expect, it } from 'vitest';
import { FieldCipher, parseEnvelope } from '../../src/envelope/index.js';
import {
  FieldShieldError,
  IntegrityError,
  InvalidArgumentError,
  KeyDestroyedError,
  KeyProviderError,
  KeyStateError,
  KeyUsageLimitError,
  UnknownKeyError,
} from '../../src/errors.js';
import { CallbackKeyProvider, Keyring, LocalKeyProvider } from '../../src/keys/index.js';
import { toHex } from '../../src/encoding.js';
import { TEST_MASTER_KEY, errorSurface, testKeyring } from '../helpers/keyring.js';

describe('keyring documents', () => {
  it('hold wrapped keys only and reload to a keyring that decrypts', async () => {
    const { keyring, provider } = await testKeyring();
    const cipher = new FieldCipher(keyring);
    const env = cipher.encrypt('6222021234567890123', { context: 'acct.card_no' });
    const doc = JSON.stringify(keyring.toJSON());
    expect(doc).not.toContain(toHex(TEST_MASTER_KEY));
    const parsed = JSON.parse(doc);
    expect(parsed).toMatchObject({ type: 'fieldshield-keyring', version: 1, provider: 'local', primary: keyring.primaryKeyId });
    expect(parsed.keys[0]).toMatchObject({ id: keyring.primaryKeyId, algorithm: 'SM4', state: 'active', usage: 1 });
    const again = await Keyring.load(doc, { provider });
    expect(new FieldCipher(again).decrypt(env, { context: 'acct.card_no' })).toBe('6222021234567890123');
  });

  it('report a wrong master key as such', async () => {
    const { keyring } = await testKeyring();
    const other = new LocalKeyProvider(new Uint8Array(16).fill(9));
    await expect(Keyring.load(keyring.toJSON(), { provider: other })).rejects.toThrow(KeyProviderError);
    // Without the recorded KEK fingerprint, unwrapping itself fails — still a KeyProviderError.
    const doc = keyring.toJSON();
    const stripped = { ...doc, keys: doc.keys.map(({ kek: _kek, ...k }) => k) };
    await expect(Keyring.load(stripped, { provider: other })).rejects.toThrow(/wrong master key/);
  });

  it('reject malformed documents with the path of the problem', async () => {
    const { keyring, provider } = await testKeyring();
    const doc = keyring.toJSON();
    await expect(Keyring.load('{not json', { provider })).rejects.toThrow(InvalidArgumentError);
    await expect(Keyring.load({ ...doc, version: 2 } as never, { provider })).rejects.toThrow(/version/);
    await expect(Keyring.load({ ...doc, keys: [{ ...doc.keys[0], state: 'weird' }] } as never, { provider })).rejects.toThrow(/keys\.0\.state/);
    await expect(Keyring.load({ ...doc, primary: 'ffffffff' }, { provider })).rejects.toThrow(/primary/);
    // A wrapped key moved to another ID does not unwrap (the ID is bound into the wrap).
    const moved = { ...doc, primary: 'aaaaaaaa', keys: [{ ...doc.keys[0], id: 'aaaaaaaa' }] };
    await expect(Keyring.load(moved, { provider })).rejects.toThrow(KeyProviderError);
  });

  it('LocalKeyProvider reads its master key from the environment, never echoing it', () => {
    const hex = toHex(TEST_MASTER_KEY);
    expect(LocalKeyProvider.fromEnv('K', { K: hex }).kekId).toBe(new LocalKeyProvider(TEST_MASTER_KEY).kekId);
    expect(() => LocalKeyProvider.fromEnv('K', {})).toThrow(/K is not set/);
    try {
      LocalKeyProvider.fromEnv('K', { K: hex.slice(0, 30) + 'zz' });
      throw new Error('accepted a bad key');
    } catch (e) {
      expect(e).toBeInstanceOf(KeyProviderError);
      expect(errorSurface(e)).not.toContain(hex.slice(0, 30));
    }
  });

  it('CallbackKeyProvider delegates to the application KMS and hides its error text', async () => {
    const kek = new LocalKeyProvider(new Uint8Array(16).fill(3)); // stands in for the KMS
    const calls: string[] = [];
    const provider = new CallbackKeyProvider({
      kekId: 'kms:alias/fieldshield',
      wrap: async (dek, ctx) => {
        calls.push('wrap ' + ctx.keyId);
        return kek.wrap(dek, ctx);
      },
      unwrap: async (w, ctx) => {
        calls.push('unwrap ' + ctx.keyId);
        return kek.unwrap(w, ctx);
      },
    });
    const ring = await Keyring.create({ provider });
    const env = new FieldCipher(ring).encrypt('x', { context: 'c' });
    const loaded = await Keyring.load(ring.toJSON(), { provider });
    expect(new FieldCipher(loaded).decrypt(env, { context: 'c' })).toBe('x');
    expect(calls).toEqual([`wrap ${ring.primaryKeyId}`, `unwrap ${ring.primaryKeyId}`]);

    const failing = new CallbackKeyProvider({
      kekId: 'kms:x',
      wrap: () => {
        throw new Error('KMS said: request body 11010519491231002X');
      },
      unwrap: () => new Uint8Array(32),
    });
    const err = await Keyring.create({ provider: failing }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeyProviderError);
    expect(errorSurface(err)).not.toContain('11010519491231002X');
  });
});

describe('loading many keys', () => {
  // A KMS stand-in that answers each unwrap after a delay, counting how many are in flight.
  function slowKms(failOn?: string) {
    const kek = new LocalKeyProvider(new Uint8Array(16).fill(5));
    const state = { inFlight: 0, maxInFlight: 0, returned: [] as Uint8Array[] };
    const provider = new CallbackKeyProvider({
      kekId: 'kms:slow',
      wrap: (dek, ctx) => kek.wrap(dek, ctx),
      unwrap: async (w, ctx) => {
        state.inFlight++;
        state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
        await new Promise((r) => setTimeout(r, 2));
        state.inFlight--;
        if (ctx.keyId === failOn) throw new Error('KMS throttled');
        const dek = await kek.unwrap(w, ctx);
        state.returned.push(dek);
        return dek;
      },
    });
    return { provider, state };
  }

  it('unwraps up to 8 DEKs at a time and every key decrypts what it encrypted', async () => {
    const { provider, state } = slowKms();
    const ring = await Keyring.create({ provider });
    const cipher = new FieldCipher(ring);
    const envs: string[] = [cipher.encrypt('v0', { context: 'c' })];
    for (let i = 1; i < 20; i++) {
      await ring.rotate();
      envs.push(cipher.encrypt(`v${i}`, { context: 'c' }));
    }
    const loaded = await Keyring.load(ring.toJSON(), { provider });
    expect(state.maxInFlight).toBe(8);
    const again = new FieldCipher(loaded);
    expect(envs.map((e) => again.decrypt(e, { context: 'c' }))).toEqual(envs.map((_, i) => `v${i}`));
    expect(loaded.primaryKeyId).toBe(ring.primaryKeyId);
  });

  it('one failed unwrap fails the load with a KeyProviderError and wipes the DEKs already unwrapped', async () => {
    const setup = slowKms();
    const ring = await Keyring.create({ provider: setup.provider });
    for (let i = 0; i < 11; i++) await ring.rotate();
    const doc = ring.toJSON();
    const { provider, state } = slowKms(doc.keys[9].id);
    const err = await Keyring.load(doc, { provider }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeyProviderError);
    // Let the unwraps still in flight finish: they are wiped too.
    await new Promise((r) => setTimeout(r, 20));
    expect(state.returned.length).toBeGreaterThan(0);
    for (const dek of state.returned) expect(dek.every((b) => b === 0)).toBe(true);
  });
});

describe('rotation, retirement and crypto-shredding', () => {
  it('a 10,000-value scenario: rotate twice, rewrap half, destroy the oldest', async () => {
    const { keyring } = await testKeyring();
    const cipher = new FieldCipher(keyring);
    const k1 = keyring.primaryKeyId;
    const values = Array.from({ length: 10_000 }, (_, i) => `6222${String(i).padStart(15, '0')}`);
    const context = (i: number) => ({ context: `account.card_no#${i}` });
    let envs = values.map((v, i) => cipher.encrypt(v, context(i)));
    const k2 = await keyring.rotate();
    const k3 = await keyring.rotate();
    expect(new Set([k1, k2, k3]).size).toBe(3);
    expect(keyring.primaryKeyId).toBe(k3);
    // Old keys still decrypt after rotation.
    expect(cipher.decrypt(envs[9999], context(9999))).toBe(values[9999]);
    // Rewrap the first half.
    envs = envs.map((e, i) => (i < 5000 ? cipher.rewrap(e, context(i)) : e));
    expect(envs.filter((e) => cipher.needsRewrap(e)).length).toBe(5000);
    expect(envs.slice(0, 5000).every((e) => parseEnvelope(e).keyId === k3)).toBe(true);
    // Destroying a key that still has data is refused unless forced.
    expect(() => keyring.destroy(k1, { inUse: true })).toThrow(KeyStateError);
    expect(() => keyring.destroy(k3)).toThrow(KeyStateError); // the primary
    keyring.destroy(k1, { inUse: true, force: true });
    let ok = 0;
    let shredded = 0;
    envs.forEach((e, i) => {
      try {
        expect(cipher.decrypt(e, context(i))).toBe(values[i]);
        ok++;
      } catch (err) {
        expect(err).toBeInstanceOf(KeyDestroyedError);
        shredded++;
        expect(i).toBeGreaterThanOrEqual(5000);
      }
    });
    expect({ ok, shredded }).toEqual({ ok: 5000, shredded: 5000 });
    // The document no longer holds the destroyed key's material, and stays loadable.
    const doc = keyring.toJSON();
    const entry = doc.keys.find((k) => k.id === k1);
    expect(entry).toMatchObject({ state: 'destroyed' });
    expect(entry?.wrapped).toBeUndefined();
    const reloaded = await Keyring.load(doc, { provider: new LocalKeyProvider(TEST_MASTER_KEY) });
    expect(() => new FieldCipher(reloaded).decrypt(envs[9000], context(9000))).toThrow(KeyDestroyedError);
    expect(new FieldCipher(reloaded).decrypt(envs[1], context(1))).toBe(values[1]);
  });

  it('retired keys decrypt but stop encrypting and indexing; unknown keys are named', async () => {
    const { keyring } = await testKeyring();
    const cipher = new FieldCipher(keyring);
    const k1 = keyring.primaryKeyId;
    const env = cipher.encrypt('v', { context: 'c' });
    const idx1 = cipher.blindIndex('v', { column: 'c' });
    await keyring.rotate();
    const both = cipher.blindIndexes('v', { column: 'c' });
    expect(both).toHaveLength(2);
    expect(both[1]).toBe(idx1);
    expect(both[0]).toBe(cipher.blindIndex('v', { column: 'c' }));
    keyring.retire(k1);
    expect(cipher.blindIndexes('v', { column: 'c' })).toEqual([both[0]]);
    expect(cipher.decrypt(env, { context: 'c' })).toBe('v');
    expect(keyring.keys().map((k) => k.state)).toEqual(['decrypt-only', 'active']);
    const { keyring: other } = await testKeyring();
    expect(() => new FieldCipher(other).decrypt(env, { context: 'c' })).toThrow(UnknownKeyError);
  });

  it('refuses random encryption past the usage limit until rotated', async () => {
    const { keyring } = await testKeyring({ usageLimit: 3 });
    const cipher = new FieldCipher(keyring);
    for (let i = 0; i < 3; i++) cipher.encrypt('v', { context: 'c' });
    expect(() => cipher.encrypt('v', { context: 'c' })).toThrow(KeyUsageLimitError);
    // Deterministic encryption uses no random nonce, so it does not count.
    expect(() => cipher.encryptDeterministic('v', { context: 'c' })).not.toThrow();
    await keyring.rotate();
    expect(() => cipher.encrypt('v', { context: 'c' })).not.toThrow();
    expect(keyring.keys().map((k) => k.usage)).toEqual([3, 1]);
  });

  it('without a primary (retired or destroyed with force) still saves, loads and decrypts; rotate makes one', async () => {
    for (const op of ['retire', 'destroy'] as const) {
      const { keyring, provider } = await testKeyring();
      const cipher = new FieldCipher(keyring);
      const old = cipher.encrypt('v', { context: 'c' });
      const k2 = await keyring.rotate();
      const current = cipher.encrypt('w', { context: 'c' });
      expect(() => keyring[op](k2)).toThrow(KeyStateError);
      keyring[op](k2, { force: true });
      expect(keyring.primaryKeyId).toBe('');
      // A retired primary no longer encrypts either (it used to go on doing so when forced).
      expect(() => cipher.encrypt('x', { context: 'c' })).toThrow(KeyStateError);
      expect(() => cipher.encryptDeterministic('x', { context: 'c' })).toThrow(KeyStateError);
      const doc = keyring.toJSON();
      expect(doc.primary).toBe('');
      const again = await Keyring.load(JSON.stringify(doc), { provider });
      expect(again.primaryKeyId).toBe('');
      const reloaded = new FieldCipher(again);
      expect(reloaded.decrypt(old, { context: 'c' })).toBe('v');
      if (op === 'retire') expect(reloaded.decrypt(current, { context: 'c' })).toBe('w');
      else expect(() => reloaded.decrypt(current, { context: 'c' })).toThrow(KeyDestroyedError);
      expect(() => reloaded.encrypt('x', { context: 'c' })).toThrow(/no active primary key; call rotate/);
      const k3 = await again.rotate();
      expect(again.primaryKeyId).toBe(k3);
      expect(reloaded.decrypt(reloaded.encrypt('x', { context: 'c' }), { context: 'c' })).toBe('x');
    }
  });

  it('reads a primary that names a retired key as no primary, and refuses one that names no key', async () => {
    const { keyring, provider } = await testKeyring();
    const k1 = keyring.primaryKeyId;
    await keyring.rotate();
    keyring.retire(k1);
    const doc = keyring.toJSON();
    // What a forced retirement of the primary wrote before it cleared the primary.
    const again = await Keyring.load({ ...doc, primary: k1 }, { provider });
    expect(again.primaryKeyId).toBe('');
    await expect(Keyring.load({ ...doc, primary: 'abcdef01' }, { provider })).rejects.toThrow(
      new InvalidArgumentError('keyring document: its primary key is not among its keys'),
    );
  });

  it('a decrypt under a destroyed key never yields plaintext, even after tampering', async () => {
    const { keyring } = await testKeyring();
    const cipher = new FieldCipher(keyring);
    const env = cipher.encrypt('v', { context: 'c' });
    await keyring.rotate();
    keyring.destroy(parseEnvelope(env).keyId);
    expect(() => cipher.decrypt(env, { context: 'c' })).toThrow(FieldShieldError);
    expect(() => cipher.rewrap(env, { context: 'c' })).toThrow(KeyDestroyedError);
    expect(() => cipher.decrypt(cipher.encrypt('w', { context: 'c' }), { context: 'd' })).toThrow(IntegrityError);
  });
});
