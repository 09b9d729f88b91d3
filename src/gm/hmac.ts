/**
 * HMAC-SM3 (RFC 2104 / GB/T 15852.2 construction over SM3), built for many MACs under one
 * key: the constructor compresses the `key ^ ipad` and `key ^ opad` blocks once and keeps the
 * two chaining values, so each MAC only hashes the message and then one outer block. A
 * message of up to 55 bytes (an ID number, a phone number, a card number) therefore costs
 * exactly two SM3 compressions and allocates nothing but the 32-byte tag.
 */
import { InvalidArgumentError } from '../errors.js';
import { assertBytes, constantTimeEqual, keyDestroyed } from './utils.js';
import {
  SM3_BLOCK_LENGTH,
  SM3_DIGEST_LENGTH,
  Sm3,
  assertDigestRoom,
  sm3,
  sm3ClearScratch,
  sm3Compress,
  sm3Finish,
  sm3InitState,
  sm3Pad,
  sm3StateToBytes,
} from './sm3.js';

/** Bytes in an HMAC-SM3 tag. */
export const HMAC_SM3_LENGTH = SM3_DIGEST_LENGTH;

/** The longest message that, with 0x80 and the 8-byte length, still fits one SM3 block. */
export const ONE_BLOCK_MAX = SM3_BLOCK_LENGTH - 9;

// Outer hash input after the key block: the 32-byte inner digest, then SM3 padding for a
// 96-byte message (64-byte key block + 32-byte digest). Bytes 0..31 are written per MAC; the
// padding never changes. Like SM3's own scratch, it is overwritten, not wiped, per MAC.
// (Bytes rather than words so that the outer block goes through the same compression code as
// the inner one: a second, word-loading copy of that code measured slower, see sm3-compress.)
const OUTER_BLOCK = new Uint8Array(SM3_BLOCK_LENGTH);
OUTER_BLOCK[SM3_DIGEST_LENGTH] = 0x80;
OUTER_BLOCK[SM3_BLOCK_LENGTH - 2] = ((SM3_BLOCK_LENGTH + SM3_DIGEST_LENGTH) * 8) >>> 8;
OUTER_BLOCK[SM3_BLOCK_LENGTH - 1] = ((SM3_BLOCK_LENGTH + SM3_DIGEST_LENGTH) * 8) & 0xff;

/** Runs the outer hash of `inner` (an 8-word inner digest) from `outerKeyState` into `out`. */
function finishOuter(outerKeyState: Uint32Array, inner: Uint32Array, work: Uint32Array, out: Uint8Array, offset: number): void {
  sm3StateToBytes(inner, OUTER_BLOCK, 0);
  outerFromBlock(outerKeyState, work, out, offset);
}

/** The outer hash once OUTER_BLOCK holds the inner digest; `work` is chaining-value scratch. */
function outerFromBlock(outerKeyState: Uint32Array, work: Uint32Array, out: Uint8Array, offset: number): void {
  outerHash(outerKeyState, work);
  sm3StateToBytes(work, out, offset);
}

/** The outer compression over OUTER_BLOCK from the outer key state; leaves the tag words in `work`. */
function outerHash(outerKeyState: Uint32Array, work: Uint32Array): void {
  // Plain loop, not TypedArray#set: for 8 words the builtin call costs more than the copy.
  for (let i = 0; i < 8; i++) work[i] = outerKeyState[i];
  sm3Compress(work, OUTER_BLOCK, 0, 1);
}

/**
 * HMAC-SM3 under one key. Create it once per key and reuse it: `mac` is the hot path.
 *
 * Keys longer than 64 bytes are first hashed with SM3 (RFC 2104, section 2). Any key length is
 * accepted, as RFC 2104 allows, but keys shorter than 32 bytes weaken the MAC.
 */
export class HmacSm3 {
  private readonly innerKeyState = new Uint32Array(8);
  private readonly outerKeyState = new Uint32Array(8);
  /** Chaining-value scratch for `mac`, reused so a MAC allocates nothing but its tag. */
  private readonly work = new Uint32Array(8);
  private destroyed = false;

  constructor(key: Uint8Array) {
    assertBytes(key, 'key');
    const block = new Uint8Array(SM3_BLOCK_LENGTH);
    if (key.length > SM3_BLOCK_LENGTH) {
      const hashedKey = sm3(key);
      block.set(hashedKey);
      hashedKey.fill(0);
    } else {
      block.set(key);
    }
    for (let i = 0; i < SM3_BLOCK_LENGTH; i++) block[i] ^= 0x36;
    sm3InitState(this.innerKeyState);
    sm3Compress(this.innerKeyState, block, 0, 1);
    // 0x36 ^ 0x5c turns the ipad block into the opad block without touching the key again.
    for (let i = 0; i < SM3_BLOCK_LENGTH; i++) block[i] ^= 0x36 ^ 0x5c;
    sm3InitState(this.outerKeyState);
    sm3Compress(this.outerKeyState, block, 0, 1);
    block.fill(0);
    sm3ClearScratch();
  }

  /** HMAC-SM3 tag of `data` (32 bytes). */
  mac(data: Uint8Array): Uint8Array {
    const out = new Uint8Array(HMAC_SM3_LENGTH);
    this.macInto(data, out, 0);
    return out;
  }

  /** Writes the tag of `data` into `out[offset .. offset+32)`. */
  macInto(data: Uint8Array, out: Uint8Array, offset = 0): void {
    assertBytes(data, 'data');
    assertDigestRoom(out, offset);
    this.macRangeInto(data, 0, data.length, out, offset);
  }

