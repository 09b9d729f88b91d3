/**
 * SIV (RFC 5297): deterministic, nonce-misuse-resistant authenticated encryption from CMAC
 * (S2V, keyed with the first half of the key) and CTR (keyed with the second half).
 *
 *   V = S2V(AD_1, ..., AD_k, P)              synthetic IV, also the tag
 *   C = CTR(V with bits 31 and 63 cleared, P) full 128-bit counter increment
 *   output V ‖ C
 *
 * Equal (AD, plaintext) pairs give equal outputs — that is the point (equality lookups on
 * encrypted columns); any change to either gives an unrelated one. A nonce, when wanted, is
 * simply passed as the last AD component (RFC 5297 §3).
 */
import { IntegrityError, InvalidArgumentError } from '../errors.js';
import { Cmac, dblWords } from './cmac.js';
import { checkRange, ctrXor, writeWord } from './ctr.js';
import { assertBytes, constantTimeEqualAt, keyDestroyed, type BlockCipher128 } from './utils.js';

/** S2V takes at most 127 strings (RFC 5297 §2.4, §7); the plaintext is the last one. */
const MAX_AD_COMPONENTS = 126;

export class Siv {
  private readonly cmac: Cmac;
  private readonly ctrCipher: BlockCipher128;
  /** CMAC(K1, <zero>): the S2V starting value, the same for every message under this key. */
  private readonly d0 = new Int32Array(4);
  /** S2V accumulator D and the CMAC of the current string, as words. */
  private readonly d = new Int32Array(4);
  private readonly m = new Int32Array(4);
  /** Final 16-byte string T (or its last block) on its way into CMAC; wiped after use. */
  private readonly tmp = new Uint8Array(16);
  private readonly v = new Uint8Array(16);
  private readonly counter = new Uint8Array(16);
  private readonly keystream = new Uint8Array(16);
  private destroyed = false;

  /** `macCipher` keyed with K1 (S2V), `ctrCipher` keyed with K2 (CTR): RFC 5297 §2.6 order. */
  constructor(macCipher: BlockCipher128, ctrCipher: BlockCipher128) {
    this.cmac = new Cmac(macCipher);
    this.ctrCipher = ctrCipher;
    this.cmac.macWords(new Uint8Array(16), 0, 16, this.d0);
  }

  /** Returns V ‖ C (16 + plaintext.length bytes). */
  seal(plaintext: Uint8Array, ...associatedData: Uint8Array[]): Uint8Array {
    assertBytes(plaintext, 'plaintext');
    checkAd(associatedData);
    const n = plaintext.length;
    const out = new Uint8Array(16 + n);
    this.s2v(associatedData, plaintext, 0, n, out, 0);
    this.ctr(out, 0, plaintext, 0, out, 16, n);
    return out;
  }

  /**
   * Writes V ‖ C into `out` at `outOff` and returns the number of bytes written
   * (16 + plaintext.length), so an envelope can seal straight into its own buffer.
   * `plaintext` must not overlap the output region.
   */
  sealInto(plaintext: Uint8Array, out: Uint8Array, outOff: number, ...associatedData: Uint8Array[]): number {
    assertBytes(plaintext, 'plaintext');
    assertBytes(out, 'out');
    checkAd(associatedData);
    const n = plaintext.length;
    checkRange(out.length, outOff, 16 + n, 'out');
    this.s2v(associatedData, plaintext, 0, n, out, outOff);
    this.ctr(out, outOff, plaintext, 0, out, outOff + 16, n);
    return 16 + n;
  }

  /**
   * Decrypts V ‖ C and checks V against the recomputed S2V; throws IntegrityError otherwise.
   * SIV has to decrypt before it can check, so on failure the plaintext is wiped, never returned.
   */
  open(sivAndCiphertext: Uint8Array, ...associatedData: Uint8Array[]): Uint8Array {
    assertBytes(sivAndCiphertext, 'sivAndCiphertext');
    checkAd(associatedData);
    return this.openCore(sivAndCiphertext, 0, sivAndCiphertext.length, associatedData);
  }

