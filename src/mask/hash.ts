/**
 * Keyed hash: a value replaced by hex(HMAC-SM3(key, UTF-8(value))), truncated. The same value
 * under the same key always gives the same token, so masked extracts can still be joined and
 * counted, but without the key nobody can test guesses (an unkeyed hash of an 18-digit ID
 * number is reversed by enumerating birth dates and regions in minutes).
 */
import { InvalidArgumentError } from '../errors.js';
import { utf8Encode, toHex } from '../encoding.js';
import { HmacSm3 } from '../gm/hmac.js';
import { constantTimeEqual } from '../gm/utils.js';
import { assertString } from './checks.js';

export const DEFAULT_HASH_BITS = 128;
/** Shorter keys make the token guessable by brute force over the key. */
export const MIN_HASH_KEY_BYTES = 16;

export function checkHashBits(bits: unknown): number {
  if (bits === undefined) return DEFAULT_HASH_BITS;
  if (typeof bits !== 'number' || !Number.isSafeInteger(bits) || bits < 32 || bits > 256 || bits % 8 !== 0) {
    throw new InvalidArgumentError('bits must be a multiple of 8 from 32 to 256');
  }
  return bits;
}

/** Fail closed: without a usable key there is no hash, never an unkeyed fallback. */
export function checkHashKey(key: unknown): Uint8Array {
  if (key === undefined) {
    throw new InvalidArgumentError('the hash rule needs options.hashKey (a Uint8Array of at least 16 bytes)');
  }
  if (!(key instanceof Uint8Array)) throw new InvalidArgumentError('hashKey must be a Uint8Array');
  if (key.length < MIN_HASH_KEY_BYTES) {
    throw new InvalidArgumentError(`hashKey must be at least ${MIN_HASH_KEY_BYTES} bytes, got ${key.length}`);
  }
  return key;
}

interface CachedMac {
  readonly keyCopy: Uint8Array;
  readonly mac: HmacSm3;
}

// One HMAC state per key array, so hashing a column costs two SM3 compressions per value. The
// copy guards against a caller refilling the same array with another key: the cache is then
// rebuilt instead of silently hashing under the old key.
const macs = new WeakMap<Uint8Array, CachedMac>();

function macFor(key: Uint8Array): HmacSm3 {
  const cached = macs.get(key);
  if (cached !== undefined && constantTimeEqual(cached.keyCopy, key)) return cached.mac;
  const entry = { keyCopy: key.slice(), mac: new HmacSm3(key) };
  macs.set(key, entry);
  return entry.mac;
}

export function keyedHashUnchecked(value: string, key: Uint8Array, bits: number): string {
  if (value === '') return '';
  return toHex(macFor(key).mac(utf8Encode(value))).slice(0, bits >> 2);
}

/**
 * `keyedHash('13812345678', key)` → 32 hex characters (128 bits by default) of
 * HMAC-SM3(key, UTF-8(value)). Normalize first (the kind's `normalize`) if differently spelled
 * values must give the same token; the rule engine does so when it knows the kind.
 */
export function keyedHash(value: string, key: Uint8Array, bits?: number): string {
  assertString(value);
  return keyedHashUnchecked(value, checkHashKey(key), checkHashBits(bits));
}
