/**
 * The parts of the PKCS#11 entry that need no token: the PKCS#11 numbers (checked against
 * pkcs11js's table, compiled from the OASIS headers), option checks, PIN sources, the check
 * value framing, and the typed errors for a missing binding or library.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError, KeyProviderError } from '../../src/errors.js';
import { ckrCode, ckrName, loadBinding } from '../../src/pkcs11/binding.js';
import * as constants from '../../src/pkcs11/constants.js';
import { Pkcs11BindingMissingError, Pkcs11KeyProvider, Pkcs11LibraryError, type Pkcs11ProviderOptions } from '../../src/pkcs11/index.js';
import { CHECK_BYTES, resolveMechanism, stripCheck, withCheck, wrapAad } from '../../src/pkcs11/mechanism.js';
import { readPin } from '../../src/pkcs11/pin.js';
import { errorSurface } from '../helpers/keyring.js';

const require = createRequire(import.meta.url);
let pkcs11js: Record<string, unknown> | undefined;
try {
  pkcs11js = require('pkcs11js') as Record<string, unknown>;
} catch {
  pkcs11js = undefined;
}
const needsBinding = pkcs11js === undefined && process.env.FIELDSHIELD_REQUIRE_HSM !== '1' ? it.skip : it;

const base: Pkcs11ProviderOptions = {
  library: '/nonexistent/libpkcs11.so',
  token: { label: 't' },
  pin: { env: 'FS_TEST_OPTIONS_PIN' },
  kek: { label: 'k' },
  env: { FS_TEST_OPTIONS_PIN: '1234' },
};

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('PKCS#11 constants', () => {
  needsBinding('every CK* number equals pkcs11js’s (OASIS pkcs11t.h)', () => {
    const names = Object.entries(constants).filter(([k, v]) => /^CK[AFKMORU]_/.test(k) && typeof v === 'number');
    expect(names.length).toBeGreaterThan(60);
    for (const [name, value] of names) expect({ name, value }).toEqual({ name, value: pkcs11js?.[name] });
  });
});

describe('binding errors', () => {
  it('ckrCode / ckrName read pkcs11js errors and ignore everything else', () => {
    const e = Object.assign(new Error('CKR_PIN_INCORRECT'), { code: 0xa0 });
    expect(ckrCode(e)).toBe(0xa0);
    expect(ckrName(e)).toBe('CKR_PIN_INCORRECT');
    expect(ckrCode(new TypeError('Argument 0 has wrong type'))).toBeUndefined();
    expect(ckrCode(Object.assign(new Error('ENOENT: no such file'), { code: 2 }))).toBeUndefined();
    expect(ckrName('CKR_PIN_INCORRECT')).toBeUndefined();
  });

  it('a missing binding package: Pkcs11BindingMissingError telling what to install', async () => {
    const e = await rejection(loadBinding('fieldshield-no-such-pkcs11-binding'));
    expect(e).toBeInstanceOf(Pkcs11BindingMissingError);
    expect(e).toBeInstanceOf(KeyProviderError);
    expect((e as Error).message).toMatch(/npm install fieldshield-no-such-pkcs11-binding/);
    const viaOpen = await rejection(Pkcs11KeyProvider.open({ ...base, binding: 'fieldshield-no-such-pkcs11-binding' }));
    expect(viaOpen).toBeInstanceOf(Pkcs11BindingMissingError);
  });

  needsBinding('a missing vendor library: Pkcs11LibraryError naming the path, not the PIN', async () => {
    const e = await rejection(Pkcs11KeyProvider.open(base));
    expect(e).toBeInstanceOf(Pkcs11LibraryError);
    expect((e as Error).message).toContain('/nonexistent/libpkcs11.so');
    expect(errorSurface(e)).not.toContain('1234');
  });
});

describe('options', () => {
  it('refuses a PIN given as a string, without echoing it', async () => {
    const secret = 'pin-in-code-8642';
    const e = await rejection(Pkcs11KeyProvider.open({ ...base, pin: secret as never }));
    expect(e).toBeInstanceOf(InvalidArgumentError);
    expect(errorSurface(e)).not.toContain(secret);
  });

  it('checks token, pin, kek, pool size and mechanism before loading anything', async () => {
    const bad: Partial<Pkcs11ProviderOptions>[] = [
      { library: '' },
      { token: { label: 't', slotIndex: 0 } as never },
      { token: {} as never },
      { token: { slotIndex: -1 } },
      { pin: { env: 'A', file: 'B' } as never },
      { pin: {} as never },
      { kek: {} },
      { kek: { id: 'xyz' } },
      { kek: { label: '' } },
      { poolSize: 0 },
      { poolSize: 33 },
      { poolSize: 1.5 },
      { mechanism: 'sm4' as never },
      { mechanism: { mechanism: -1 } },
      { mechanism: { mechanism: 0x80000107, gcm: true, ivLength: 8 } },
      { mechanism: { mechanism: 0x80000107, gcm: true, ivLength: 12, tagBits: 64 } },
      { mechanism: { mechanism: 0x80000107, operation: 'sign' as never } },
    ];
    for (const over of bad) {
      // A library path that does not exist: reaching the loader would give Pkcs11LibraryError instead.
      expect(await rejection(Pkcs11KeyProvider.open({ ...base, ...over, binding: 'fieldshield-no-such-pkcs11-binding' }))).toBeInstanceOf(InvalidArgumentError);
    }
  });

  it('resolves built-in and vendor mechanisms', () => {
    expect(resolveMechanism(undefined)).toMatchObject({ name: 'AES-GCM', mechanism: 0x1087, operation: 'encrypt', ivLength: 12, aead: true, tagBits: 128 });
    expect(resolveMechanism('aes-kwp')).toMatchObject({ name: 'AES-KWP', mechanism: 0x210a, operation: 'wrap', ivLength: 0, aead: false });
    expect(resolveMechanism({ mechanism: 0x80000107, ivLength: 16 })).toMatchObject({ name: 'CKM 0x80000107', operation: 'encrypt', ivLength: 16, aead: false, keyType: undefined });
    expect(resolveMechanism({ mechanism: 0x80000108, name: 'SM4-GCM', ivLength: 12, gcm: true })).toMatchObject({ name: 'SM4-GCM', aead: true, tagBits: 128, gcmParams: 'standard' });
  });
});

describe('PIN sources', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fieldshield-pin-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads an environment variable, or says which one is unset', async () => {
    expect(await readPin({ env: 'P' }, { P: ' 12 34 ' })).toBe(' 12 34 ');
    const e = await rejection(readPin({ env: 'P' }, {}));
    expect(e).toBeInstanceOf(KeyProviderError);
    expect((e as Error).message).toContain('P');
  });

  it('reads a file, dropping one trailing newline only', async () => {
    const f = join(dir, 'pin');
    writeFileSync(f, 'abc\r\n');
    expect(await readPin({ file: f })).toBe('abc');
    writeFileSync(f, 'abc\n\n');
    expect(await readPin({ file: f })).toBe('abc\n');
    writeFileSync(f, '\n');
    expect(await rejection(readPin({ file: f }))).toBeInstanceOf(KeyProviderError);
    const missing = await rejection(readPin({ file: join(dir, 'none') }));
    expect((missing as Error).message).toMatch(/ENOENT/);
  });
});

describe('check value for mechanisms without associated data', () => {
  it('is HMAC-SM3(DEK, "fieldshield/v1/dek-wrap/" + keyId)[0..16] (checked with node:crypto)', () => {
    const dek = new Uint8Array(randomBytes(32));
    const framed = withCheck(dek, wrapAad('cafe0001'));
    expect(framed.length).toBe(32 + CHECK_BYTES);
    expect(framed.subarray(0, 32)).toEqual(dek);
    const expected = createHmac('sm3', Buffer.from(dek)).update('fieldshield/v1/dek-wrap/cafe0001').digest().subarray(0, 16);
    expect(Buffer.from(framed.subarray(32))).toEqual(expected);
  });

  it('accepts exactly the framing it made: any flipped bit or other key ID is refused', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 48 }), fc.nat(), fc.integer({ min: 0, max: 7 }), (dek, pos, bit) => {
        const aad = wrapAad('0a0b0c0d');
        const framed = withCheck(dek, aad);
        expect(stripCheck(framed, aad)).toEqual(dek);
        expect(stripCheck(framed, wrapAad('0a0b0c0e'))).toBeUndefined();
        const bad = framed.slice();
        const at = pos % bad.length;
        bad[at] = (bad[at] as number) ^ (1 << bit);
        expect(stripCheck(bad, aad)).toBeUndefined();
      }),
      { numRuns: 200 },
    );
    expect(stripCheck(new Uint8Array(CHECK_BYTES), wrapAad('x'))).toBeUndefined();
  });
});
