/**
 * Issue 2: the 国密 primitives against sm-crypto, sm-crypto-v2, gm-crypto and node:crypto
 * (OpenSSL), each used the fastest way its API allows.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes as nodeRandom } from 'node:crypto';
import gmCrypto from 'gm-crypto';
import smCryptoPkg from 'sm-crypto';
import { sm3 as v2Sm3, sm4 as v2Sm4 } from 'sm-crypto-v2';
import { Cbc } from '../../src/gm/cbc.js';
import { Ctr } from '../../src/gm/ctr.js';
import { Gcm } from '../../src/gm/gcm.js';
import { HmacSm3 } from '../../src/gm/hmac.js';
import { sm3 } from '../../src/gm/sm3.js';
import { Sm4 } from '../../src/gm/sm4.js';
import { randomBytes } from '../../src/gm/utils.js';
import type { BenchCase, BenchSuite } from '../harness.js';

// CommonJS peers: take their namespaces from the default export.
const { SM4: gmSm4 } = gmCrypto;
const { sm3: smCryptoSm3, sm4: smCrypto } = smCryptoPkg;

const key = new Uint8Array(nodeRandom(16));
const keyArr = Array.from(key);
const keyHex = Buffer.from(key).toString('hex');
const iv16 = new Uint8Array(nodeRandom(16));
const iv16Arr = Array.from(iv16);
const iv16Hex = Buffer.from(iv16).toString('hex');
const iv12 = new Uint8Array(nodeRandom(12));

export const ID_NUMBER = new TextEncoder().encode('11010519491231002X'); // 18 bytes
export const MOBILE = new TextEncoder().encode('13812345678'); // 11 bytes
const KIB = new Uint8Array(nodeRandom(1024));
const MIB = new Uint8Array(nodeRandom(1 << 20));

const sm4 = new Sm4(key);
const gcm = new Gcm(sm4);
const cbc = new Cbc(sm4);
const ctr = new Ctr(sm4);

function gcmSuite(label: string, pt: Uint8Array, targets: boolean): BenchSuite[] {
  const ptArr = Array.from(pt);
  const sealed = gcm.seal(iv12, pt);
  const v2 = v2Sm4.encrypt(pt, key, { mode: 'gcm', iv: iv12, output: 'array', outputTag: true });
  const cases: BenchCase[] = [
    {
      name: 'fieldshield SM4-GCM sealWithRandomIv (fresh random IV)',
      ours: true,
      how: 'IV drawn from the CSPRNG pool into the output: IV ‖ ciphertext ‖ tag',
      fn: () => gcm.sealWithRandomIv(pt),
    },
    { name: 'fieldshield SM4-GCM seal(randomBytes(12), pt)', how: 'the IV as its own array', fn: () => gcm.seal(randomBytes(12), pt) },
    {
      name: 'sm-crypto SM4-CBC encrypt (no auth)',
      how: 'plain arrays prepared beforehand, output: array',
      fn: () => smCrypto.encrypt(ptArr, keyArr, { mode: 'cbc', iv: iv16Arr, output: 'array' }),
      target: targets ? 2 : undefined,
    },
    {
      name: 'sm-crypto-v2 SM4-GCM encrypt',
      how: 'Uint8Array in, output: array, fixed IV',
      fn: () => v2Sm4.encrypt(pt, key, { mode: 'gcm', iv: iv12, output: 'array', outputTag: true }),
      target: targets ? 10 : undefined,
    },
    {
      name: 'node:crypto sm4-cbc encrypt (no auth)',
      how: 'createCipheriv + update + final, Buffers',
      fn: () => {
        const c = createCipheriv('sm4-cbc', key, iv16);
        return [c.update(pt), c.final()];
      },
      target: targets ? 5 : undefined,
    },
    {
      name: 'gm-crypto SM4-CBC encrypt (no auth)',
      how: 'Buffer in, hex key/IV, ArrayBuffer out',
      fn: () => gmSm4.encrypt(Buffer.from(pt.buffer, pt.byteOffset, pt.length), keyHex, { mode: gmSm4.constants.CBC, iv: iv16Hex }),
    },
    {
      name: 'node:crypto aes-128-gcm encrypt (AES-NI, for scale)',
      how: 'createCipheriv + update + final + getAuthTag',
      fn: () => {
        const c = createCipheriv('aes-128-gcm', key, iv12);
        return [c.update(pt), c.final(), c.getAuthTag()];
      },
    },
  ];
  const dec: BenchCase[] = [
    { name: 'fieldshield SM4-GCM open', ours: true, fn: () => gcm.open(iv12, sealed) },
    {
      name: 'sm-crypto-v2 SM4-GCM decrypt',
      how: 'Uint8Array in, output: array',
      fn: () => v2Sm4.decrypt(v2.output, key, { mode: 'gcm', iv: iv12, output: 'array', tag: v2.tag }),
    },
    {
      name: 'node:crypto sm4-cbc decrypt (no auth)',
      how: 'createDecipheriv + update + final',
      fn: () => {
        const d = createDecipheriv('sm4-cbc', key, iv16);
        return [d.update(cbc.encrypt(iv16, pt)), d.final()];
      },
    },
  ];
  return [
    { id: `gcm-enc-${label}`, title: `SM4-GCM encrypt, ${label} (${pt.length} B)`, bytes: pt.length, cases },
    { id: `gcm-dec-${label}`, title: `SM4-GCM decrypt, ${label} (${pt.length} B)`, bytes: pt.length, cases: dec },
  ];
}

export function gmSuites(): BenchSuite[] {
  const idArr = Array.from(ID_NUMBER);
  const hmac = new HmacSm3(new Uint8Array(nodeRandom(32)));
  const hmacKey = new Uint8Array(nodeRandom(32));
  const d32 = new Uint8Array(nodeRandom(32));
  const d32Arr = Array.from(d32);
  const ctr16 = new Uint8Array(nodeRandom(16));
  return [
    ...gcmSuite('ID number', ID_NUMBER, true),
    ...gcmSuite('mobile', MOBILE, false),
    ...gcmSuite('1 KiB', KIB, false),
    {
      id: 'gcm-enc-1mib',
      title: 'SM4-GCM encrypt, 1 MiB',
      bytes: MIB.length,
      cases: [
        { name: 'fieldshield SM4-GCM seal', ours: true, fn: () => gcm.seal(iv12, MIB) },
        { name: 'sm-crypto-v2 SM4-GCM encrypt', how: 'Uint8Array in, output: array', fn: () => v2Sm4.encrypt(MIB, key, { mode: 'gcm', iv: iv12, output: 'array', outputTag: true }) },
        {
          name: 'node:crypto aes-128-gcm (AES-NI, for scale)',
          fn: () => {
            const c = createCipheriv('aes-128-gcm', key, iv12);
            return [c.update(MIB), c.final(), c.getAuthTag()];
          },
        },
      ],
    },
    {
      id: 'cbc-id',
      title: 'SM4-CBC encrypt, ID number (18 B)',
      bytes: 18,
      cases: [
        { name: 'fieldshield SM4-CBC', ours: true, fn: () => cbc.encrypt(iv16, ID_NUMBER) },
        { name: 'sm-crypto SM4-CBC', how: 'plain arrays prepared beforehand', fn: () => smCrypto.encrypt(idArr, keyArr, { mode: 'cbc', iv: iv16Arr, output: 'array' }), target: 3 },
        {
          name: 'node:crypto sm4-cbc',
          fn: () => {
            const c = createCipheriv('sm4-cbc', key, iv16);
            return [c.update(ID_NUMBER), c.final()];
          },
        },
        { name: 'gm-crypto SM4-CBC', how: 'Buffer in, hex key/IV', fn: () => gmSm4.encrypt(Buffer.from(ID_NUMBER), keyHex, { mode: gmSm4.constants.CBC, iv: iv16Hex }) },
      ],
    },
    {
      id: 'cbc-1mib',
      title: 'SM4-CBC encrypt, 1 MiB',
      bytes: MIB.length,
      cases: [
        { name: 'fieldshield SM4-CBC', ours: true, fn: () => cbc.encrypt(iv16, MIB) },
        {
          name: 'node:crypto sm4-cbc',
          fn: () => {
            const c = createCipheriv('sm4-cbc', key, iv16);
            return [c.update(MIB), c.final()];
          },
        },
      ],
    },
    {
      id: 'ctr-1mib',
      title: 'SM4-CTR, 1 MiB',
      bytes: MIB.length,
      cases: [
        { name: 'fieldshield SM4-CTR', ours: true, fn: () => ctr.xor(ctr16, MIB) },
        {
          name: 'node:crypto sm4-ctr',
          how: 'createCipheriv + update',
          fn: () => createCipheriv('sm4-ctr', key, ctr16).update(MIB),
          target: 0.9,
        },
      ],
    },
    {
      id: 'sm3-32',
      title: 'SM3, 32 bytes',
      bytes: 32,
      cases: [
        { name: 'fieldshield sm3', ours: true, fn: () => sm3(d32) },
        { name: 'node:crypto sm3', how: 'createHash + update + digest', fn: () => createHash('sm3').update(d32).digest() },
        { name: 'sm-crypto-v2 sm3', how: 'Uint8Array in (returns hex)', fn: () => v2Sm3(d32) },
        { name: 'sm-crypto sm3', how: 'array in (returns hex)', fn: () => smCryptoSm3(d32Arr) },
      ],
    },
    {
      id: 'sm3-1mib',
      title: 'SM3, 1 MiB',
      bytes: MIB.length,
      cases: [
        { name: 'fieldshield sm3', ours: true, fn: () => sm3(MIB) },
        { name: 'node:crypto sm3', fn: () => createHash('sm3').update(MIB).digest() },
      ],
    },
    {
      id: 'hmac-32',
      title: 'HMAC-SM3, 32 bytes',
      bytes: 32,
      cases: [
        { name: 'fieldshield HmacSm3.mac (key prepared)', ours: true, fn: () => hmac.mac(d32) },
        { name: 'node:crypto createHmac("sm3")', how: 'createHmac + update + digest', fn: () => createHmac('sm3', hmacKey).update(d32).digest(), target: 2 },
        { name: 'sm-crypto-v2 sm3 hmac', how: 'Uint8Array key and data', fn: () => v2Sm3(d32, { key: hmacKey, mode: 'hmac' }) },
      ],
    },
    {
      id: 'key-schedule',
      title: 'SM4 key schedule alone',
      cases: [
        { name: 'fieldshield new Sm4(key)', ours: true, fn: () => new Sm4(key) },
        { name: 'node:crypto createCipheriv("sm4-ecb")', how: 'context set-up incl. key schedule', fn: () => createCipheriv('sm4-ecb', key, null) },
        { name: 'fieldshield new Gcm(new Sm4(key))', fn: () => new Gcm(new Sm4(key)) },
      ],
    },
  ];
}
