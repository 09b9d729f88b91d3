/**
 * Galois/Counter Mode (NIST SP 800-38D) over any 128-bit block cipher; with SM4 this is the
 * SM4-GCM of RFC 8998 and GB/T 38636.
 *
 * GHASH representation. GCM numbers the bits of a block from the most significant bit of byte 0
 * (coefficient of x^0) to the least significant bit of byte 15 (x^127), so a block is kept as
 * four big-endian 32-bit words w0..w3, and multiplying by x is a right shift of the 128-bit string
 * with R = 0xE1 || 0^120 folded in when a bit falls off the end.
 *
 * Table choice. Multiplication by the fixed hash key H is linear over GF(2), so
 * X·H = XOR over the 16 bytes b_i of X of T_i[b_i], where T_i[b] = (b placed at byte i)·H.
 * These "8-bit Shoup" tables are 16 × 256 entries × 4 words = 64 KiB per key and cost ~55 µs to
 * build; a multiplication is then 16 lookups and 64 XORs with no shifts and no reduction step.
 * Measured in V8 (Node 20) on the target machines: ~30 M multiplications/s, against ~13 M/s for
 * 4-bit tables per nibble position (8 KiB, 32 lookups) and less for the classic 4-bit Shoup
 * method with its shift-and-reduce per nibble. Keys are cached by the layers above (keyed
 * objects are built once per data key), so the per-message cost is what matters for 1–4 block
 * field values, and the build cost and memory are paid once per key.
 *
 * Timing: table lookups are indexed by secret data (the classic software-GHASH trade-off shared
 * by OpenSSL's generic C code); a cache-timing attacker co-located on the same core could in
 * principle learn about H. Pure JS offers no carry-less multiply to avoid this.
 */
import { IntegrityError, InvalidArgumentError } from '../errors.js';
import { checkRange, multiWordCipher, readWord, writeWord, type MultiWordCipher } from './ctr.js';
import { assertBytes, fillRandom, keyDestroyed, type BlockCipher128 } from './utils.js';

/** Tag lengths SP 800-38D §5.2.1.2 allows (4 and 8 only under extra limits the caller owns). */
const TAG_LENGTHS = [4, 8, 12, 13, 14, 15, 16];

/**
 * Seals and opens after which a Gcm builds its H² tables: at ~40 ns saved per operation, the
 * ~55 µs build pays for itself after roughly this many.
 */
const H2_AFTER_OPERATIONS = 1024;

/**
 * SP 800-38D caps the plaintext at 2^39 − 256 bits (2^32 − 2 blocks, so inc32 never wraps onto
 * J0); a JS typed array cannot reach that in practice, but it is checked all the same.
 */
const MAX_PLAINTEXT_BYTES = 2 ** 36 - 32;

/**
 * Associated data already absorbed into GHASH, for a caller that authenticates the same AAD
 * many times (an envelope's header ‖ context): each seal or open then skips the ⌈len/16⌉
 * GHASH multiplications of the AAD. Made by {@link Gcm.prepareAad} and only valid with the Gcm
 * that made it. `state` is a polynomial in the hash key H over known data, so it is as secret
 * as H: keep it as private as the Gcm itself.
 * @internal
 */
export interface GcmPreparedAad {
  readonly owner: Gcm;
  readonly length: number;
  readonly state: Int32Array;
}

/*
 * How one operation runs (all in 32-bit words, no per-call allocation besides the output):
 * the block cipher's multi-block entry points compute E(J0) — the tag mask — together with the
 * first two keystream blocks, then the keystream three blocks at a time (SM4 interleaves the
 * rounds of independent blocks: three cost about two). Each block is XORed and fed to GHASH in
 * the same pass, straight from the words just computed, instead of a CTR pass and then a GHASH
 * pass that re-reads the ciphertext bytes. For an 18-byte ID number that is one three-block
 * SM4 call and 3 GHASH multiplications, plus the AAD's unless it was prepared.
 *
 * One more multiplication goes once the key is in steady use: GHASH ends with
 * S = ((X ⊕ C_last)·H ⊕ L)·H = (X ⊕ C_last)·H² ⊕ L·H, where L is the lengths block. L·H depends
 * only on the AAD and ciphertext lengths, so the last pair of lengths' L·H is cached, and the
 * last ciphertext block is multiplied by H² through a second table. An ID number then costs 2
 * multiplications instead of 3. The H² table costs another 64 KiB and ~55 µs, worth it only for
 * a key that is used a lot, so it is built on the first prepareAad() (FieldCipher's keys) or
 * after H2_AFTER_OPERATIONS seals and opens; short-lived Gcm objects never pay for it.
 */
