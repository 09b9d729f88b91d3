/**
 * PKCS#7 padding (RFC 5652 §6.3) for 16-byte blocks, as used by the legacy CBC/ECB formats
 * (sm-crypto, Hutool/BouncyCastle, ShardingSphere). Padding always adds 1..16 bytes, each
 * equal to the number added, so an exact multiple of 16 gains one whole block.
 */
import { PaddingError } from '../errors.js';
import { assertBytes } from './utils.js';

const BLOCK = 16;

/** Length of `dataLength` bytes once padded: always greater, always a multiple of 16. */
export function pkcs7PaddedLength(dataLength: number): number {
  return dataLength + BLOCK - (dataLength % BLOCK);
}

/**
 * Writes the padding bytes for a message of `dataLength` bytes whose final partial block starts
 * at `blockOff` in `block` (the message's own `dataLength % 16` bytes are already there).
 */
export function writePkcs7Padding(block: Uint8Array, blockOff: number, dataLength: number): void {
  const used = dataLength % BLOCK;
  const pad = BLOCK - used;
  block.fill(pad, blockOff + used, blockOff + BLOCK);
}

/**
 * Reads the padding of the 16-byte block at `off` and returns how many bytes it adds (1..16),
 * or throws PaddingError. All 16 bytes are always examined and the verdict is reached without
 * an early exit, so the time taken does not reveal which byte was wrong (a CBC padding oracle
 * still exists for anyone who can observe *whether* decryption failed: these formats are
 * legacy, read-only, and unauthenticated by design).
 */
export function pkcs7PadLength(block: Uint8Array, off: number): number {
  const pad = block[off + BLOCK - 1];
  // bad != 0 iff pad is 0 or greater than 16.
  let bad = ((pad - 1) | (BLOCK - pad)) >>> 31;
  for (let i = 0; i < BLOCK; i++) {
    // inPad is all ones for the last `pad` bytes (i >= 16 - pad), else 0.
    const inPad = ((BLOCK - pad - 1 - i) >> 31) & 0xff;
    bad |= (block[off + i] ^ pad) & inPad;
  }
  if (bad !== 0) throw new PaddingError();
  return pad;
}

/** Returns a new array holding `data` followed by its PKCS#7 padding. */
export function pkcs7Pad(data: Uint8Array): Uint8Array {
  assertBytes(data, 'data');
  const out = new Uint8Array(pkcs7PaddedLength(data.length));
  out.set(data);
  writePkcs7Padding(out, data.length - (data.length % BLOCK), data.length);
  return out;
}

/** Returns a copy of `padded` without its PKCS#7 padding; throws PaddingError when malformed. */
export function pkcs7Unpad(padded: Uint8Array): Uint8Array {
  assertBytes(padded, 'padded');
  if (padded.length === 0 || padded.length % BLOCK !== 0) {
    throw new PaddingError();
  }
  const pad = pkcs7PadLength(padded, padded.length - BLOCK);
  // A real copy even for a Node Buffer, whose slice() would be a view.
  const out = new Uint8Array(padded.length - pad);
  for (let i = 0; i < out.length; i++) out[i] = padded[i];
  return out;
}
