/**
 * Small shared helpers for the primitives: argument checks, constant-time comparison,
 * pooled CSPRNG bytes and the block-cipher interface the generic modes are written against.
 * Nothing here allocates on the hot path beyond what the caller asked for.
 */
import { InvalidArgumentError } from '../errors.js';

/**
 * A 128-bit block cipher as seen by the generic modes (GCM, CTR, CBC, ECB, CMAC, SIV).
 * `src` and `dst` may be the same array, even at the same offset.
 */
export interface BlockCipher128 {
  encryptBlock(src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number): void;
  decryptBlock(src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number): void;
}

/** Throws unless `value` is a Uint8Array (of exactly `length` bytes when given). */
export function assertBytes(value: unknown, name: string, ...lengths: number[]): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new InvalidArgumentError(`${name} must be a Uint8Array`);
  }
  if (lengths.length > 0 && !lengths.includes(value.length)) {
    throw new InvalidArgumentError(`${name} must be ${lengths.join(' or ')} bytes, got ${value.length}`);
  }
}

/**
 * Compares two byte arrays in time that depends only on their lengths, never on where they
 * first differ, so tag checks leak nothing about the expected tag.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  // A string or a plain array has a length and indexes too, and XORs as NaN → 0: equal to
  // anything of its length. Only bytes are compared.
  assertBytes(a, 'a');
  assertBytes(b, 'b');
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/**
 * Same as {@link constantTimeEqual} over a sub-range, so a tag inside a larger buffer can be
 * checked without copying it out.
 */
export function constantTimeEqualAt(a: Uint8Array, aOff: number, b: Uint8Array, bOff: number, length: number): boolean {
  let diff = 0;
  for (let i = 0; i < length; i++) diff |= a[aOff + i] ^ b[bOff + i];
  return diff === 0;
}

/** What every keyed object throws when used after destroy(): never a result under wiped keys. */
export function keyDestroyed(what: string): never {
  throw new InvalidArgumentError(`${what} key has been destroyed`);
}

/** Overwrites a buffer with zeros (best effort: JS gives no guarantee copies do not exist). */
export function wipe(bytes: Uint8Array): void {
  bytes.fill(0);
}

// --- Randomness -----------------------------------------------------------------------------
// One crypto.getRandomValues call per POOL_SIZE bytes: for 12-byte IVs the per-call overhead of
// getRandomValues dominated encryption of short fields. Measured in Node 20: 2.6 µs per 4 KiB
// call, 3.8 µs per 16 KiB call, i.e. ~8 ns against ~3 ns per IV; hence 16 KiB. Bytes are zeroed
// as they are handed out so the pool never holds an IV or key that has already been used.
//
// Short requests are copied and zeroed with plain loops: `pool.subarray(...)` + `set` + `fill`
// allocate a view and make three builtin calls, which cost more than the 12-byte IV itself
// (~80 ns against ~15 ns measured in V8).

const POOL_SIZE = 16384;
const pool = new Uint8Array(POOL_SIZE);
let poolPos = POOL_SIZE;

function getCrypto(): Crypto {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (!c || typeof c.getRandomValues !== 'function') {
    throw new InvalidArgumentError('crypto.getRandomValues is not available in this runtime');
  }
  return c;
}

/** Writes `length` cryptographically random bytes into `dst` at `offset`. */
export function fillRandom(dst: Uint8Array, offset = 0, length = dst.length - offset): void {
  // Outside the buffer, typed-array writes are silently dropped: a short fill would pass for a full one.
  if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset + length > dst.length) {
    throw new InvalidArgumentError('fillRandom: offset and length must lie within the buffer');
  }
  if (length > POOL_SIZE / 4) {
    // Large requests (keys are small; this is for bulk use) go straight to the source.
    const c = getCrypto();
    for (let o = 0; o < length; o += 65536) {
      c.getRandomValues(dst.subarray(offset + o, offset + Math.min(length, o + 65536)));
    }
    return;
  }
  if (poolPos + length > POOL_SIZE) {
    getCrypto().getRandomValues(pool);
    poolPos = 0;
  }
  const p = pool;
  let i = poolPos;
  const end = i + length;
  let o = offset;
  for (; i < end; i++, o++) {
    dst[o] = p[i];
    p[i] = 0;
  }
  poolPos = end;
}

/** A new array of `length` cryptographically random bytes. */
export function randomBytes(length: number): Uint8Array {
  if (!Number.isSafeInteger(length) || length < 0) throw new InvalidArgumentError('randomBytes: length must be a non-negative integer');
  const out = new Uint8Array(length);
  fillRandom(out, 0, length);
  return out;
}