export class Gcm {
  readonly tagLength: number;
  /** The cipher's word-level entry points (itself for SM4, an adapter otherwise). */
  private readonly words: MultiWordCipher;
  /** 16 tables × 256 entries × 4 words; see the module comment. */
  private readonly table = new Int32Array(16 * 256 * 4);
  /** The same for H², built once the key is in steady use; see above. */
  private table2: Int32Array | null = null;
  /** Seals and opens so far, until table2 is built. */
  private operations = 0;
  /** L·H for the lengths block of (lengthsAad, lengthsCt) bytes; see above. */
  private readonly lengthsHash = new Int32Array(4);
  private lengthsAad = -1;
  private lengthsCt = -1;
  /** GHASH accumulator within one operation; zeroed after it. */
  private readonly acc = new Int32Array(4);
  /** Up to three cipher output blocks (words 0..3, 4..7, 8..11); zeroed after every operation. */
  private readonly ks = new Int32Array(12);
  /** E(J0): the mask XORed onto the GHASH output to form the tag; zeroed after use. */
  private readonly tagMask = new Int32Array(4);
  /** Shape of a prepared AAD with no data (the `aad` argument omitted or empty). */
  private readonly noAad: GcmPreparedAad;
  private destroyed = false;

  constructor(cipher: BlockCipher128, tagLength = 16) {
    if (!TAG_LENGTHS.includes(tagLength)) {
      throw new InvalidArgumentError(`GCM tag length must be one of ${TAG_LENGTHS.join(', ')} bytes, got ${tagLength}`);
    }
    this.words = multiWordCipher(cipher);
    this.tagLength = tagLength;
    const h = new Int32Array(4);
    this.words.encryptWords(0, 0, 0, 0, h);
    buildTables(this.table, h[0], h[1], h[2], h[3]);
    h.fill(0);
    this.noAad = { owner: this, length: 0, state: new Int32Array(4) };
  }

  /** Encrypts and authenticates; returns ciphertext ‖ tag (plaintext.length + tagLength bytes). */
  seal(iv: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): Uint8Array {
    assertBytes(iv, 'iv');
    assertBytes(plaintext, 'plaintext');
    if (aad !== undefined) assertBytes(aad, 'aad');
    checkIvLength(iv.length);
    checkPlaintextLength(plaintext.length);
    const out = new Uint8Array(plaintext.length + this.tagLength);
    this.sealCore(iv, 0, iv.length, plaintext, 0, plaintext.length, aad, this.noAad, out, 0);
    return out;
  }

  /**
   * Encrypts under a fresh random 12-byte IV from the library's CSPRNG pool
   * (`crypto.getRandomValues`) and returns IV ‖ ciphertext ‖ tag (12 + plaintext.length +
   * tagLength bytes): the layout a field is stored in, built in one array with no IV array of
   * its own. Open it with {@link openIvPrefixed}. Random 96-bit IVs are safe for 2^32 messages
   * per key (SP 800-38D §8.3); counting them is the caller's job (FieldCipher's keyring does).
   */
  sealWithRandomIv(plaintext: Uint8Array, aad?: Uint8Array): Uint8Array {
    assertBytes(plaintext, 'plaintext');
    if (aad !== undefined) assertBytes(aad, 'aad');
    checkPlaintextLength(plaintext.length);
    const out = new Uint8Array(12 + plaintext.length + this.tagLength);
    fillRandom(out, 0, 12);
    this.sealCore(out, 0, 12, plaintext, 0, plaintext.length, aad, this.noAad, out, 12);
    return out;
  }

  /**
   * Verifies and decrypts IV ‖ ciphertext ‖ tag as made by {@link sealWithRandomIv} (a 12-byte
   * IV first). Throws IntegrityError, releasing no plaintext, when anything does not match.
   */
  openIvPrefixed(sealed: Uint8Array, aad?: Uint8Array): Uint8Array {
    assertBytes(sealed, 'sealed');
    if (aad !== undefined) assertBytes(aad, 'aad');
    if (sealed.length < 12 + this.tagLength) throw new IntegrityError();
    return this.openCore(sealed, 0, 12, sealed, 12, sealed.length - 12, aad, this.noAad);
  }

  /**
   * Verifies and decrypts ciphertext ‖ tag. Throws IntegrityError (and releases no plaintext)
   * when the tag does not match the IV, AAD and ciphertext.
   */
  open(iv: Uint8Array, ciphertextAndTag: Uint8Array, aad?: Uint8Array): Uint8Array {
    assertBytes(iv, 'iv');
    assertBytes(ciphertextAndTag, 'ciphertextAndTag');
    if (aad !== undefined) assertBytes(aad, 'aad');
    checkIvLength(iv.length);
    return this.openCore(iv, 0, iv.length, ciphertextAndTag, 0, ciphertextAndTag.length, aad, this.noAad);
  }