  /** Same as {@link open} for V ‖ C at `sealed[sealedOff .. sealedOff+sealedLength)`. */
  openAt(sealed: Uint8Array, sealedOff: number, sealedLength: number, ...associatedData: Uint8Array[]): Uint8Array {
    assertBytes(sealed, 'sealed');
    checkAd(associatedData);
    checkRange(sealed.length, sealedOff, sealedLength, 'sealed');
    return this.openCore(sealed, sealedOff, sealedLength, associatedData);
  }

  private openCore(sealed: Uint8Array, off: number, length: number, ad: readonly Uint8Array[]): Uint8Array {
    if (this.destroyed) keyDestroyed('Siv');
    if (length < 16) throw new IntegrityError();
    const n = length - 16;
    const out = new Uint8Array(n);
    this.ctr(sealed, off, sealed, off + 16, out, 0, n);
    const v = this.v;
    this.s2v(ad, out, 0, n, v, 0);
    const ok = constantTimeEqualAt(v, 0, sealed, off, 16);
    v.fill(0);
    if (!ok) {
      out.fill(0);
      throw new IntegrityError();
    }
    return out;
  }

  /**
   * Wipes S2V's starting value and scratch and the CMAC subkeys; every later use throws. The
   * block ciphers are the caller's to destroy.
   */
  destroy(): void {
    this.cmac.destroy();
    for (const a of [this.d0, this.d, this.m]) a.fill(0);
    for (const a of [this.tmp, this.v, this.counter, this.keystream]) a.fill(0);
    this.destroyed = true;
  }

  /** RFC 5297 §2.4 S2V over (ad..., p[pOff .. pOff+pLength)), written to out at outOff. */
  private s2v(ad: readonly Uint8Array[], p: Uint8Array, pOff: number, pLength: number, out: Uint8Array, outOff: number): void {
    // Every seal and open starts here: d0 is zero after destroy(), so this must throw first.
    if (this.destroyed) keyDestroyed('Siv');
    const cmac = this.cmac;
    const d = this.d;
    const m = this.m;
    const tmp = this.tmp;
    d.set(this.d0);
    for (let k = 0; k < ad.length; k++) {
      // D = dbl(D) xor CMAC(S_k)
      const s = ad[k];
      dblWords(d, d);
      cmac.macWords(s, 0, s.length, m);
      d[0] ^= m[0];
      d[1] ^= m[1];
      d[2] ^= m[2];
      d[3] ^= m[3];
    }
    if (pLength >= 16) {
      // T = P xorend D: stream P's head as is, then its last 16 bytes XORed with D.
      const tail = pOff + pLength - 16;
      cmac.reset();
      cmac.update(p, pOff, pLength - 16);
      for (let i = 0; i < 16; i++) tmp[i] = p[tail + i] ^ (d[i >> 2] >>> (24 - 8 * (i & 3)));
      cmac.update(tmp, 0, 16);
      cmac.digestInto(out, outOff);
    } else {
      // T = dbl(D) xor pad(P), pad(P) = P ‖ 1 ‖ 0*.
      dblWords(d, d);
      for (let w = 0; w < 4; w++) writeWord(tmp, 4 * w, d[w]);
      for (let i = 0; i < pLength; i++) tmp[i] ^= p[pOff + i];
      tmp[pLength] ^= 0x80;
      cmac.macInto(tmp, 0, 16, out, outOff);
    }
    d[0] = d[1] = d[2] = d[3] = 0;
    m[0] = m[1] = m[2] = m[3] = 0;
    tmp.fill(0);
  }

  /** CTR keyed with K2 from Q = V with bits 31 and 63 (counted from the left) cleared. */
  private ctr(vSrc: Uint8Array, vOff: number, src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number, length: number): void {
    const q = this.counter;
    for (let i = 0; i < 16; i++) q[i] = vSrc[vOff + i];
    // Cleared so 32- and 64-bit counter implementations agree with 128-bit ones (RFC 5297 §2.5).
    q[8] &= 0x7f;
    q[12] &= 0x7f;
    ctrXor(this.ctrCipher, q, this.keystream, src, srcOff, dst, dstOff, length, false);
    q.fill(0);
  }
}

function checkAd(ad: readonly Uint8Array[]): void {
  if (ad.length > MAX_AD_COMPONENTS) {
    throw new InvalidArgumentError(`SIV takes at most ${MAX_AD_COMPONENTS} associated data components, got ${ad.length}`);
  }
  for (let i = 0; i < ad.length; i++) assertBytes(ad[i], 'associatedData');
}