  /**
   * The tag of `data[start .. start+length)` into `out[offset .. offset+32)`, so a caller that
   * encodes its message into a reused buffer needs no view of it. Ranges are the caller's.
   * @internal for FieldCipher's blind index.
   */
  macRangeInto(data: Uint8Array, start: number, length: number, out: Uint8Array, offset: number): void {
    this.assertUsable();
    const work = this.work;
    const inner = this.innerKeyState;
    for (let i = 0; i < 8; i++) work[i] = inner[i];
    sm3Finish(work, data, start, length, SM3_BLOCK_LENGTH);
    finishOuter(this.outerKeyState, work, work, out, offset);
  }

  /**
   * The tag of the `length` bytes at the start of `block`, a message short enough (at most 55
   * bytes) to end in the one SM3 block after the key block, into `out[offset .. offset+32)`.
   * The padding is written into `block[length..64)` itself, which saves sm3Finish's copy of the
   * message into its scratch block; the caller owns `block` (at least 64 bytes) and wipes it.
   * @internal for the Pseudonymizer, whose seeds and stream blocks are such messages.
   */
  macOneBlockInto(block: Uint8Array, length: number, out: Uint8Array, offset: number): void {
    assertDigestRoom(out, offset);
    sm3StateToBytes(this.oneBlockTag(block, length), out, offset);
  }

  /**
   * {@link macOneBlockInto} with the tag as eight big-endian words in `words[0..8)`, for a
   * caller that reads the tag as words anyway (the Pseudonymizer's random stream).
   * @internal
   */
  macOneBlockWords(block: Uint8Array, length: number, words: Uint32Array): void {
    if (!(words instanceof Uint32Array) || words.length < 8) throw new InvalidArgumentError('words must be a Uint32Array of at least 8 words');
    const tag = this.oneBlockTag(block, length);
    for (let i = 0; i < 8; i++) words[i] = tag[i];
  }

  /** The tag of a one-block message as words, left in the `work` scratch (see macOneBlockInto). */
  private oneBlockTag(block: Uint8Array, length: number): Uint32Array {
    this.assertUsable();
    assertBytes(block, 'block');
    if (!(Number.isInteger(length) && length >= 0 && length <= ONE_BLOCK_MAX && block.length >= SM3_BLOCK_LENGTH)) {
      throw new InvalidArgumentError(`a one-block message is at most ${ONE_BLOCK_MAX} bytes in a block of ${SM3_BLOCK_LENGTH}`);
    }
    // The message length counts the key block hashed before it.
    sm3Pad(block, length, SM3_BLOCK_LENGTH, SM3_BLOCK_LENGTH + length);
    const work = this.work;
    const inner = this.innerKeyState;
    for (let i = 0; i < 8; i++) work[i] = inner[i];
    sm3Compress(work, block, 0, 1);
    sm3StateToBytes(work, OUTER_BLOCK, 0);
    outerHash(this.outerKeyState, work);
    return work;
  }

  /**
   * Checks `tag` against the MAC of `data` in constant time (time depends only on lengths).
   * A tag of the wrong length is simply a mismatch.
   */
  verify(data: Uint8Array, tag: Uint8Array): boolean {
    assertBytes(tag, 'tag');
    return constantTimeEqual(this.mac(data), tag);
  }

  /** Starts an incremental MAC for data that arrives in pieces. */
  stream(): HmacSm3Stream {
    this.assertUsable();
    return new KeyedHmacSm3Stream(this.innerKeyState, this.outerKeyState);
  }

  /**
   * Zeroes the precomputed key states (and SM3's module scratch); every later call throws. Best effort: JavaScript gives
   * no guarantee that no other copy of the key exists.
   */
  destroy(): void {
    this.innerKeyState.fill(0);
    this.outerKeyState.fill(0);
    this.work.fill(0);
    sm3ClearScratch();
    this.destroyed = true;
  }

  private assertUsable(): void {
    if (this.destroyed) keyDestroyed('HmacSm3');
  }
}

/** An HMAC-SM3 computation in progress; obtain one from {@link HmacSm3.stream}. */
export interface HmacSm3Stream {
  update(data: Uint8Array): this;
  /** Finishes the MAC into `out[offset .. offset+32)`; the stream cannot be used again. */
  digestInto(out: Uint8Array, offset?: number): void;
  digest(): Uint8Array;
}

// Not exported: only HmacSm3 may hand out streams, seeded with its own key states.
class KeyedHmacSm3Stream implements HmacSm3Stream {
  private readonly inner = new Sm3();
  private readonly outerKeyState: Uint32Array;

  constructor(innerKeyState: Uint32Array, outerKeyState: Uint32Array) {
    this.inner.restore(innerKeyState, SM3_BLOCK_LENGTH);
    // Copied so destroying the HmacSm3 later cannot change a stream's result half-way.
    this.outerKeyState = outerKeyState.slice();
  }

  update(data: Uint8Array): this {
    this.inner.update(data);
    return this;
  }

  digestInto(out: Uint8Array, offset = 0): void {
    assertDigestRoom(out, offset);
    // The inner digest goes straight into the outer block, whose padding is already in place.
    this.inner.digestInto(OUTER_BLOCK, 0);
    const work = new Uint32Array(8);
    outerFromBlock(this.outerKeyState, work, out, offset);
    work.fill(0);
    this.outerKeyState.fill(0);
  }

  digest(): Uint8Array {
    const out = new Uint8Array(HMAC_SM3_LENGTH);
    this.digestInto(out, 0);
    return out;
  }
}

/** One-shot HMAC-SM3. For many MACs under one key, create an {@link HmacSm3} once instead. */
export function hmacSm3(key: Uint8Array, data: Uint8Array): Uint8Array {
  const h = new HmacSm3(key);
  const tag = h.mac(data);
  h.destroy();
  return tag;
}
