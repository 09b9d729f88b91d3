/**
 * Pkcs11KeyProvider against a real SoftHSM2 token: KEK generation and policy, each wrapping
 * mechanism (checked against node:crypto where the KEK can be known), tampering and key-ID
 * binding, typed errors, the session pool, and recovery after the token is reset.
 */
import { createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyProviderError } from '../../src/errors.js';
import {
  CKM_VENDOR_DEFINED,
  Pkcs11KeyNotFoundError,
  Pkcs11KeyPolicyError,
  Pkcs11KeyProvider,
  Pkcs11MechanismError,
  Pkcs11PinError,
  Pkcs11ProviderError,
  Pkcs11TokenNotFoundError,
  type MechanismOption,
  type Pkcs11ProviderOptions,
} from '../../src/pkcs11/index.js';
import { errorSurface } from '../helpers/keyring.js';
import { type RawToken, type TokenStore, createTokenStore, describeWithSoftHsm, rawToken } from './softhsm.js';

const TOKEN = 'fs-provider';
const PIN = 'user-pin-4711';
const PIN_VAR = 'FS_TEST_PROVIDER_PIN';
const env = { [PIN_VAR]: PIN };

describeWithSoftHsm('Pkcs11KeyProvider on SoftHSM2', (hsm) => {
  let store: TokenStore;
  let raw: RawToken;
  const open: Pkcs11KeyProvider[] = [];

  const base = (over: Partial<Pkcs11ProviderOptions> = {}): Pkcs11ProviderOptions => ({
    library: hsm.library,
    token: { label: TOKEN },
    pin: { env: PIN_VAR },
    kek: { label: 'kek-gcm' },
    env,
    ...over,
  });
  async function track(p: Promise<Pkcs11KeyProvider>): Promise<Pkcs11KeyProvider> {
    const provider = await p;
    open.push(provider);
    return provider;
  }
  async function failure(p: Promise<unknown>): Promise<unknown> {
    try {
      const provider = await p;
      if (provider instanceof Pkcs11KeyProvider) open.push(provider);
    } catch (e) {
      return e;
    }
    throw new Error('expected a failure');
  }

  /** A KEK with a known value, imported for tests only, so outputs can be checked with node:crypto. */
  function importKnownKek(label: string, value: Buffer, usage: 'encrypt' | 'wrap'): void {
    const { p, m } = raw;
    m.C_CreateObject(raw.session(), [
      { type: p.CKA_CLASS, value: p.CKO_SECRET_KEY },
      { type: p.CKA_KEY_TYPE, value: p.CKK_AES },
      { type: p.CKA_TOKEN, value: true },
      { type: p.CKA_PRIVATE, value: true },
      { type: p.CKA_SENSITIVE, value: false },
      { type: p.CKA_EXTRACTABLE, value: true },
      { type: p.CKA_ENCRYPT, value: usage === 'encrypt' },
      { type: p.CKA_DECRYPT, value: usage === 'encrypt' },
      { type: p.CKA_WRAP, value: usage === 'wrap' },
      { type: p.CKA_UNWRAP, value: usage === 'wrap' },
      { type: p.CKA_LABEL, value: label },
      { type: p.CKA_VALUE, value },
    ]);
  }

  beforeAll(async () => {
    store = createTokenStore(hsm);
    store.initToken(TOKEN, PIN);
    raw = rawToken(hsm, TOKEN, PIN);
    await (await Pkcs11KeyProvider.generateKek(base({ kek: { label: 'kek-gcm', id: 'a1b2' } }))).close();
    await (await Pkcs11KeyProvider.generateKek(base({ kek: { label: 'kek-kwp' }, mechanism: 'aes-kwp' }))).close();
  });

  afterAll(async () => {
    for (const p of open) await p.close();
    raw?.close();
    // The helper initialized the library first, so the providers left it initialized: finalize
    // it so that nothing of this token store outlives the file in a reused worker.
    try {
      raw?.m.C_Finalize();
    } catch {
      // Already finalized.
    }
    store?.remove();
  });

  describe('KEK generation and selection', () => {
    it('generates a KEK that is sensitive and has never been extractable', () => {
      const { p, m } = raw;
      const [kek] = raw.findKeys('kek-gcm');
      const attrs = m.C_GetAttributeValue(raw.session(), kek as Buffer, [
        { type: p.CKA_EXTRACTABLE },
        { type: p.CKA_SENSITIVE },
        { type: p.CKA_NEVER_EXTRACTABLE },
        { type: p.CKA_ALWAYS_SENSITIVE },
        { type: p.CKA_LOCAL },
        { type: p.CKA_TOKEN },
        { type: p.CKA_PRIVATE },
        { type: p.CKA_ENCRYPT },
        { type: p.CKA_WRAP },
        { type: p.CKA_SIGN },
        { type: p.CKA_VALUE_LEN },
      ]);
      const v = attrs.map((a) => (a.value as Buffer).readUIntLE(0, Math.min(6, (a.value as Buffer).length)));
      // extractable, sensitive, never-extractable, always-sensitive, local, token, private, encrypt, wrap, sign, length
      expect(v).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 32]);
      // Reading the value must be refused by the token itself.
      expect(() => m.C_GetAttributeValue(raw.session(), kek as Buffer, [{ type: p.CKA_VALUE }])).toThrow(/CKR_ATTRIBUTE_SENSITIVE/);
    });

    it('names the KEK pkcs11:<token>/<label>, or by ID hex when chosen by ID', async () => {
      const byLabel = await track(Pkcs11KeyProvider.open(base()));
      expect(byLabel.kekId).toBe(`pkcs11:${TOKEN}/kek-gcm`);
      expect(byLabel.name).toBe('pkcs11');
      expect(byLabel.tokenLabel).toBe(TOKEN);
      expect(byLabel.mechanism).toBe('AES-GCM');
      const byId = await track(Pkcs11KeyProvider.open(base({ kek: { id: 'A1B2' } })));
      expect(byId.kekId).toBe(`pkcs11:${TOKEN}/a1b2`);
      // Same key either way: what one wraps, the other unwraps.
      const dek = new Uint8Array(randomBytes(32));
      expect(await byId.unwrap(await byLabel.wrap(dek, { keyId: '01020304' }), { keyId: '01020304' })).toEqual(dek);
    });

    it('selects the token by slot index too', async () => {
      const provider = await track(Pkcs11KeyProvider.open(base({ token: { slotIndex: 0 } })));
      expect(provider.tokenLabel).toBe(TOKEN);
    });

    it('refuses to generate a second key with a label already in use', async () => {
      const e = await failure(Pkcs11KeyProvider.generateKek(base()));
      expect(e).toBeInstanceOf(Pkcs11ProviderError);
      expect((e as Pkcs11ProviderError).reason).toBe('key-ambiguous');
      expect(raw.findKeys('kek-gcm')).toHaveLength(1);
    });

    it('refuses an extractable KEK unless allowed', async () => {
      importKnownKek('kek-extractable', randomBytes(32), 'encrypt');
      const e = await failure(Pkcs11KeyProvider.open(base({ kek: { label: 'kek-extractable' } })));
      expect(e).toBeInstanceOf(Pkcs11KeyPolicyError);
      expect((e as Error).message).toMatch(/CKA_EXTRACTABLE/);
      await track(Pkcs11KeyProvider.open(base({ kek: { label: 'kek-extractable' }, allowExtractableKek: true })));
    });

    it('refuses a KEK that may not perform the mechanism’s operation', async () => {
      // kek-gcm may encrypt/decrypt but not wrap: AES-KWP needs CKA_WRAP/CKA_UNWRAP.
      const e = await failure(Pkcs11KeyProvider.open(base({ mechanism: 'aes-kwp' })));
      expect(e).toBeInstanceOf(Pkcs11KeyPolicyError);
      expect((e as Error).message).toMatch(/CKA_WRAP and CKA_UNWRAP/);
    });
  });

  describe('typed errors at open', () => {
    it('wrong PIN: Pkcs11PinError that never carries the PIN', async () => {
      // Login belongs to the process, not the session: while anything here is logged in, the
      // token answers CKR_USER_ALREADY_LOGGED_IN without checking a PIN. Log everything out.
      for (const p of open.splice(0)) await p.close();
      raw.close();
      const wrong = 'not-the-pin-90210';
      const e = await failure(Pkcs11KeyProvider.open(base({ env: { [PIN_VAR]: wrong } })));
      expect(e).toBeInstanceOf(Pkcs11PinError);
      expect(e).toBeInstanceOf(KeyProviderError);
      expect((e as Pkcs11PinError).ckr).toBe('CKR_PIN_INCORRECT');
      expect((e as Pkcs11PinError).code).toBe('KEY_PROVIDER');
      const surface = errorSurface(e);
      expect(surface).not.toContain(wrong);
      expect(surface).not.toContain(PIN);
      expect((e as Error).cause).toBeUndefined();
    });

    it('reads the PIN from a file (one trailing newline ignored)', async () => {
      const { writeFileSync } = await import('node:fs');
      const file = `${store.dir}/pin`;
      writeFileSync(file, `${PIN}\n`, { mode: 0o600 });
      const provider = await track(Pkcs11KeyProvider.open(base({ pin: { file } })));
      expect(provider.kekId).toBe(`pkcs11:${TOKEN}/kek-gcm`);
    });

    it('missing token: Pkcs11TokenNotFoundError', async () => {
      expect(await failure(Pkcs11KeyProvider.open(base({ token: { label: 'no-such-token' } })))).toBeInstanceOf(Pkcs11TokenNotFoundError);
      expect(await failure(Pkcs11KeyProvider.open(base({ token: { slotIndex: 7 } })))).toBeInstanceOf(Pkcs11TokenNotFoundError);
    });

    it('missing key: Pkcs11KeyNotFoundError naming the kekId', async () => {
      const e = await failure(Pkcs11KeyProvider.open(base({ kek: { label: 'no-such-kek' } })));
      expect(e).toBeInstanceOf(Pkcs11KeyNotFoundError);
      expect((e as Error).message).toContain(`pkcs11:${TOKEN}/no-such-kek`);
      // Label and ID must both match when both are given.
      expect(await failure(Pkcs11KeyProvider.open(base({ kek: { label: 'kek-gcm', id: 'ffff' } })))).toBeInstanceOf(Pkcs11KeyNotFoundError);
    });

    it('unsupported mechanism: Pkcs11MechanismError', async () => {
      const vendorSm4: MechanismOption = { mechanism: CKM_VENDOR_DEFINED + 0x107, name: 'SM4-CBC', ivLength: 16 };
      const e = await failure(Pkcs11KeyProvider.open(base({ mechanism: vendorSm4 })));
      expect(e).toBeInstanceOf(Pkcs11MechanismError);
      expect((e as Error).message).toMatch(/SM4-CBC/);
      // SoftHSM2 offers AES-KWP only through C_WrapKey, not C_Encrypt.
      const kwpAsEncrypt = await failure(Pkcs11KeyProvider.open(base({ mechanism: { mechanism: 0x210a, operation: 'encrypt' } })));
      expect(kwpAsEncrypt).toBeInstanceOf(Pkcs11MechanismError);
    });
  });

  describe('mechanisms', () => {
    const dek = new Uint8Array(randomBytes(32));
    const cases: { name: string; mechanism: MechanismOption; kek: string; length: number }[] = [
      { name: 'aes-gcm', mechanism: 'aes-gcm', kek: 'kek-gcm', length: 12 + 32 + 16 },
      { name: 'aes-kwp', mechanism: 'aes-kwp', kek: 'kek-kwp', length: 48 + 8 },
      // Standard mechanisms given by number exercise the vendor path (how SM4 is configured).
      { name: 'CBC by number', mechanism: { mechanism: 0x1082, name: 'AES-CBC', ivLength: 16 }, kek: 'kek-gcm', length: 16 + 48 },
      { name: 'GCM by number', mechanism: { mechanism: 0x1087, name: 'AES-GCM#', ivLength: 12, gcm: true }, kek: 'kek-gcm', length: 12 + 32 + 16 },
      { name: 'GCM legacy params', mechanism: { mechanism: 0x1087, ivLength: 12, gcm: true, gcmParams: 'legacy', tagBits: 96 }, kek: 'kek-gcm', length: 12 + 32 + 12 },
    ];
    for (const c of cases) {
      it(`${c.name}: round trip, fresh output each time, bound to the key ID, tamper-evident`, async () => {
        const provider = await track(Pkcs11KeyProvider.open(base({ kek: { label: c.kek }, mechanism: c.mechanism })));
        const w1 = await provider.wrap(dek, { keyId: 'aabbccdd' });
        expect(w1.length).toBe(c.length);
        expect(await provider.unwrap(w1, { keyId: 'aabbccdd' })).toEqual(dek);
        const w2 = await provider.wrap(dek, { keyId: 'aabbccdd' });
        // KWP is deterministic; the IV-based modes must not repeat.
        if (c.name !== 'aes-kwp') expect(w2).not.toEqual(w1);
        const moved = await failure(provider.unwrap(w1, { keyId: 'aabbccde' }));
        expect(moved).toBeInstanceOf(Pkcs11ProviderError);
        expect((moved as Pkcs11ProviderError).reason).toBe('unwrap-failed');
        for (const at of [0, c.length >> 1, c.length - 1]) {
          const bad = w1.slice();
          bad[at] = (bad[at] as number) ^ 0x01;
          const e = await failure(provider.unwrap(bad, { keyId: 'aabbccdd' }));
          expect((e as Pkcs11ProviderError).reason).toBe('unwrap-failed');
          expect(errorSurface(e)).not.toContain(Buffer.from(dek).toString('hex'));
        }
      });
    }

    it('AES-GCM output is iv ‖ AES-256-GCM(KEK, DEK, aad = "fieldshield/v1/dek-wrap/" + keyId) ‖ tag (checked with node:crypto)', async () => {
      const kek = randomBytes(32);
      importKnownKek('kek-known-gcm', kek, 'encrypt');
      const provider = await track(Pkcs11KeyProvider.open(base({ kek: { label: 'kek-known-gcm' }, allowExtractableKek: true })));
      const w = Buffer.from(await provider.wrap(dek, { keyId: '0badcafe' }));
      const d = createDecipheriv('aes-256-gcm', kek, w.subarray(0, 12));
      d.setAAD(Buffer.from('fieldshield/v1/dek-wrap/0badcafe'));
      d.setAuthTag(w.subarray(w.length - 16));
      expect(new Uint8Array(Buffer.concat([d.update(w.subarray(12, w.length - 16)), d.final()]))).toEqual(dek);
    });

    it('AES-KWP output is RFC 5649 wrap of DEK ‖ HMAC-SM3(DEK, aad)[0..16] (checked with node:crypto)', async () => {
      const kek = randomBytes(32);
      importKnownKek('kek-known-kwp', kek, 'wrap');
      const provider = await track(Pkcs11KeyProvider.open(base({ kek: { label: 'kek-known-kwp' }, mechanism: 'aes-kwp', allowExtractableKek: true })));
      const w = Buffer.from(await provider.wrap(dek, { keyId: '0badcafe' }));
      // RFC 5649 §3: the alternative initial value A65959A6 is OpenSSL's default IV for wrap-pad.
      const d = createDecipheriv('id-aes256-wrap-pad', kek, Buffer.from('a65959a6', 'hex'));
      const payload = Buffer.concat([d.update(w), d.final()]);
      expect(new Uint8Array(payload.subarray(0, 32))).toEqual(dek);
      const check = createHmac('sm3', Buffer.from(dek)).update('fieldshield/v1/dek-wrap/0badcafe').digest().subarray(0, 16);
      expect(payload.subarray(32)).toEqual(check);
    });

    it('CBC by number: output is iv ‖ AES-256-CBC(KEK, DEK ‖ check) without padding (checked with node:crypto)', async () => {
      const kek = randomBytes(32);
      importKnownKek('kek-known-cbc', kek, 'encrypt');
      const provider = await track(
        Pkcs11KeyProvider.open(base({ kek: { label: 'kek-known-cbc' }, mechanism: { mechanism: 0x1082, ivLength: 16 }, allowExtractableKek: true })),
      );
      const w = Buffer.from(await provider.wrap(dek, { keyId: '0badcafe' }));
      const d = createDecipheriv('aes-256-cbc', kek, w.subarray(0, 16)).setAutoPadding(false);
      const payload = Buffer.concat([d.update(w.subarray(16)), d.final()]);
      expect(new Uint8Array(payload.subarray(0, 32))).toEqual(dek);
      expect(payload.subarray(32)).toEqual(createHmac('sm3', Buffer.from(dek)).update('fieldshield/v1/dek-wrap/0badcafe').digest().subarray(0, 16));
    });
  });

  describe('sessions, recovery and close', () => {
    it('runs concurrent wraps on a bounded pool of sessions', async () => {
      const provider = await track(Pkcs11KeyProvider.open(base({ poolSize: 3 })));
      const deks = Array.from({ length: 40 }, () => new Uint8Array(randomBytes(32)));
      const ids = deks.map((_, i) => i.toString(16).padStart(8, '0'));
      const wrapped = await Promise.all(deks.map((d, i) => provider.wrap(d, { keyId: ids[i] as string })));
      expect(provider.stats.sessions).toBeLessThanOrEqual(3);
      const back = await Promise.all(wrapped.map((w, i) => provider.unwrap(w, { keyId: ids[i] as string })));
      expect(back).toEqual(deks);
      expect(provider.stats.recoveries).toBe(0);
    });

    it('reconnects after its sessions are closed under it (token reset)', async () => {
      const provider = await track(Pkcs11KeyProvider.open(base()));
      const dek = new Uint8Array(randomBytes(32));
      const w = await provider.wrap(dek, { keyId: '00000001' });
      raw.m.C_CloseAllSessions(raw.slot);
      raw.close();
      expect(await provider.unwrap(w, { keyId: '00000001' })).toEqual(dek);
      expect(provider.stats.recoveries).toBeGreaterThanOrEqual(1);
    });

    it('logs in again after the login is dropped by another session', async () => {
      const provider = await track(Pkcs11KeyProvider.open(base()));
      const dek = new Uint8Array(randomBytes(32));
      const w = await provider.wrap(dek, { keyId: '00000002' });
      const before = provider.stats.recoveries;
      raw.m.C_Logout(raw.session());
      raw.close();
      expect(await provider.unwrap(w, { keyId: '00000002' })).toEqual(dek);
      expect(provider.stats.recoveries).toBe(before + 1);
    });

    it('initializes the library again after someone else finalized it', async () => {
      const provider = await track(Pkcs11KeyProvider.open(base()));
      const dek = new Uint8Array(randomBytes(32));
      const w = await provider.wrap(dek, { keyId: '00000003' });
      raw.close();
      raw.m.C_Finalize();
      expect(await provider.unwrap(w, { keyId: '00000003' })).toEqual(dek);
      raw = rawToken(hsm, TOKEN, PIN);
    });

    it('a KEK deleted while in use: Pkcs11KeyNotFoundError, then the same on open', async () => {
      await (await Pkcs11KeyProvider.generateKek(base({ kek: { label: 'kek-doomed' } }))).close();
      const provider = await track(Pkcs11KeyProvider.open(base({ kek: { label: 'kek-doomed' } })));
      const dek = new Uint8Array(randomBytes(32));
      const w = await provider.wrap(dek, { keyId: '00000004' });
      for (const k of raw.findKeys('kek-doomed')) raw.m.C_DestroyObject(raw.session(), k);
      const e = await failure(provider.unwrap(w, { keyId: '00000004' }));
      expect(e).toBeInstanceOf(Pkcs11KeyNotFoundError);
      expect((e as Error).message).toContain(`pkcs11:${TOKEN}/kek-doomed`);
      expect(await failure(Pkcs11KeyProvider.open(base({ kek: { label: 'kek-doomed' } })))).toBeInstanceOf(Pkcs11KeyNotFoundError);
    });

    it('close() waits, frees the sessions, is idempotent, and later calls fail typed', async () => {
      const provider = await Pkcs11KeyProvider.open(base({ poolSize: 2 }));
      const dek = new Uint8Array(randomBytes(32));
      const pending = provider.wrap(dek, { keyId: '00000005' });
      await provider.close();
      await expect(pending).resolves.toBeInstanceOf(Uint8Array);
      expect(provider.stats.sessions).toBe(0);
      await provider.close();
      const e = await failure(provider.wrap(dek, { keyId: '00000005' }));
      expect((e as Pkcs11ProviderError).reason).toBe('closed');
    });

    it('never exposes the PIN through inspection or JSON', async () => {
      const provider = await track(Pkcs11KeyProvider.open(base()));
      expect(inspect(provider, { showHidden: true, depth: 8 })).not.toContain(PIN);
      expect(JSON.stringify(provider)).not.toContain(PIN);
    });
  });
});