  /**
   * Encrypts `plaintext` and writes ciphertext ‖ tag into `out` at `outOff`; returns the number
   * of bytes written (plaintext.length + tagLength). The IV is read from
   * `ivSrc[ivOff .. ivOff+ivLength)`, which may lie inside `out` itself (before `outOff`), so an
   * envelope can draw its random IV straight into its own buffer and then seal after it:
   * `fillRandom(buf, ivAt, 12); gcm.sealInto(buf, ivAt, 12, pt, aad, buf, ivAt + 12)`.
   * `plaintext` must not overlap the output region.
   */
  sealInto(
    ivSrc: Uint8Array,
    ivOff: number,
    ivLength: number,
    plaintext: Uint8Array,
    aad: Uint8Array | undefined,
    out: Uint8Array,
    outOff: number,
  ): number {
    assertBytes(ivSrc, 'ivSrc');
    assertBytes(plaintext, 'plaintext');
    assertBytes(out, 'out');
    if (aad !== undefined) assertBytes(aad, 'aad');
    checkIvLength(ivLength);
    checkRange(ivSrc.length, ivOff, ivLength, 'iv');
    checkPlaintextLength(plaintext.length);
    const written = plaintext.length + this.tagLength;
    checkRange(out.length, outOff, written, 'out');
    this.sealCore(ivSrc, ivOff, ivLength, plaintext, 0, plaintext.length, aad, this.noAad, out, outOff);
    return written;
  }

  /**
   * Verifies and decrypts `sealed[sealedOff .. sealedOff+sealedLength)` (ciphertext ‖ tag) with
   * the IV at `ivSrc[ivOff .. ivOff+ivLength)`; returns a new plaintext array. Lets an envelope
   * parser open IV ‖ ciphertext ‖ tag in place, without slicing.
   */
  openAt(
    ivSrc: Uint8Array,
    ivOff: number,
    ivLength: number,
    sealed: Uint8Array,
    sealedOff: number,
    sealedLength: number,
    aad?: Uint8Array,
  ): Uint8Array {
    assertBytes(ivSrc, 'ivSrc');
    assertBytes(sealed, 'sealed');
    if (aad !== undefined) assertBytes(aad, 'aad');
    checkIvLength(ivLength);
    checkRange(ivSrc.length, ivOff, ivLength, 'iv');
    checkRange(sealed.length, sealedOff, sealedLength, 'sealed');
    return this.openCore(ivSrc, ivOff, ivLength, sealed, sealedOff, sealedLength, aad, this.noAad);
  }

  /**
   * Absorbs `aad` into GHASH once; pass the result to {@link sealPrepared} / {@link openPrepared}
   * instead of the bytes. The AAD bytes are not kept (later changes to them do not matter).
   * @internal for FieldCipher, which authenticates one header ‖ context per column and key.
   */
  prepareAad(aad: Uint8Array): GcmPreparedAad {
    if (this.destroyed) keyDestroyed('Gcm');
    assertBytes(aad, 'aad');
    if (this.table2 === null) this.buildTable2();
    const acc = this.acc;
    acc[0] = acc[1] = acc[2] = acc[3] = 0;
    this.ghash(aad, 0, aad.length);
    const state = acc.slice();
    acc[0] = acc[1] = acc[2] = acc[3] = 0;
    return { owner: this, length: aad.length, state };
  }

  /**
   * Wipes the GHASH tables (H is derived from the key: with it, tags can be forged) and the
   * per-operation scratch; every later seal or open throws. The block cipher is the caller's to
   * destroy. Best effort: JavaScript gives no guarantee that no other copy exists.
   */
  destroy(): void {
    this.table.fill(0);
    this.table2?.fill(0);
    this.table2 = null;
    this.lengthsHash.fill(0);
    this.lengthsAad = -1;
    this.lengthsCt = -1;
    this.acc.fill(0);
    this.ks.fill(0);
    this.tagMask.fill(0);
    this.noAad.state.fill(0);
    this.destroyed = true;
  }

  /** Builds the H² tables (see "One more multiplication goes" above). */
  private buildTable2(): void {
    // H² is GHASH of the single block H from a zero accumulator: (0 ⊕ H)·H.
    const h = new Int32Array(4);
    this.words.encryptWords(0, 0, 0, 0, h);
    const acc = this.acc;
    acc[0] = acc[1] = acc[2] = acc[3] = 0;
    this.ghashWords(this.table, h[0], h[1], h[2], h[3]);
    const t2 = new Int32Array(16 * 256 * 4);
    buildTables(t2, acc[0], acc[1], acc[2], acc[3]);
    acc[0] = acc[1] = acc[2] = acc[3] = 0;
    h.fill(0);
    this.table2 = t2;
  }

