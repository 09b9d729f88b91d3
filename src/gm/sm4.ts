/**
 * SM4 block cipher (GB/T 32907-2016): 128-bit block, 128-bit key, 32 rounds.
 *
 * Each round computes X[i+4] = X[i] ^ T(X[i+1] ^ X[i+2] ^ X[i+3] ^ rk[i]) where
 * T(x) = L(τ(x)), τ applies the S-box to each byte and L(B) = B ^ B<<<2 ^ B<<<10 ^ B<<<18 ^ B<<<24.
 * L is linear and commutes with byte rotation, so T splits into four 256-entry word tables,
 * one per byte position (T1..T3 are byte rotations of T0): a round is four lookups and XORs.
 * The tables are 4 KiB, built once at module load and shared by every key.
 *
 * Constant time: table lookups indexed by secret data are not constant-time on CPUs with
 * caches. The same holds for every table-driven SM4/AES in JS and in OpenSSL's generic C
 * path; it is the accepted trade-off for speed here. Tag comparisons elsewhere are constant-time.
 */
import { assertBytes, keyDestroyed, type BlockCipher128 } from './utils.js';
import { InvalidArgumentError } from '../errors.js';

// S-box from GB/T 32907-2016 §6.2 (table 1), row-major, as hex.
const SBOX_HEX =
  'd690e9fecce13db716b614c228fb2c052b679a762abe04c3aa441326498606999c4250f491ef987a33540b43edcfac62' +
  'e4b31ca9c908e89580df94fa758f3fa64707a7fcf37317ba83593c19e6854fa8686b81b27164da8bf8eb0f4b70569d35' +
  '1e240e5e6358d1a225227c3b01217887d40046579fd327524c3602e7a0c4c89eeabf8ad240c738b5a3f7f2cef96115a1' +
  'e0ae5da49b341a55ad933230f58cb1e31df6e22e8266ca60c02923ab0d534e6fd5db3745defd8e2f03ff6a726d6c5b51' +
  '8d1baf92bbddbc7f11d95c411f105ad80ac13188a5cd7bbd2d74d012b8e5b4b08969974a0c96777e65b9f109c56ec684' +
  '18f07dec3adc4d2079ee5f3ed7cb3948';

const SBOX = new Uint8Array(256);
for (let i = 0; i < 256; i++) SBOX[i] = parseInt(SBOX_HEX.slice(2 * i, 2 * i + 2), 16);

// System parameter FK (§7.3) and the fixed parameters CK: byte j of CK[i] is (4i + j) * 7 mod 256.
const FK = [0xa3b1bac6, 0x56aa3350, 0x677d9197, 0xb27022dc];
const CK = new Uint32Array(32);
for (let i = 0; i < 32; i++) {
  let w = 0;
  for (let j = 0; j < 4; j++) w = (w << 8) | (((4 * i + j) * 7) & 0xff);
  CK[i] = w >>> 0;
}

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

// Round tables: T0[a] = L(S(a) << 24); Tk is T0 rotated right by 8k bits.
const T0 = new Int32Array(256);
const T1 = new Int32Array(256);
const T2 = new Int32Array(256);
const T3 = new Int32Array(256);
for (let a = 0; a < 256; a++) {
  const b = SBOX[a] << 24;
  const t = b ^ rotl(b, 2) ^ rotl(b, 10) ^ rotl(b, 18) ^ rotl(b, 24);
  T0[a] = t;
  T1[a] = rotl(t, 24);
  T2[a] = rotl(t, 16);
  T3[a] = rotl(t, 8);
}

/** τ then the key-schedule transform L'(B) = B ^ B<<<13 ^ B<<<23 (§7.3). */
function keyT(x: number): number {
  const b =
    (SBOX[x >>> 24] << 24) | (SBOX[(x >>> 16) & 0xff] << 16) | (SBOX[(x >>> 8) & 0xff] << 8) | SBOX[x & 0xff];
  return b ^ rotl(b, 13) ^ rotl(b, 23);
}

