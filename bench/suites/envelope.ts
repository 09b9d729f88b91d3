/**
 * Issue 3: FieldCipher envelopes (SM4-GCM with key ID, context binding, text out) against raw
 * unauthenticated SM4-CBC (sm-crypto, node:crypto) and @47ng/cloak's AES-256-GCM text envelopes.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes as nodeRandom } from 'node:crypto';
import { decryptStringSync, encryptStringSync, generateKey, parseKeySync } from '@47ng/cloak';
import smCryptoPkg from 'sm-crypto';
import { FieldCipher } from '../../src/envelope/index.js';
import { Keyring, LocalKeyProvider } from '../../src/keys/index.js';
import type { BenchCase, BenchSuite } from '../harness.js';

const { sm4: smCrypto } = smCryptoPkg;

export async function envelopeSuites(): Promise<BenchSuite[]> {
  const keyring = await Keyring.create({ provider: new LocalKeyProvider(LocalKeyProvider.generateMasterKey()) });
  const cipher = new FieldCipher(keyring);
  const cloakKey = parseKeySync(generateKey());
  const key = new Uint8Array(nodeRandom(16));
  const keyArr = Array.from(key);
  const iv = new Uint8Array(nodeRandom(16));
  const ivArr = Array.from(iv);
  const hmacKey = nodeRandom(32);

  function suites(label: string, value: string, targets: boolean): BenchSuite[] {
    const ctx = { context: 'customer.id_no' };
    const env = cipher.encrypt(value, ctx);
    const det = cipher.encryptDeterministic(value, ctx);
    const cloaked = encryptStringSync(value, cloakKey);
    const valueArr = Array.from(new TextEncoder().encode(value));
    const smCbc = smCrypto.encrypt(valueArr, keyArr, { mode: 'cbc', iv: ivArr, output: 'array' }) as number[];
    const c = createCipheriv('sm4-cbc', key, iv);
    const nodeCbc = Buffer.concat([c.update(value, 'utf8'), c.final()]);
    const enc: BenchCase[] = [
      { name: 'fieldshield encrypt (SM4-GCM envelope, text)', ours: true, fn: () => cipher.encrypt(value, ctx) },
      {
        name: 'sm-crypto SM4-CBC raw (no envelope, no auth)',
        how: 'plain arrays prepared beforehand, output: array',
        fn: () => smCrypto.encrypt(valueArr, keyArr, { mode: 'cbc', iv: ivArr, output: 'array' }),
        target: targets ? 1.5 : undefined,
      },
      {
        name: 'node:crypto sm4-cbc raw',
        how: 'createCipheriv + update(utf8) + final',
        fn: () => {
          const x = createCipheriv('sm4-cbc', key, iv);
          return [x.update(value, 'utf8'), x.final()];
        },
      },
      { name: '@47ng/cloak encryptStringSync (AES-256-GCM envelope)', how: 'parsed key', fn: () => encryptStringSync(value, cloakKey), target: targets ? 8 : undefined },
    ];
    const dec: BenchCase[] = [
      { name: 'fieldshield decrypt (SM4-GCM envelope, text)', ours: true, fn: () => cipher.decrypt(env, ctx) },
      {
        name: 'sm-crypto SM4-CBC raw decrypt',
        how: 'plain arrays, output: array',
        fn: () => smCrypto.decrypt(smCbc, keyArr, { mode: 'cbc', iv: ivArr, output: 'array' }),
        target: targets ? 1.5 : undefined,
      },
      {
        name: 'node:crypto sm4-cbc raw decrypt',
        fn: () => {
          const x = createDecipheriv('sm4-cbc', key, iv);
          return x.update(nodeCbc, undefined, 'utf8') + x.final('utf8');
        },
      },
      { name: '@47ng/cloak decryptStringSync', how: 'parsed key', fn: () => decryptStringSync(cloaked, cloakKey), target: targets ? 8 : undefined },
    ];
    const out: BenchSuite[] = [
      { id: `envelope-enc-${label}`, title: `Envelope encrypt, ${label} (${value.length} chars)`, cases: enc },
      { id: `envelope-dec-${label}`, title: `Envelope decrypt, ${label}`, cases: dec },
    ];
    if (targets) {
      out.push({
        id: 'envelope-det',
        title: `Deterministic encrypt (SM4-SIV) and blind index, ${label}`,
        cases: [
          { name: 'fieldshield encryptDeterministic (SM4-SIV)', ours: true, fn: () => cipher.encryptDeterministic(value, ctx) },
          { name: 'fieldshield decrypt of a deterministic envelope', fn: () => cipher.decrypt(det, ctx) },
          { name: 'fieldshield encrypt (random, for scale)', fn: () => cipher.encrypt(value, ctx) },
        ],
      });
      out.push({
        id: 'blind-index',
        title: `Blind index (HMAC-SM3, 32 bits), ${label}`,
        cases: [
          { name: 'fieldshield blindIndex', ours: true, fn: () => cipher.blindIndex(value, { column: 'customer.id_no' }) },
          { name: 'node:crypto createHmac("sm3") hex', how: 'createHmac + update + digest("hex")', fn: () => createHmac('sm3', hmacKey).update(value).digest('hex'), target: 2 },
        ],
      });
    }
    return out;
  }

  return [...suites('ID number', '11010519491231002X', true), ...suites('mobile', '13812345678', false), ...suites('1 KiB', 'x'.repeat(1024), false)];
}

/** Sizes reported in the README: characters of the text envelope per value. */
export async function envelopeSizes(): Promise<Record<string, number>> {
  const keyring = await Keyring.create({ provider: new LocalKeyProvider(LocalKeyProvider.generateMasterKey()) });
  const cipher = new FieldCipher(keyring);
  const cloakKey = parseKeySync(generateKey());
  const id = '11010519491231002X';
  return {
    idNumberChars: id.length,
    fieldshieldText: cipher.encrypt(id, { context: 'c' }).length,
    fieldshieldDeterministicText: cipher.encryptDeterministic(id, { context: 'c' }).length,
    fieldshieldBinaryBytes: cipher.encryptBytes(id, { context: 'c' }).length,
    cloakText: encryptStringSync(id, cloakKey).length,
  };
}
