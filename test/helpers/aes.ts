/**
 * AES as a BlockCipher128, for checking the generic modes against the NIST / RFC AES vectors
 * before SM4 is plugged in. Two independent implementations:
 * - NodeAes: OpenSSL through node:crypto `aes-{128,192,256}-ecb` with padding off. One
 *   long-lived Cipheriv and Decipheriv per instance; ECB without padding returns each 16-byte
 *   block from update() immediately, so feeding one block per call is exact.
 * - ForgeAes: node-forge's pure-JS AES, used where a second opinion is worth having.
 */
import { createCipheriv, createDecipheriv, type Cipher, type Decipher } from 'node:crypto';
import forge from 'node-forge';
import type { BlockCipher128 } from '../../src/gm/utils.js';

function ecbName(key: Uint8Array): string {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
    throw new Error(`AES key must be 16, 24 or 32 bytes, got ${key.length}`);
  }
  return `aes-${key.length * 8}-ecb`;
}

export class NodeAes implements BlockCipher128 {
  private readonly enc: Cipher;
  private readonly dec: Decipher;

  constructor(key: Uint8Array) {
    const name = ecbName(key);
    this.enc = createCipheriv(name, key, null).setAutoPadding(false);
    this.dec = createDecipheriv(name, key, null).setAutoPadding(false);
  }

  encryptBlock(src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number): void {
    const out = this.enc.update(src.subarray(srcOff, srcOff + 16));
    if (out.length !== 16) throw new Error('ECB update did not return one block');
    dst.set(out, dstOff);
  }

  decryptBlock(src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number): void {
    const out = this.dec.update(src.subarray(srcOff, srcOff + 16));
    if (out.length !== 16) throw new Error('ECB update did not return one block');
    dst.set(out, dstOff);
  }
}

/** node-forge's block functions work on 4 big-endian 32-bit words. */
export class ForgeAes implements BlockCipher128 {
  private readonly encKey: number[];
  private readonly decKey: number[];
  private readonly input = [0, 0, 0, 0];
  private readonly output = [0, 0, 0, 0];

  constructor(key: Uint8Array) {
    ecbName(key);
    const words: number[] = [];
    for (let i = 0; i < key.length; i += 4) {
      words.push(((key[i] << 24) | (key[i + 1] << 16) | (key[i + 2] << 8) | key[i + 3]) >>> 0);
    }
    const aes = (forge as unknown as { aes: ForgeAesInternals }).aes;
    this.encKey = aes._expandKey(words, false);
    this.decKey = aes._expandKey(words, true);
  }

  encryptBlock(src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number): void {
    this.run(this.encKey, false, src, srcOff, dst, dstOff);
  }

  decryptBlock(src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number): void {
    this.run(this.decKey, true, src, srcOff, dst, dstOff);
  }

  private run(w: number[], decrypt: boolean, src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number): void {
    const aes = (forge as unknown as { aes: ForgeAesInternals }).aes;
    for (let i = 0; i < 4; i++) {
      const o = srcOff + 4 * i;
      this.input[i] = ((src[o] << 24) | (src[o + 1] << 16) | (src[o + 2] << 8) | src[o + 3]) >>> 0;
    }
    aes._updateBlock(w, this.input, this.output, decrypt);
    for (let i = 0; i < 4; i++) {
      const v = this.output[i];
      const o = dstOff + 4 * i;
      dst[o] = v >>> 24;
      dst[o + 1] = v >>> 16;
      dst[o + 2] = v >>> 8;
      dst[o + 3] = v;
    }
  }
}

interface ForgeAesInternals {
  _expandKey(key: number[], decrypt: boolean): number[];
  _updateBlock(w: number[], input: number[], output: number[], decrypt: boolean): void;
}

/**
 * NodeAes that also offers the optional word-level entry point (`encryptWords`, as SM4 does),
 * so the modes' word paths are checked against the AES vectors too.
 */
export class NodeAesWords extends NodeAes {
  private readonly block = new Uint8Array(16);

  encryptWords(x0: number, x1: number, x2: number, x3: number, out: Int32Array): void {
    const b = this.block;
    const words = [x0, x1, x2, x3];
    for (let i = 0; i < 4; i++) {
      b[4 * i] = words[i] >>> 24;
      b[4 * i + 1] = words[i] >>> 16;
      b[4 * i + 2] = words[i] >>> 8;
      b[4 * i + 3] = words[i];
    }
    this.encryptBlock(b, 0, b, 0);
    for (let i = 0; i < 4; i++) out[i] = (b[4 * i] << 24) | (b[4 * i + 1] << 16) | (b[4 * i + 2] << 8) | b[4 * i + 3];
  }
}
