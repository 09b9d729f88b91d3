/**
 * CMAC (NIST SP 800-38B; RFC 4493 for AES) over any 128-bit block cipher.
 *
 * Subkeys: L = E(0^128), K1 = dbl(L), K2 = dbl(K1), where dbl is multiplication by x in
 * GF(2^128) with the *big-endian* convention of SP 800-38B (shift left one bit, XOR 0x87 into
 * the last byte when a bit falls off the top) — the opposite bit order from GHASH.
 * The final block is XORed with K1 when it is complete, else padded with 10* and XORed with K2.
 *
 * The chaining value is kept as four big-endian 32-bit words, so with a cipher that has the
 * word-level entry point (SM4) no block is packed into bytes and back between encryptions.
 *
 * Besides one-shot `mac`, the object offers a streaming interface (`reset` / `update` /
 * `digestInto`) so S2V (RFC 5297) can MAC "plaintext with its last 16 bytes XORed with D"
 * without copying the plaintext. There is one stream per object: finish one before starting
 * the next (everything here is synchronous, so this only matters to code that interleaves).
 */
import { checkRange, hasWordApi, readWord, writeWord, type WordBlockCipher128 } from './ctr.js';
import { assertBytes, keyDestroyed, type BlockCipher128 } from './utils.js';

export class Cmac {
  private readonly cipher: BlockCipher128;
  private readonly wordCipher: WordBlockCipher128 | null;
  private readonly k1 = new Int32Array(4);
  private readonly k2 = new Int32Array(4);
  /** Chaining value X as four words. */
  private readonly x = new Int32Array(4);
  /** Pending final-or-not block; it may only be processed once more input is known to follow. */
  private readonly pending = new Uint8Array(16);
  private pendingLength = 0;
  /** Byte scratch for ciphers without the word entry point. */
  private readonly block = new Uint8Array(16);
  private destroyed = false;

  constructor(cipher: BlockCipher128) {
    this.cipher = cipher;
    this.wordCipher = hasWordApi(cipher) ? cipher : null;
    const x = this.x;
    this.encrypt(0, 0, 0, 0); // x = L = E(0^128)
    dblWords(x, this.k1);
    dblWords(this.k1, this.k2);
    x[0] = x[1] = x[2] = x[3] = 0;
  }

  /** The 16-byte CMAC of `data`. */
  mac(data: Uint8Array): Uint8Array {
    assertBytes(data, 'data');
    const out = new Uint8Array(16);
    this.reset();
    this.absorb(data, 0, data.length);
    this.digestInto(out, 0);
    return out;
  }

  /** Writes the CMAC of `data[dataOff .. dataOff+dataLength)` into `out` at `outOff`. */
  macInto(data: Uint8Array, dataOff: number, dataLength: number, out: Uint8Array, outOff: number): void {
    assertBytes(data, 'data');
    assertBytes(out, 'out');
    checkRange(data.length, dataOff, dataLength, 'data');
    checkRange(out.length, outOff, 16, 'out');
    this.reset();
    this.absorb(data, dataOff, dataLength);
    this.digestInto(out, outOff);
  }

  /**
   * Wipes the subkeys K1, K2 (derived from the key) and the chaining state; every later use
   * throws. The block cipher is the caller's to destroy.
   */
  destroy(): void {
    this.k1.fill(0);
    this.k2.fill(0);
    this.x.fill(0);
    this.pending.fill(0);
    this.pendingLength = 0;
    this.block.fill(0);
    this.destroyed = true;
  }

  /** Starts a new streaming MAC (discarding any unfinished one). */
  reset(): void {
    if (this.destroyed) keyDestroyed('Cmac');
    const x = this.x;
    x[0] = x[1] = x[2] = x[3] = 0;
    if (this.pendingLength !== 0) this.pending.fill(0);
    this.pendingLength = 0;
  }

  /** Appends `data[off .. off+length)` (the whole array by default) to the current stream. */
  update(data: Uint8Array, off = 0, length = data.length - off): void {
    if (this.destroyed) keyDestroyed('Cmac');
    assertBytes(data, 'data');
    checkRange(data.length, off, length, 'data');
    this.absorb(data, off, length);
  }