  /** The table for the last ciphertext block: H², once built (and if there is a block). */
  private lastBlockTable(n: number): Int32Array {
    const t2 = this.table2;
    if (t2 !== null) return n > 0 ? t2 : this.table;
    if (++this.operations >= H2_AFTER_OPERATIONS) this.buildTable2();
    return this.table;
  }

  /**
   * {@link sealInto} with a 12-byte IV at `ivSrc[ivOff]`, the plaintext at
   * `src[srcOff .. srcOff+length)` and a prepared AAD. The plaintext may sit exactly where its
   * ciphertext goes (`src === out`, `srcOff === outOff`): an envelope writes the value's bytes
   * into its own buffer and encrypts them there. Only the prepared AAD's owner is checked;
   * offsets and lengths are the caller's (an envelope computes them from its own layout).
   * @internal for FieldCipher.
   */
  sealPrepared(
    ivSrc: Uint8Array,
    ivOff: number,
    src: Uint8Array,
    srcOff: number,
    length: number,
    aad: GcmPreparedAad,
    out: Uint8Array,
    outOff: number,
  ): void {
    this.checkOwner(aad);
    this.sealCore(ivSrc, ivOff, 12, src, srcOff, length, undefined, aad, out, outOff);
  }

  /**
   * {@link openAt} with a 12-byte IV at `ivSrc[ivOff]` and a prepared AAD; the caller has
   * checked the ranges (an envelope parser, against its own layout).
   * @internal for FieldCipher.
   */
  openPrepared(ivSrc: Uint8Array, ivOff: number, sealed: Uint8Array, sealedOff: number, sealedLength: number, aad: GcmPreparedAad): Uint8Array {
    this.checkOwner(aad);
    return this.openCore(ivSrc, ivOff, 12, sealed, sealedOff, sealedLength, undefined, aad);
  }

  /**
   * {@link openPrepared} that writes the plaintext into `out` at `outOff` instead of a new array
   * (on a tag mismatch that range is zeroed before IntegrityError is thrown). `out` may be
   * `sealed` itself with `outOff === sealedOff`: decryption in place.
   * @internal for FieldCipher, which decrypts a text envelope inside its decoding buffer.
   */
  openPreparedInto(
    ivSrc: Uint8Array,
    ivOff: number,
    sealed: Uint8Array,
    sealedOff: number,
    sealedLength: number,
    aad: GcmPreparedAad,
    out: Uint8Array,
    outOff: number,
  ): void {
    this.checkOwner(aad);
    this.openCore(ivSrc, ivOff, 12, sealed, sealedOff, sealedLength, undefined, aad, out, outOff);
  }

  private checkOwner(aad: GcmPreparedAad): void {
    if (aad.owner !== this) throw new InvalidArgumentError('prepared AAD belongs to another GCM key');
  }

  /** `aad` bytes when given, else the prepared state `pre` (the empty one for no AAD). */
  private startAad(aad: Uint8Array | undefined, pre: GcmPreparedAad): number {
    const acc = this.acc;
    const s = pre.state;
    acc[0] = s[0];
    acc[1] = s[1];
    acc[2] = s[2];
    acc[3] = s[3];
    if (aad === undefined) return pre.length;
    this.ghash(aad, 0, aad.length);
    return aad.length;
  }

  /**
   * The work seal and open share: J0, the AAD, the one-pass CTR + GHASH over `n` bytes from
   * `src` to `out`, the lengths block; leaves the expected tag (GHASH ⊕ E(J0)) in `acc`, which
   * the caller reads and then wipes with clear().
   */
  private cryptAndTag(
    iv: Uint8Array,
    ivOff: number,
    ivLength: number,
    src: Uint8Array,
    srcOff: number,
    out: Uint8Array,
    outOff: number,
    n: number,
    sealing: boolean,
    aad: Uint8Array | undefined,
    pre: GcmPreparedAad,
  ): void {
    if (this.destroyed) keyDestroyed('Gcm');
    // First: building the H² tables uses the GHASH accumulator.
    const last = this.lastBlockTable(n);
    this.deriveJ0(iv, ivOff, ivLength);
    const aadLength = this.startAad(aad, pre);
    this.cryptAndHash(src, srcOff, out, outOff, n, sealing, last);
    this.finishHash(aadLength, n, last !== this.table);
    const acc = this.acc;
    const mask = this.tagMask;
    acc[0] ^= mask[0];
    acc[1] ^= mask[1];
    acc[2] ^= mask[2];
    acc[3] ^= mask[3];
  }