/** The 32 round keys for encryption (decryption uses them in reverse). */
export function sm4KeySchedule(key: Uint8Array): Int32Array {
  assertBytes(key, 'SM4 key', 16);
  let k0 = readWord(key, 0) ^ FK[0];
  let k1 = readWord(key, 4) ^ FK[1];
  let k2 = readWord(key, 8) ^ FK[2];
  let k3 = readWord(key, 12) ^ FK[3];
  const rk = new Int32Array(32);
  for (let i = 0; i < 32; i++) {
    const k4 = k0 ^ keyT(k1 ^ k2 ^ k3 ^ CK[i]);
    rk[i] = k4;
    k0 = k1;
    k1 = k2;
    k2 = k3;
    k3 = k4;
  }
  return rk;
}

function readWord(b: Uint8Array, o: number): number {
  return (b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3];
}

function writeWord(b: Uint8Array, o: number, w: number): void {
  b[o] = w >>> 24;
  b[o + 1] = w >>> 16;
  b[o + 2] = w >>> 8;
  b[o + 3] = w;
}

/*
 * Round code layout (measured in V8 / Node 20; see the notes on each choice):
 * - A round is latency-bound: the next round needs this round's output word, and the path is
 *   byte extract → table load → XORs. {@link rounds} and {@link rounds2} therefore carry the
 *   next round's input t forward instead of the new state word: with a = T0 ⊕ T3 and b = T1 ⊕ T2
 *   (the four table words), X[i+4] = X[i] ⊕ a ⊕ b and
 *   t[i+1] = X[i+2] ⊕ X[i+3] ⊕ X[i+4] ⊕ rk[i+1] = (a ⊕ p) ⊕ b, where p = X[i] ⊕ X[i+2] ⊕ X[i+3] ⊕ rk[i+1]
 *   is computed off the chain while the loads run. T0 and T3 have the cheapest indexes (one
 *   operation each), so a arrives first and p is folded into it. The chain per round is then
 *   extract, load and two XORs; the state word is updated beside it. One block got ~12% faster,
 *   two interleaved ~5%, against XORing the state words first (`x3 ^ (x1 ^ x2 ^ rk)`). V8 does
 *   not reassociate XORs itself, so the grouping in the source is the grouping executed.
 *   The last round's p reads rk[(i + 4) & 31] (wrapping to rk[0]): its t is never used.
 * - Three interleaved blocks ({@link rounds3}) are throughput-bound instead, and there the
 *   carried form's extra XORs and live values cost more than they save (measured 206 against
 *   169 ns), so rounds3 XORs the state words first.
 * - Fully unrolling the 32 rounds, and a single 1 KiB table with rotations instead of four
 *   1 KiB tables, both measured within noise of this 4-round loop, so the loop stays.
 * - Independent blocks (CTR keystream, GCM's E(J0) next to its counter blocks) go through
 *   {@link rounds2} / {@link rounds3}, which interleave two or three blocks round by round so
 *   the CPU overlaps their chains' load latencies. Four at once gained little more and spills
 *   registers.
 */

/**
 * The 32 rounds on four words with round keys `rk`; writes the output words (already in the
 * reversed order R of §7.1) into `out[0..3]`.
 */
function rounds(rk: Int32Array, x0: number, x1: number, x2: number, x3: number, out: Int32Array): void {
  let t = x1 ^ x2 ^ x3 ^ rk[0];
  for (let i = 0; i < 32; i += 4) {
    let p = (x0 ^ x2) ^ (x3 ^ rk[i + 1]);
    let a = T0[t >>> 24] ^ T3[t & 0xff];
    let b = T1[(t >>> 16) & 0xff] ^ T2[(t >>> 8) & 0xff];
    t = (a ^ p) ^ b;
    x0 ^= a ^ b;
    p = (x1 ^ x3) ^ (x0 ^ rk[i + 2]);
    a = T0[t >>> 24] ^ T3[t & 0xff];
    b = T1[(t >>> 16) & 0xff] ^ T2[(t >>> 8) & 0xff];
    t = (a ^ p) ^ b;
    x1 ^= a ^ b;
    p = (x2 ^ x0) ^ (x1 ^ rk[i + 3]);
    a = T0[t >>> 24] ^ T3[t & 0xff];
    b = T1[(t >>> 16) & 0xff] ^ T2[(t >>> 8) & 0xff];
    t = (a ^ p) ^ b;
    x2 ^= a ^ b;
    p = (x3 ^ x1) ^ (x2 ^ rk[(i + 4) & 31]);
    a = T0[t >>> 24] ^ T3[t & 0xff];
    b = T1[(t >>> 16) & 0xff] ^ T2[(t >>> 8) & 0xff];
    t = (a ^ p) ^ b;
    x3 ^= a ^ b;
  }
  out[0] = x3;
  out[1] = x2;
  out[2] = x1;
  out[3] = x0;
}