  /** Finishes the current stream: writes its 16-byte tag at `out[outOff]` and resets. */
  digestInto(out: Uint8Array, outOff: number): void {
    if (this.destroyed) keyDestroyed('Cmac');
    this.finish();
    const x = this.x;
    writeWord(out, outOff, x[0]);
    writeWord(out, outOff + 4, x[1]);
    writeWord(out, outOff + 8, x[2]);
    writeWord(out, outOff + 12, x[3]);
    x[0] = x[1] = x[2] = x[3] = 0;
  }

  /**
   * CMAC of `data[off .. off+length)` left as four words in `out` (S2V works on words).
   * @internal for Siv; arguments are trusted.
   */
  macWords(data: Uint8Array, off: number, length: number, out: Int32Array): void {
    this.reset();
    this.absorb(data, off, length);
    this.finish();
    const x = this.x;
    out[0] = x[0];
    out[1] = x[1];
    out[2] = x[2];
    out[3] = x[3];
    x[0] = x[1] = x[2] = x[3] = 0;
  }

  /** Processes the pending block as the last one; leaves the tag in `x` and the stream empty. */
  private finish(): void {
    const p = this.pending;
    const n = this.pendingLength;
    const k = n === 16 ? this.k1 : this.k2;
    if (n < 16) p[n] = 0x80; // 10* padding; an empty message is one padded block too
    const x = this.x;
    this.encrypt(
      x[0] ^ readWord(p, 0) ^ k[0],
      x[1] ^ readWord(p, 4) ^ k[1],
      x[2] ^ readWord(p, 8) ^ k[2],
      x[3] ^ readWord(p, 12) ^ k[3],
    );
    // The pending block can be plaintext (S2V's final string): leave none of it behind.
    p.fill(0);
    this.pendingLength = 0;
  }

  private absorb(data: Uint8Array, off: number, length: number): void {
    if (length === 0) return;
    const x = this.x;
    const p = this.pending;
    let i = off;
    const end = off + length;
    if (this.pendingLength > 0) {
      let n = this.pendingLength;
      while (n < 16 && i < end) p[n++] = data[i++];
      this.pendingLength = n;
      // A full pending block stays back unless more input follows: it could be the last one.
      if (i === end) return;
      this.encrypt(x[0] ^ readWord(p, 0), x[1] ^ readWord(p, 4), x[2] ^ readWord(p, 8), x[3] ^ readWord(p, 12));
      p.fill(0);
      this.pendingLength = 0;
    }
    // Whole blocks straight from the input, keeping at least one byte back for the final block.
    while (end - i > 16) {
      this.encrypt(x[0] ^ readWord(data, i), x[1] ^ readWord(data, i + 4), x[2] ^ readWord(data, i + 8), x[3] ^ readWord(data, i + 12));
      i += 16;
    }
    let n = 0;
    while (i < end) p[n++] = data[i++];
    this.pendingLength = n;
  }

  /** x = E(block given as words). */
  private encrypt(w0: number, w1: number, w2: number, w3: number): void {
    const x = this.x;
    if (this.wordCipher !== null) {
      this.wordCipher.encryptWords(w0, w1, w2, w3, x);
      return;
    }
    const b = this.block;
    writeWord(b, 0, w0);
    writeWord(b, 4, w1);
    writeWord(b, 8, w2);
    writeWord(b, 12, w3);
    this.cipher.encryptBlock(b, 0, b, 0);
    x[0] = readWord(b, 0);
    x[1] = readWord(b, 4);
    x[2] = readWord(b, 8);
    x[3] = readWord(b, 12);
  }
}

/** out = a·x in GF(2^128), big-endian convention of SP 800-38B / RFC 5297 (a, out may alias). */
export function dblWords(a: Int32Array, out: Int32Array): void {
  const a0 = a[0];
  const a1 = a[1];
  const a2 = a[2];
  const a3 = a[3];
  // 0x87 = x^7 + x^2 + x + 1, the low terms of the field polynomial; masked without a branch.
  out[0] = (a0 << 1) | (a1 >>> 31);
  out[1] = (a1 << 1) | (a2 >>> 31);
  out[2] = (a2 << 1) | (a3 >>> 31);
  out[3] = (a3 << 1) ^ (-(a0 >>> 31) & 0x87);
}