  private sealCore(
    iv: Uint8Array,
    ivOff: number,
    ivLength: number,
    src: Uint8Array,
    srcOff: number,
    n: number,
    aad: Uint8Array | undefined,
    pre: GcmPreparedAad,
    out: Uint8Array,
    outOff: number,
  ): void {
    this.cryptAndTag(iv, ivOff, ivLength, src, srcOff, out, outOff, n, true, aad, pre);
    const acc = this.acc;
    const t0 = acc[0];
    const t1 = acc[1];
    const t2 = acc[2];
    const t3 = acc[3];
    const tagOff = outOff + n;
    if (this.tagLength === 16) {
      writeWord(out, tagOff, t0);
      writeWord(out, tagOff + 4, t1);
      writeWord(out, tagOff + 8, t2);
      writeWord(out, tagOff + 12, t3);
    } else {
      for (let i = 0; i < this.tagLength; i++) {
        const w = i < 4 ? t0 : i < 8 ? t1 : i < 12 ? t2 : t3;
        out[tagOff + i] = w >>> (24 - 8 * (i & 3));
      }
    }
    this.clear();
  }

  private openCore(
    iv: Uint8Array,
    ivOff: number,
    ivLength: number,
    sealed: Uint8Array,
    sealedOff: number,
    sealedLength: number,
    aad: Uint8Array | undefined,
    pre: GcmPreparedAad,
    into?: Uint8Array,
    intoOff = 0,
  ): Uint8Array {
    const tagLength = this.tagLength;
    if (sealedLength < tagLength) throw new IntegrityError();
    const n = sealedLength - tagLength;
    // Decrypts (into a fresh array unless `into` is given) while hashing the ciphertext, in one
    // pass. The plaintext is released only after the tag matched; otherwise it is wiped.
    const out = into ?? new Uint8Array(n);
    const outOff = into === undefined ? 0 : intoOff;
    this.cryptAndTag(iv, ivOff, ivLength, sealed, sealedOff, out, outOff, n, false, aad, pre);
    const acc = this.acc;
    const t0 = acc[0];
    const t1 = acc[1];
    const t2 = acc[2];
    const t3 = acc[3];
    this.clear();
    // Constant time: every tag byte is compared, differences are ORed, no early exit.
    const tagOff = sealedOff + n;
    let diff = 0;
    if (tagLength === 16) {
      diff =
        (t0 ^ readWord(sealed, tagOff)) |
        (t1 ^ readWord(sealed, tagOff + 4)) |
        (t2 ^ readWord(sealed, tagOff + 8)) |
        (t3 ^ readWord(sealed, tagOff + 12));
    } else {
      for (let i = 0; i < tagLength; i++) {
        const w = i < 4 ? t0 : i < 8 ? t1 : i < 12 ? t2 : t3;
        diff |= ((w >>> (24 - 8 * (i & 3))) ^ sealed[tagOff + i]) & 0xff;
      }
    }
    if (diff !== 0) {
      out.fill(0, outOff, outOff + n);
      throw new IntegrityError();
    }
    return out;
  }

  /**
   * Absorbs the lengths block: a multiplication, or when the last ciphertext block already went
   * through H² (`viaH2`), an XOR of L·H, cached for the last pair of lengths seen.
   */
  private finishHash(aadLength: number, n: number, viaH2: boolean): void {
    if (!viaH2) {
      this.ghashLengths(aadLength, n);
      return;
    }
    const acc = this.acc;
    const lh = this.lengthsHash;
    if (this.lengthsAad !== aadLength || this.lengthsCt !== n) {
      // L·H = GHASH of the lengths block alone; the accumulator is saved around it.
      const a0 = acc[0];
      const a1 = acc[1];
      const a2 = acc[2];
      const a3 = acc[3];
      acc[0] = acc[1] = acc[2] = acc[3] = 0;
      this.ghashLengths(aadLength, n);
      lh[0] = acc[0];
      lh[1] = acc[1];
      lh[2] = acc[2];
      lh[3] = acc[3];
      this.lengthsAad = aadLength;
      this.lengthsCt = n;
      acc[0] = a0;
      acc[1] = a1;
      acc[2] = a2;
      acc[3] = a3;
    }
    acc[0] ^= lh[0];
    acc[1] ^= lh[1];
    acc[2] ^= lh[2];
    acc[3] ^= lh[3];
  }

  /** Zeroes the per-operation scratch (keystream, tag mask, GHASH accumulator). */
  private clear(): void {
    // Plain stores: TypedArray#fill is a builtin call, slower than a few writes here.
    const ks = this.ks;
    ks[0] = ks[1] = ks[2] = ks[3] = ks[4] = ks[5] = ks[6] = ks[7] = ks[8] = ks[9] = ks[10] = ks[11] = 0;
    const mask = this.tagMask;
    mask[0] = mask[1] = mask[2] = mask[3] = 0;
    const acc = this.acc;
    acc[0] = acc[1] = acc[2] = acc[3] = 0;
  }