/**
 * {@link rounds} on two independent blocks x and y at once, round by round, writing x's output
 * to `out[0..3]` and y's to `out[4..7]`. Same arithmetic; only the interleaving differs.
 */
function rounds2(
  rk: Int32Array,
  x0: number,
  x1: number,
  x2: number,
  x3: number,
  y0: number,
  y1: number,
  y2: number,
  y3: number,
  out: Int32Array,
): void {
  let k = rk[0];
  let t = x1 ^ x2 ^ x3 ^ k;
  let u = y1 ^ y2 ^ y3 ^ k;
  for (let i = 0; i < 32; i += 4) {
    k = rk[i + 1];
    let a = T0[t >>> 24] ^ T3[t & 0xff];
    let b = T1[(t >>> 16) & 0xff] ^ T2[(t >>> 8) & 0xff];
    let c = T0[u >>> 24] ^ T3[u & 0xff];
    let d = T1[(u >>> 16) & 0xff] ^ T2[(u >>> 8) & 0xff];
    t = (a ^ ((x0 ^ x2) ^ (x3 ^ k))) ^ b;
    x0 ^= a ^ b;
    u = (c ^ ((y0 ^ y2) ^ (y3 ^ k))) ^ d;
    y0 ^= c ^ d;
    k = rk[i + 2];
    a = T0[t >>> 24] ^ T3[t & 0xff];
    b = T1[(t >>> 16) & 0xff] ^ T2[(t >>> 8) & 0xff];
    c = T0[u >>> 24] ^ T3[u & 0xff];
    d = T1[(u >>> 16) & 0xff] ^ T2[(u >>> 8) & 0xff];
    t = (a ^ ((x1 ^ x3) ^ (x0 ^ k))) ^ b;
    x1 ^= a ^ b;
    u = (c ^ ((y1 ^ y3) ^ (y0 ^ k))) ^ d;
    y1 ^= c ^ d;
    k = rk[i + 3];
    a = T0[t >>> 24] ^ T3[t & 0xff];
    b = T1[(t >>> 16) & 0xff] ^ T2[(t >>> 8) & 0xff];
    c = T0[u >>> 24] ^ T3[u & 0xff];
    d = T1[(u >>> 16) & 0xff] ^ T2[(u >>> 8) & 0xff];
    t = (a ^ ((x2 ^ x0) ^ (x1 ^ k))) ^ b;
    x2 ^= a ^ b;
    u = (c ^ ((y2 ^ y0) ^ (y1 ^ k))) ^ d;
    y2 ^= c ^ d;
    k = rk[(i + 4) & 31];
    a = T0[t >>> 24] ^ T3[t & 0xff];
    b = T1[(t >>> 16) & 0xff] ^ T2[(t >>> 8) & 0xff];
    c = T0[u >>> 24] ^ T3[u & 0xff];
    d = T1[(u >>> 16) & 0xff] ^ T2[(u >>> 8) & 0xff];
    t = (a ^ ((x3 ^ x1) ^ (x2 ^ k))) ^ b;
    x3 ^= a ^ b;
    u = (c ^ ((y3 ^ y1) ^ (y2 ^ k))) ^ d;
    y3 ^= c ^ d;
  }
  out[0] = x3;
  out[1] = x2;
  out[2] = x1;
  out[3] = x0;
  out[4] = y3;
  out[5] = y2;
  out[6] = y1;
  out[7] = y0;
}

