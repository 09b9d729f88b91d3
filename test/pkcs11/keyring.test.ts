/**
 * End to end through Keyring and FieldCipher with the KEK in a real SoftHSM2 token: create,
 * encrypt, reload in a NEW PROCESS and decrypt; rotate; wrong PIN and deleted KEK in a fresh
 * process; kekId mismatch between the document and the provider.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FieldCipher, parseEnvelope } from '../../src/envelope/index.js';
import { KeyProviderError } from '../../src/errors.js';
import { Keyring, type KeyringDocument } from '../../src/keys/index.js';
import { Pkcs11KeyProvider, Pkcs11ProviderError, type Pkcs11ProviderOptions } from '../../src/pkcs11/index.js';
import { errorSurface } from '../helpers/keyring.js';
import type { ChildJob } from './child-decrypt.js';
import { type RawToken, type TokenStore, createTokenStore, describeWithSoftHsm, rawToken } from './softhsm.js';

const TOKEN = 'fs-keyring';
const PIN = 'keyring-pin-2718';
const PIN_VAR = 'FS_TEST_KEYRING_PIN';
const CHILD = join(import.meta.dirname, 'child-decrypt.ts');

interface ChildResult {
  kekId?: string;
  values?: unknown[];
  blindIndex?: string;
  error?: { name: string; reason?: string; message: string };
}

describeWithSoftHsm('Keyring + FieldCipher with the KEK in SoftHSM2', (hsm) => {
  let store: TokenStore;
  let provider: Pkcs11KeyProvider;
  let jobCount = 0;

  const options = (over: Partial<Pkcs11ProviderOptions> = {}): Pkcs11ProviderOptions => ({
    library: hsm.library,
    token: { label: TOKEN },
    pin: { env: PIN_VAR },
    kek: { label: 'fieldshield-kek' },
    env: { [PIN_VAR]: PIN },
    ...over,
  });

  /** Decrypts in a new Node process that shares only the token, the document and the environment. */
  function decryptInChild(doc: KeyringDocument, envelopes: ChildJob['envelopes'], over: { pin?: string; provider?: Partial<Pkcs11ProviderOptions>; blindIndex?: ChildJob['blindIndex'] } = {}): ChildResult {
    const n = ++jobCount;
    const keyringPath = join(store.dir, `keyring-${n}.json`);
    writeFileSync(keyringPath, JSON.stringify(doc));
    // The child reads the PIN from its own environment: the job file holds only the variable's name.
    const { env: _omit, ...providerOptions } = options(over.provider);
    const job: ChildJob = { provider: providerOptions, keyringPath, envelopes, blindIndex: over.blindIndex };
    const jobPath = join(store.dir, `job-${n}.json`);
    writeFileSync(jobPath, JSON.stringify(job));
    const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, jobPath], {
      cwd: join(import.meta.dirname, '..', '..'),
      env: { ...process.env, SOFTHSM2_CONF: store.conf, [PIN_VAR]: over.pin ?? PIN },
      encoding: 'utf8',
      timeout: 30_000,
    });
    if (r.status !== 0) throw new Error(`child exited ${r.status}: ${r.stderr}`);
    const line = r.stdout.trim().split('\n').pop() as string;
    return JSON.parse(line) as ChildResult;
  }

  beforeAll(async () => {
    store = createTokenStore(hsm);
    store.initToken(TOKEN, PIN);
    provider = await Pkcs11KeyProvider.generateKek(options());
  });

  afterAll(async () => {
    await provider?.close();
    store?.remove();
  });

  it('creates a keyring under the token’s KEK, encrypts, and a new process decrypts', async () => {
    const keyring = await Keyring.create({ provider });
    const cipher = new FieldCipher(keyring);
    const doc = keyring.toJSON();
    expect(doc.provider).toBe('pkcs11');
    expect(doc.keys[0]?.kek).toBe(`pkcs11:${TOKEN}/fieldshield-kek`);
    // The document holds the DEK only wrapped: iv(12) ‖ AES-GCM ciphertext(32) ‖ tag(16) = 60 bytes = 80 base64url chars.
    expect(doc.keys[0]?.wrapped).toMatch(/^[A-Za-z0-9_-]{80}$/);

    const envelopes = [
      { envelope: cipher.encrypt('11010519491231002X', { context: 'customer.id_no' }), context: 'customer.id_no' },
      { envelope: cipher.encrypt('13800138000', { context: 'customer.mobile' }), context: 'customer.mobile' },
      { envelope: cipher.encrypt(1234.5, { context: 'account.balance' }), context: 'account.balance' },
      { envelope: cipher.encryptDeterministic('6222020200112233445', { context: 'card.no' }), context: 'card.no' },
    ];
    const index = cipher.blindIndex('11010519491231002X', { column: 'customer.id_no' });
    const r = decryptInChild(keyring.toJSON(), envelopes, { blindIndex: { value: '11010519491231002X', column: 'customer.id_no' } });
    expect(r.error).toBeUndefined();
    expect(r.kekId).toBe(provider.kekId);
    expect(r.values).toEqual(['11010519491231002X', '13800138000', 1234.5, '6222020200112233445']);
    expect(r.blindIndex).toBe(index);
  });

  it('rotates: old and new envelopes decrypt in a new process, new ones use the new key', async () => {
    const keyring = await Keyring.create({ provider });
    const cipher = new FieldCipher(keyring);
    const before = cipher.encrypt('张三', { context: 'customer.name' });
    const oldId = keyring.primaryKeyId;
    const newId = await keyring.rotate();
    keyring.retire(oldId);
    const after = cipher.encrypt('李四', { context: 'customer.name' });
    expect(parseEnvelope(before).keyId).toBe(oldId);
    expect(parseEnvelope(after).keyId).toBe(newId);
    const doc = keyring.toJSON();
    expect(doc.keys.map((k) => k.kek)).toEqual([provider.kekId, provider.kekId]);
    const r = decryptInChild(doc, [
      { envelope: before, context: 'customer.name' },
      { envelope: after, context: 'customer.name' },
    ]);
    expect(r.values).toEqual(['张三', '李四']);
  });

  it('providers opened together share the library: closing one leaves the other working', async () => {
    const [a, b] = await Promise.all([Pkcs11KeyProvider.open(options()), Pkcs11KeyProvider.open(options())]);
    const keyring = await Keyring.create({ provider: a });
    await a.close();
    // b, and the provider of the other tests, still reach the token (no C_Finalize under them).
    expect((await Keyring.load(keyring.toJSON(), { provider: b })).primaryKeyId).toBe(keyring.primaryKeyId);
    await b.close();
    expect((await Keyring.load(keyring.toJSON(), { provider })).primaryKeyId).toBe(keyring.primaryKeyId);
    expect(provider.stats.recoveries).toBe(0);
  });

  it('a wrong PIN in the new process: Pkcs11PinError whose text has no PIN', async () => {
    const keyring = await Keyring.create({ provider });
    const wrong = 'wrong-pin-31337';
    const r = decryptInChild(keyring.toJSON(), [], { pin: wrong });
    expect(r.error?.name).toBe('Pkcs11PinError');
    expect(r.error?.reason).toBe('pin');
    expect(JSON.stringify(r)).not.toContain(wrong);
    expect(JSON.stringify(r)).not.toContain(PIN);
  });

  it('detects a keyring whose keys were wrapped under another KEK (kekId mismatch)', async () => {
    const other = await Pkcs11KeyProvider.generateKek(options({ kek: { label: 'other-kek' } }));
    try {
      const keyring = await Keyring.create({ provider });
      const doc = keyring.toJSON();
      const e = await Keyring.load(doc, { provider: other }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(KeyProviderError);
      expect((e as Error).message).toContain(`pkcs11:${TOKEN}/fieldshield-kek`);
      expect((e as Error).message).toContain(`pkcs11:${TOKEN}/other-kek`);
      // With the document's kek field forged to match, the token itself still refuses.
      const forged = { ...doc, keys: doc.keys.map((k) => ({ ...k, kek: other.kekId })) };
      const e2 = await Keyring.load(forged, { provider: other }).catch((x: unknown) => x);
      expect(e2).toBeInstanceOf(Pkcs11ProviderError);
      expect((e2 as Pkcs11ProviderError).reason).toBe('unwrap-failed');
    } finally {
      await other.close();
    }
  });

  it('a deleted KEK: the reloading process gets Pkcs11KeyNotFoundError', async () => {
    const doomed = await Pkcs11KeyProvider.generateKek(options({ kek: { label: 'doomed-kek' } }));
    const keyring = await Keyring.create({ provider: doomed });
    await doomed.close();
    const raw: RawToken = rawToken(hsm, TOKEN, PIN);
    try {
      for (const k of raw.findKeys('doomed-kek')) raw.m.C_DestroyObject(raw.session(), k);
    } finally {
      raw.close();
    }
    const r = decryptInChild(keyring.toJSON(), [], { provider: { kek: { label: 'doomed-kek' } } });
    expect(r.error?.name).toBe('Pkcs11KeyNotFoundError');
    expect(r.error?.message).toContain(`pkcs11:${TOKEN}/doomed-kek`);
  });

  it('works the same with AES key wrap (KWP) as the mechanism', async () => {
    const kwp = await Pkcs11KeyProvider.generateKek(options({ kek: { label: 'kwp-kek' }, mechanism: 'aes-kwp' }));
    try {
      const keyring = await Keyring.create({ provider: kwp });
      await keyring.rotate();
      const cipher = new FieldCipher(keyring);
      const env = cipher.encrypt('11010519491231002X', { context: 'customer.id_no' });
      const r = decryptInChild(keyring.toJSON(), [{ envelope: env, context: 'customer.id_no' }], {
        provider: { kek: { label: 'kwp-kek' }, mechanism: 'aes-kwp' },
      });
      expect(r.values).toEqual(['11010519491231002X']);
      expect(errorSurface(new Error(JSON.stringify(r)))).not.toContain(PIN);
    } finally {
      await kwp.close();
    }
  });
});