  /** J0 from the IV, left in `tagMask` as plain J0 (not yet encrypted). */
  private deriveJ0(iv: Uint8Array, ivOff: number, ivLength: number): void {
    const j = this.tagMask;
    if (ivLength === 12) {
      // J0 = IV ‖ 0^31 ‖ 1: the fast path every envelope takes.
      j[0] = readWord(iv, ivOff);
      j[1] = readWord(iv, ivOff + 4);
      j[2] = readWord(iv, ivOff + 8);
      j[3] = 1;
      return;
    }
    // J0 = GHASH(IV ‖ 0^s ‖ 0^64 ‖ [len(IV)]_64).
    const acc = this.acc;
    acc[0] = acc[1] = acc[2] = acc[3] = 0;
    this.ghash(iv, ivOff, ivLength);
    this.ghashLengths(0, ivLength);
    j[0] = acc[0];
    j[1] = acc[1];
    j[2] = acc[2];
    j[3] = acc[3];
  }

  /**
   * CTR-encrypts (or decrypts) `n` bytes from src[s] into dst[d] with counters inc32(J0),
   * inc32²(J0), ..., GHASHing each ciphertext block as it goes; replaces J0 in `tagMask` with
   * E(J0). `src` and `dst` may be the same array at the same offset. The last block is hashed
   * with `lastTable` (H, or H²; see finishHash).
   */
  private cryptAndHash(src: Uint8Array, s: number, dst: Uint8Array, d: number, n: number, sealing: boolean, lastTable: Int32Array): void {
    const words = this.words;
    const table = this.table;
    const ks = this.ks;
    const mask = this.tagMask;
    const j0 = mask[0];
    const j1 = mask[1];
    const j2 = mask[2];
    const j3 = mask[3];
    // E(J0) goes through the cipher together with the first one or two counter blocks (an ID
    // number is exactly one triple). Counters count in the low 32 bits only (inc32).
    if (n > 16) words.encryptWords3(j0, j1, j2, j3, j0, j1, j2, (j3 + 1) | 0, j0, j1, j2, (j3 + 2) | 0, ks);
    else if (n > 0) words.encryptWords2(j0, j1, j2, j3, j0, j1, j2, (j3 + 1) | 0, ks);
    else words.encryptWords(j0, j1, j2, j3, ks);
    mask[0] = ks[0];
    mask[1] = ks[1];
    mask[2] = ks[2];
    mask[3] = ks[3];
    let pos = 0;
    for (let k = 4; k < 12 && pos < n; k += 4) {
      const len = n - pos < 16 ? n - pos : 16;
      this.cryptBlock(ks, k, src, s + pos, dst, d + pos, len, sealing, pos + len === n ? lastTable : table);
      pos += len;
    }
    let c = (j3 + 3) | 0;
    while (pos < n) {
      const rest = n - pos;
      if (rest > 32) words.encryptWords3(j0, j1, j2, c, j0, j1, j2, (c + 1) | 0, j0, j1, j2, (c + 2) | 0, ks);
      else if (rest > 16) words.encryptWords2(j0, j1, j2, c, j0, j1, j2, (c + 1) | 0, ks);
      else words.encryptWords(j0, j1, j2, c, ks);
      for (let k = 0; k < 12 && pos < n; k += 4) {
        const len = n - pos < 16 ? n - pos : 16;
        this.cryptBlock(ks, k, src, s + pos, dst, d + pos, len, sealing, pos + len === n ? lastTable : table);
        pos += len;
      }
      c = (c + 3) | 0;
    }
  }

  /**
   * One block of `len` (1..16) bytes: dst = src ^ keystream words ks[k..k+3], then GHASH (with
   * table `t`) of the ciphertext block (dst when sealing, src when opening), zero-padded when
   * partial.
   */
  private cryptBlock(
    ks: Int32Array,
    k: number,
    src: Uint8Array,
    s: number,
    dst: Uint8Array,
    d: number,
    len: number,
    sealing: boolean,
    t: Int32Array,
  ): void {
    if (len === 16) {
      const p0 = readWord(src, s);
      const p1 = readWord(src, s + 4);
      const p2 = readWord(src, s + 8);
      const p3 = readWord(src, s + 12);
      const x0 = p0 ^ ks[k];
      const x1 = p1 ^ ks[k + 1];
      const x2 = p2 ^ ks[k + 2];
      const x3 = p3 ^ ks[k + 3];
      writeWord(dst, d, x0);
      writeWord(dst, d + 4, x1);
      writeWord(dst, d + 8, x2);
      writeWord(dst, d + 12, x3);
      if (sealing) this.ghashWords(t, x0, x1, x2, x3);
      else this.ghashWords(t, p0, p1, p2, p3);
      return;
    }
    // Partial final block: words zero-padded past `len`, and the keystream bytes past `len`
    // masked off so GHASH sees the ciphertext padded with zeros, as the standard requires.
    const p0 = readPartialWord(src, s, len);
    const p1 = readPartialWord(src, s + 4, len - 4);
    const p2 = readPartialWord(src, s + 8, len - 8);
    const p3 = readPartialWord(src, s + 12, len - 12);
    const x0 = (p0 ^ ks[k]) & keepMask(len);
    const x1 = (p1 ^ ks[k + 1]) & keepMask(len - 4);
    const x2 = (p2 ^ ks[k + 2]) & keepMask(len - 8);
    const x3 = (p3 ^ ks[k + 3]) & keepMask(len - 12);
    for (let i = 0; i < len; i++) {
      const w = i < 4 ? x0 : i < 8 ? x1 : i < 12 ? x2 : x3;
      dst[d + i] = w >>> (24 - 8 * (i & 3));
    }
    if (sealing) this.ghashWords(t, x0, x1, x2, x3);
    else this.ghashWords(t, p0, p1, p2, p3);
  }