/** {@link rounds} on three independent blocks x, y, z (outputs at out[0..3], [4..7], [8..11]). */
function rounds3(
  rk: Int32Array,
  x0: number,
  x1: number,
  x2: number,
  x3: number,
  y0: number,
  y1: number,
  y2: number,
  y3: number,
  z0: number,
  z1: number,
  z2: number,
  z3: number,
  out: Int32Array,
): void {
  for (let i = 0; i < 32; i += 4) {
    let k = rk[i];
    let t = x3 ^ (x1 ^ x2 ^ k);
    let u = y3 ^ (y1 ^ y2 ^ k);
    let v = z3 ^ (z1 ^ z2 ^ k);
    x0 ^= (T0[t >>> 24] ^ T1[(t >>> 16) & 0xff]) ^ (T2[(t >>> 8) & 0xff] ^ T3[t & 0xff]);
    y0 ^= (T0[u >>> 24] ^ T1[(u >>> 16) & 0xff]) ^ (T2[(u >>> 8) & 0xff] ^ T3[u & 0xff]);
    z0 ^= (T0[v >>> 24] ^ T1[(v >>> 16) & 0xff]) ^ (T2[(v >>> 8) & 0xff] ^ T3[v & 0xff]);
    k = rk[i + 1];
    t = x0 ^ (x2 ^ x3 ^ k);
    u = y0 ^ (y2 ^ y3 ^ k);
    v = z0 ^ (z2 ^ z3 ^ k);
    x1 ^= (T0[t >>> 24] ^ T1[(t >>> 16) & 0xff]) ^ (T2[(t >>> 8) & 0xff] ^ T3[t & 0xff]);
    y1 ^= (T0[u >>> 24] ^ T1[(u >>> 16) & 0xff]) ^ (T2[(u >>> 8) & 0xff] ^ T3[u & 0xff]);
    z1 ^= (T0[v >>> 24] ^ T1[(v >>> 16) & 0xff]) ^ (T2[(v >>> 8) & 0xff] ^ T3[v & 0xff]);
    k = rk[i + 2];
    t = x1 ^ (x3 ^ x0 ^ k);
    u = y1 ^ (y3 ^ y0 ^ k);
    v = z1 ^ (z3 ^ z0 ^ k);
    x2 ^= (T0[t >>> 24] ^ T1[(t >>> 16) & 0xff]) ^ (T2[(t >>> 8) & 0xff] ^ T3[t & 0xff]);
    y2 ^= (T0[u >>> 24] ^ T1[(u >>> 16) & 0xff]) ^ (T2[(u >>> 8) & 0xff] ^ T3[u & 0xff]);
    z2 ^= (T0[v >>> 24] ^ T1[(v >>> 16) & 0xff]) ^ (T2[(v >>> 8) & 0xff] ^ T3[v & 0xff]);
    k = rk[i + 3];
    t = x2 ^ (x0 ^ x1 ^ k);
    u = y2 ^ (y0 ^ y1 ^ k);
    v = z2 ^ (z0 ^ z1 ^ k);
    x3 ^= (T0[t >>> 24] ^ T1[(t >>> 16) & 0xff]) ^ (T2[(t >>> 8) & 0xff] ^ T3[t & 0xff]);
    y3 ^= (T0[u >>> 24] ^ T1[(u >>> 16) & 0xff]) ^ (T2[(u >>> 8) & 0xff] ^ T3[u & 0xff]);
    z3 ^= (T0[v >>> 24] ^ T1[(v >>> 16) & 0xff]) ^ (T2[(v >>> 8) & 0xff] ^ T3[v & 0xff]);
  }
  out[0] = x3;
  out[1] = x2;
  out[2] = x1;
  out[3] = x0;
  out[4] = y3;
  out[5] = y2;
  out[6] = y1;
  out[7] = y0;
  out[8] = z3;
  out[9] = z2;
  out[10] = z1;
  out[11] = z0;
}

/**
 * SM4 with its key schedule computed once. Build one per key and reuse it; it holds the
 * encryption and decryption round keys (256 bytes) and a 16-byte scratch.
 */
export class Sm4 implements BlockCipher128 {
  private readonly rkEnc: Int32Array;
  private readonly rkDec: Int32Array;
  private readonly w = new Int32Array(4);
  private destroyed = false;

  constructor(key: Uint8Array) {
    this.rkEnc = sm4KeySchedule(key);
    this.rkDec = this.rkEnc.slice().reverse();
  }

  encryptBlock(src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number): void {
    this.checkBlock(src, srcOff, dst, dstOff);
    this.crypt(this.rkEnc, src, srcOff, dst, dstOff);
  }

  decryptBlock(src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number): void {
    this.checkBlock(src, srcOff, dst, dstOff);
    this.crypt(this.rkDec, src, srcOff, dst, dstOff);
  }

