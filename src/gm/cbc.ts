/**
 * Cipher Block Chaining (NIST SP 800-38A §6.2) with PKCS#7 padding, over any 128-bit block
 * cipher. Kept for reading and writing the legacy formats banks already store (sm-crypto,
 * Hutool/BouncyCastle); CBC has no integrity, so new data goes through GCM or SIV.
 */
import { InvalidArgumentError } from '../errors.js';
import { multiWordCipher, readWord, writeWord, type MultiWordCipher } from './ctr.js';
import { pkcs7PadLength, pkcs7PaddedLength } from './padding.js';
import { assertBytes, type BlockCipher128 } from './utils.js';

export class Cbc {
  private readonly cipher: BlockCipher128;
  /** The cipher's word-level entry point (itself for SM4, an adapter otherwise). */
  private readonly words: MultiWordCipher;
  /** One cipher output block as words; holds only ciphertext. */
  private readonly block = new Int32Array(4);
  /** Last plaintext block on decryption, held until its padding is known; zeroed after use. */
  private readonly last = new Uint8Array(16);

  constructor(cipher: BlockCipher128) {
    this.cipher = cipher;
    this.words = multiWordCipher(cipher);
  }

  /**
   * PKCS#7-pads and encrypts; the result is 1..16 bytes longer than `plaintext`. The chain
   * runs on 32-bit words: each plaintext word (padding bytes filled in as it is read) is XORed
   * with the previous ciphertext word and goes to the cipher as a word, so no padded copy of
   * the plaintext is made and no block is packed to bytes and back between the XOR and the
   * cipher (an 18-byte value: ~20% faster than byte blocks through encryptBlock).
   */
  encrypt(iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
    assertBytes(iv, 'iv', 16);
    assertBytes(plaintext, 'plaintext');
    const n = plaintext.length;
    const total = pkcs7PaddedLength(n);
    const pad = total - n;
    const out = new Uint8Array(total);
    const words = this.words;
    const w = this.block;
    let c0 = readWord(iv, 0);
    let c1 = readWord(iv, 4);
    let c2 = readWord(iv, 8);
    let c3 = readWord(iv, 12);
    const full = n - (n % 16);
    for (let o = 0; o < total; o += 16) {
      if (o < full) {
        words.encryptWords(
          c0 ^ readWord(plaintext, o),
          c1 ^ readWord(plaintext, o + 4),
          c2 ^ readWord(plaintext, o + 8),
          c3 ^ readWord(plaintext, o + 12),
          w,
        );
      } else {
        words.encryptWords(
          c0 ^ paddedWord(plaintext, o, n, pad),
          c1 ^ paddedWord(plaintext, o + 4, n, pad),
          c2 ^ paddedWord(plaintext, o + 8, n, pad),
          c3 ^ paddedWord(plaintext, o + 12, n, pad),
          w,
        );
      }
      c0 = w[0];
      c1 = w[1];
      c2 = w[2];
      c3 = w[3];
      writeWord(out, o, c0);
      writeWord(out, o + 4, c1);
      writeWord(out, o + 8, c2);
      writeWord(out, o + 12, c3);
    }
    return out;
  }

  /** Decrypts and strips PKCS#7 padding; throws PaddingError when the padding is malformed. */
  decrypt(iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
    assertBytes(iv, 'iv', 16);
    assertBytes(ciphertext, 'ciphertext');
    const n = ciphertext.length;
    if (n === 0 || n % 16 !== 0) {
      throw new InvalidArgumentError(`CBC ciphertext must be a non-zero multiple of 16 bytes, got ${n}`);
    }
    // Decrypt the final block first so the output can be allocated at its exact length.
    const last = this.last;
    const lastOff = n - 16;
    this.cipher.decryptBlock(ciphertext, lastOff, last, 0);
    const prev = lastOff === 0 ? iv : ciphertext;
    const prevOff = lastOff === 0 ? 0 : lastOff - 16;
    for (let i = 0; i < 16; i++) last[i] ^= prev[prevOff + i];
    let pad: number;
    try {
      pad = pkcs7PadLength(last, 0);
    } catch (error) {
      // Wrong key or corrupt data, but the block may still be real plaintext: leave none behind.
      last.fill(0);
      throw error;
    }
    const out = new Uint8Array(n - pad);
    this.chainDecrypt(iv, ciphertext, out, lastOff);
    for (let i = 0; i < 16 - pad; i++) out[lastOff + i] = last[i];
    last.fill(0);
    return out;
  }

  /** Encrypts a whole number of blocks without padding (for interop and tests). */
  encryptNoPadding(iv: Uint8Array, data: Uint8Array): Uint8Array {
    assertBytes(iv, 'iv', 16);
    assertBytes(data, 'data');
    checkBlocks(data.length);
    // Not data.slice(): on a Node Buffer that returns a view, and the input would be encrypted in place.
    const out = new Uint8Array(data);
    this.chainEncrypt(iv, out);
    return out;
  }

  /** Decrypts a whole number of blocks and returns them as they are (no padding removed). */
  decryptNoPadding(iv: Uint8Array, data: Uint8Array): Uint8Array {
    assertBytes(iv, 'iv', 16);
    assertBytes(data, 'data');
    checkBlocks(data.length);
    const out = new Uint8Array(data.length);
    this.chainDecrypt(iv, data, out, data.length);
    return out;
  }

  /** In place: block_i = E(block_i ⊕ block_{i−1}), block_{−1} = IV. */
  private chainEncrypt(iv: Uint8Array, buf: Uint8Array): void {
    const cipher = this.cipher;
    if (buf.length === 0) return;
    for (let i = 0; i < 16; i++) buf[i] ^= iv[i];
    cipher.encryptBlock(buf, 0, buf, 0);
    for (let o = 16; o < buf.length; o += 16) {
      for (let i = 0; i < 16; i++) buf[o + i] ^= buf[o - 16 + i];
      cipher.encryptBlock(buf, o, buf, o);
    }
  }

  /** Decrypts ct[0 .. length) into out[0 .. length); `length` is a multiple of 16. */
  private chainDecrypt(iv: Uint8Array, ct: Uint8Array, out: Uint8Array, length: number): void {
    const cipher = this.cipher;
    if (length === 0) return;
    cipher.decryptBlock(ct, 0, out, 0);
    for (let i = 0; i < 16; i++) out[i] ^= iv[i];
    for (let o = 16; o < length; o += 16) {
      cipher.decryptBlock(ct, o, out, o);
      for (let i = 0; i < 16; i++) out[o + i] ^= ct[o - 16 + i];
    }
  }
}

/** Big-endian word of the padded message at `o`: bytes past `n` are the padding byte `pad`. */
function paddedWord(b: Uint8Array, o: number, n: number, pad: number): number {
  if (o + 4 <= n) return readWord(b, o);
  return (
    ((o < n ? b[o] : pad) << 24) |
    ((o + 1 < n ? b[o + 1] : pad) << 16) |
    ((o + 2 < n ? b[o + 2] : pad) << 8) |
    (o + 3 < n ? b[o + 3] : pad)
  );
}

function checkBlocks(length: number): void {
  if (length % 16 !== 0) {
    throw new InvalidArgumentError(`data must be a multiple of 16 bytes, got ${length}`);
  }
}