  /** Absorbs [len(A)]_64 ‖ [len(C)]_64, both in bits. */
  private ghashLengths(aadBytes: number, ctBytes: number): void {
    // Bit lengths can exceed 2^32: high word = floor(bytes / 2^29), low word = bytes·8 mod 2^32.
    // (The division is skipped for the usual short lengths.)
    const aHi = aadBytes < 0x20000000 ? 0 : Math.floor(aadBytes / 0x20000000);
    const cHi = ctBytes < 0x20000000 ? 0 : Math.floor(ctBytes / 0x20000000);
    this.ghashWords(this.table, aHi, aadBytes << 3, cHi, ctBytes << 3);
  }

  /** acc = (acc ⊕ data blocks)·H for each 16-byte block, the last one zero-padded. */
  private ghash(data: Uint8Array, off: number, length: number): void {
    const end = off + length;
    const fullEnd = off + (length & ~15);
    let o = off;
    for (; o < fullEnd; o += 16) {
      this.ghashWords(this.table, readWord(data, o), readWord(data, o + 4), readWord(data, o + 8), readWord(data, o + 12));
    }
    if (o < end) {
      const r = end - o;
      this.ghashWords(
        this.table,
        readPartialWord(data, o, r),
        readPartialWord(data, o + 4, r - 4),
        readPartialWord(data, o + 8, r - 8),
        readPartialWord(data, o + 12, r - 12),
      );
    }
  }

  /** acc = (acc ⊕ x)·H (·H² with table2) with the 8-bit tables `t`, fully unrolled (16 lookups). */
  private ghashWords(t: Int32Array, x0: number, x1: number, x2: number, x3: number): void {
    const acc = this.acc;
    x0 ^= acc[0];
    x1 ^= acc[1];
    x2 ^= acc[2];
    x3 ^= acc[3];
    let o = (x0 >>> 24) << 2;
    let z0 = t[o];
    let z1 = t[o + 1];
    let z2 = t[o + 2];
    let z3 = t[o + 3];
    o = (0x100 | ((x0 >>> 16) & 0xff)) << 2;
    z0 ^= t[o]; z1 ^= t[o + 1]; z2 ^= t[o + 2]; z3 ^= t[o + 3];
    o = (0x200 | ((x0 >>> 8) & 0xff)) << 2;
    z0 ^= t[o]; z1 ^= t[o + 1]; z2 ^= t[o + 2]; z3 ^= t[o + 3];
    o = (0x300 | (x0 & 0xff)) << 2;
    z0 ^= t[o]; z1 ^= t[o + 1]; z2 ^= t[o + 2]; z3 ^= t[o + 3];
    o = (0x400 | (x1 >>> 24)) << 2;
    z0 ^= t[o]; z1 ^= t[o + 1]; z2 ^= t[o + 2]; z3 ^= t[o + 3];
    o = (0x500 | ((x1 >>> 16) & 0xff)) << 2;
    z0 ^= t[o]; z1 ^= t[o + 1]; z2 ^= t[o + 2]; z3 ^= t[o + 3];
    o = (0x600 | ((x1 >>> 8) & 0xff)) << 2;
    z0 ^= t[o]; z1 ^= t[o + 1]; z2 ^= t[o + 2]; z3 ^= t[o + 3];
    o = (0x700 | (x1 & 0xff)) << 2;
    z0 ^= t[o]; z1 ^= t[o + 1]; z2 ^= t[o + 2]; z3 ^= t[o + 3];
    o = (0x800 | (x2 >>> 24)) << 2;
    z0 ^= t[o]; z1 ^= t[o + 1]; z2 ^= t[o + 2]; z3 ^= t[o + 3];
    o = (0x900 | ((x2 >>> 16) & 0xff)) << 2;
    z0 ^= t[o]; z1 ^= t[o + 1]; z2 ^= t[o + 2]; z3 ^= t[o + 3];
    o = (0xa00 | ((x2 >>> 8) & 0xff)) << 2;
    z0 ^= t[o]; z1 ^= t[o + 1]; z2 ^= t[o + 2]; z3 ^= t[o + 3];
    o = (0xb00 | (x2 & 0xff)) << 2;
    z0 ^= t[o]; z1 ^= t[o + 1]; z2 ^= t[o + 2]; z3 ^= t[o + 3];
    o = (0xc00 | (x3 >>> 24)) << 2;
    z0 ^= t[o]; z1 ^= t[o + 1]; z2 ^= t[o + 2]; z3 ^= t[o + 3];
    o = (0xd00 | ((x3 >>> 16) & 0xff)) << 2;
    z0 ^= t[o]; z1 ^= t[o + 1]; z2 ^= t[o + 2]; z3 ^= t[o + 3];
    o = (0xe00 | ((x3 >>> 8) & 0xff)) << 2;
    z0 ^= t[o]; z1 ^= t[o + 1]; z2 ^= t[o + 2]; z3 ^= t[o + 3];
    o = (0xf00 | (x3 & 0xff)) << 2;
    z0 ^= t[o]; z1 ^= t[o + 1]; z2 ^= t[o + 2]; z3 ^= t[o + 3];
    acc[0] = z0;
    acc[1] = z1;
    acc[2] = z2;
    acc[3] = z3;
  }
}