  /** Whether {@link destroy} was called (every later use throws). */
  get isDestroyed(): boolean {
    return this.destroyed;
  }

  /**
   * Encrypts the block given as four big-endian words; the result words land in `out[0..3]`.
   * For modes that keep their state in words (CTR counters, GHASH) and skip byte packing.
   */
  encryptWords(x0: number, x1: number, x2: number, x3: number, out: Int32Array): void {
    if (this.destroyed) keyDestroyed('Sm4');
    rounds(this.rkEnc, x0, x1, x2, x3, out);
  }

  /**
   * Encrypts two independent blocks given as words: x's result lands in `out[0..3]`, y's in
   * `out[4..7]`. Faster than two {@link encryptWords} calls (see the round-code notes above).
   */
  encryptWords2(
    x0: number,
    x1: number,
    x2: number,
    x3: number,
    y0: number,
    y1: number,
    y2: number,
    y3: number,
    out: Int32Array,
  ): void {
    if (this.destroyed) keyDestroyed('Sm4');
    rounds2(this.rkEnc, x0, x1, x2, x3, y0, y1, y2, y3, out);
  }

  /** Three independent blocks as words (results at `out[0..3]`, `[4..7]`, `[8..11]`). */
  encryptWords3(
    x0: number,
    x1: number,
    x2: number,
    x3: number,
    y0: number,
    y1: number,
    y2: number,
    y3: number,
    z0: number,
    z1: number,
    z2: number,
    z3: number,
    out: Int32Array,
  ): void {
    if (this.destroyed) keyDestroyed('Sm4');
    rounds3(this.rkEnc, x0, x1, x2, x3, y0, y1, y2, y3, z0, z1, z2, z3, out);
  }

  /**
   * Overwrites the round keys; every later use throws (zeroed round keys would otherwise go on
   * "encrypting", under an all-zero schedule anyone can invert).
   */
  destroy(): void {
    this.rkEnc.fill(0);
    this.rkDec.fill(0);
    this.destroyed = true;
  }

  private checkBlock(src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number): void {
    if (this.destroyed) keyDestroyed('Sm4');
    // Reads past the end give undefined (taken as 0) and writes are dropped: never silently.
    if (!(srcOff >= 0 && srcOff + 16 <= src.length && dstOff >= 0 && dstOff + 16 <= dst.length)) {
      throw new InvalidArgumentError('SM4: a block must lie within its buffer (16 bytes from the offset)');
    }
  }

  private crypt(rk: Int32Array, src: Uint8Array, so: number, dst: Uint8Array, d: number): void {
    const w = this.w;
    rounds(rk, readWord(src, so), readWord(src, so + 4), readWord(src, so + 8), readWord(src, so + 12), w);
    writeWord(dst, d, w[0]);
    writeWord(dst, d + 4, w[1]);
    writeWord(dst, d + 8, w[2]);
    writeWord(dst, d + 12, w[3]);
  }
}

// One-shot helpers reuse the key schedule while the caller reuses the same key *array*.
// Keyed by identity (WeakMap), so an entry goes away with its key array; each entry keeps a
// copy of the key and is rebuilt if the caller overwrote the array in place since.
const cache = new WeakMap<Uint8Array, { readonly key: Uint8Array; readonly sm4: Sm4 }>();

/** The cached {@link Sm4} for this key array (computed on first use). */
export function sm4Cached(key: Uint8Array): Sm4 {
  const hit = cache.get(key);
  // A cached object someone destroyed is rebuilt, not handed on.
  if (hit !== undefined && sameBytes(hit.key, key) && !hit.sm4.isDestroyed) return hit.sm4;
  const sm4 = new Sm4(key);
  cache.set(key, { key: key.slice(), sm4 });
  return sm4;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i];
  return d === 0;
}

/** Encrypts one 16-byte block. */
export function sm4EncryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  assertBytes(block, 'block', 16);
  const out = new Uint8Array(16);
  sm4Cached(key).encryptBlock(block, 0, out, 0);
  return out;
}

/** Decrypts one 16-byte block. */
export function sm4DecryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  assertBytes(block, 'block', 16);
  const out = new Uint8Array(16);
  sm4Cached(key).decryptBlock(block, 0, out, 0);
  return out;
}