/** Big-endian word of `b[o..o+avail)` zero-padded to 4 bytes (`avail` may be <= 0 or >= 4). */
function readPartialWord(b: Uint8Array, o: number, avail: number): number {
  if (avail >= 4) return readWord(b, o);
  if (avail <= 0) return 0;
  let w = b[o] << 24;
  if (avail > 1) w |= b[o + 1] << 16;
  if (avail > 2) w |= b[o + 2] << 8;
  return w;
}

/** Mask keeping the first `avail` bytes of a big-endian word (all of it for avail >= 4). */
function keepMask(avail: number): number {
  return avail >= 4 ? -1 : avail <= 0 ? 0 : -1 << (32 - 8 * avail);
}

function checkIvLength(ivLength: number): void {
  // SP 800-38D allows any non-empty IV (whole bytes here). 12 bytes is the recommended length
  // and the only one with a fast path; any other is compressed through GHASH.
  if (!(ivLength >= 1)) {
    throw new InvalidArgumentError(`GCM IV must be at least 1 byte (12 recommended), got ${ivLength}`);
  }
}

function checkPlaintextLength(length: number): void {
  if (length > MAX_PLAINTEXT_BYTES) {
    throw new InvalidArgumentError(`GCM plaintext must be at most ${MAX_PLAINTEXT_BYTES} bytes, got ${length}`);
  }
}

/**
 * Fills the 8-bit tables for H = (h0, h1, h2, h3). First V_k = H·x^k for k = 0..127 (repeated
 * multiplication by x), then T_i[b] is the XOR of V_{8i+j} over the bits j of b, where j = 0 is
 * the byte's most significant bit; each entry is built from two smaller ones, one XOR each.
 */
function buildTables(t: Int32Array, h0: number, h1: number, h2: number, h3: number): void {
  const v = new Int32Array(128 * 4);
  for (let k = 0; k < 128; k++) {
    v[4 * k] = h0;
    v[4 * k + 1] = h1;
    v[4 * k + 2] = h2;
    v[4 * k + 3] = h3;
    // Multiply by x: shift right one bit; the bit leaving x^127 re-enters as R = 0xE1 ‖ 0^120.
    const carry = -(h3 & 1) & 0xe1000000;
    h3 = (h3 >>> 1) | (h2 << 31);
    h2 = (h2 >>> 1) | (h1 << 31);
    h1 = (h1 >>> 1) | (h0 << 31);
    h0 = (h0 >>> 1) ^ carry;
  }
  for (let i = 0; i < 16; i++) {
    const base = i << 10;
    for (let b = 1; b < 256; b++) {
      const low = b & -b;
      const o = base + (b << 2);
      if (low === b) {
        // Single bit: 0x80 is x^(8i), 0x01 is x^(8i+7).
        const k = 8 * i + 7 - (31 - Math.clz32(b));
        t[o] = v[4 * k];
        t[o + 1] = v[4 * k + 1];
        t[o + 2] = v[4 * k + 2];
        t[o + 3] = v[4 * k + 3];
      } else {
        const p = base + (low << 2);
        const q = base + ((b ^ low) << 2);
        t[o] = t[p] ^ t[q];
        t[o + 1] = t[p + 1] ^ t[q + 1];
        t[o + 2] = t[p + 2] ^ t[q + 2];
        t[o + 3] = t[p + 3] ^ t[q + 3];
      }
    }
  }
  v.fill(0);
}
