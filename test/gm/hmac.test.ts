import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex, utf8Encode } from '../../src/encoding.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { HMAC_SM3_LENGTH, HmacSm3, ONE_BLOCK_MAX, hmacSm3 } from '../../src/gm/hmac.js';

// Independent reference: OpenSSL's HMAC over its own SM3.
function nodeHmac(key: Uint8Array, data: Uint8Array): string {
  return createHmac('sm3', key).update(data).digest('hex');
}

function patterned(length: number, seed = 0): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 29 + seed * 13 + 5) & 0xff;
  return out;
}

describe('HMAC-SM3 agrees with node:crypto createHmac("sm3")', () => {
  it('key lengths around the 64-byte block (hashed when longer) x message padding edges', () => {
    for (const keyLen of [0, 1, 16, 32, 63, 64, 65, 100, 200]) {
      const key = patterned(keyLen, keyLen);
      const h = new HmacSm3(key);
      for (const msgLen of [0, 1, 11, 18, 32, 55, 56, 63, 64, 65, 119, 120, 128]) {
        const msg = patterned(msgLen, msgLen + 1);
        expect(toHex(h.mac(msg)), `key ${keyLen}, message ${msgLen}`).toBe(nodeHmac(key, msg));
        expect(toHex(hmacSm3(key, msg))).toBe(nodeHmac(key, msg));
      }
    }
  });

  it('random keys of 0..200 bytes and messages of 0..4096 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 4096 }), (key, msg) => {
        expect(toHex(new HmacSm3(key).mac(msg))).toBe(nodeHmac(key, msg));
      }),
      { numRuns: 300 },
    );
  });

  it('one key, many messages: the cached key states are not disturbed by use', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 20 }), (key, msgs) => {
        const h = new HmacSm3(key);
        for (const m of msgs) expect(toHex(h.mac(m))).toBe(nodeHmac(key, m));
      }),
      { numRuns: 100 },
    );
  });

  it('macOneBlockInto (padding in place, messages of 0..55 bytes) equals OpenSSL', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 100 }), fc.integer({ min: 0, max: ONE_BLOCK_MAX }), fc.integer({ min: 64, max: 80 }), (key, length, size) => {
        const message = patterned(length, key.length);
        const block = new Uint8Array(size).fill(0xa5);
        block.set(message);
        const out = new Uint8Array(HMAC_SM3_LENGTH + 3);
        new HmacSm3(key).macOneBlockInto(block, length, out, 3);
        expect(toHex(out.subarray(3))).toBe(nodeHmac(key, message));
        // The message stays; only the padding area of the first block was written.
        expect(block.subarray(0, length)).toEqual(message);
        expect(block[length]).toBe(0x80);
        expect([...block.subarray(64)].every((b) => b === 0xa5)).toBe(true);
        // The same tag as words.
        const words = new Uint32Array(8);
        new HmacSm3(key).macOneBlockWords(block, length, words);
        expect(Buffer.from(Uint8Array.from([...words].flatMap((w) => [w >>> 24, (w >>> 16) & 255, (w >>> 8) & 255, w & 255]))).toString('hex')).toBe(
          nodeHmac(key, message),
        );
      }),
      { numRuns: 300 },
    );
    const h = new HmacSm3(patterned(32));
    expect(() => h.macOneBlockInto(new Uint8Array(64), ONE_BLOCK_MAX + 1, new Uint8Array(32), 0)).toThrow(InvalidArgumentError);
    expect(() => h.macOneBlockInto(new Uint8Array(63), 10, new Uint8Array(32), 0)).toThrow(InvalidArgumentError);
    expect(() => h.macOneBlockInto(new Uint8Array(64), 3.5, new Uint8Array(32), 0)).toThrow(InvalidArgumentError);
    expect(() => h.macOneBlockInto(new Uint8Array(64), 3, new Uint8Array(32), 1)).toThrow(InvalidArgumentError);
    expect(() => h.macOneBlockInto(Array(64).fill(0) as unknown as Uint8Array, 3, new Uint8Array(32), 0)).toThrow(InvalidArgumentError);
    expect(() => h.macOneBlockWords(new Uint8Array(64), 3, new Uint32Array(4))).toThrow(InvalidArgumentError);
  });

  it('stream with random chunking equals the one-shot MAC', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 120 }),
        fc.uint8Array({ maxLength: 2000 }),
        fc.array(fc.nat({ max: 150 }), { maxLength: 30 }),
        (key, msg, cuts) => {
          const h = new HmacSm3(key);
          const s = h.stream();
          let pos = 0;
          for (const c of cuts) {
            if (pos >= msg.length) break;
            s.update(msg.subarray(pos, pos + c));
            // A one-shot MAC in the middle of a stream must not disturb the stream.
            h.mac(msg.subarray(0, 10));
            pos += c;
          }
          s.update(msg.subarray(Math.min(pos, msg.length)));
          expect(toHex(s.digest())).toBe(nodeHmac(key, msg));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('HmacSm3 API', () => {
  const key = patterned(32, 1);
  const msg = utf8Encode('110101199003077777');

  it('macInto writes at an offset and checks room', () => {
    const out = new Uint8Array(50).fill(0x55);
    new HmacSm3(key).macInto(msg, out, 9);
    expect(toHex(out.subarray(9, 9 + HMAC_SM3_LENGTH))).toBe(nodeHmac(key, msg));
    expect([...out.subarray(0, 9), ...out.subarray(41)].every((b) => b === 0x55)).toBe(true);
    expect(() => new HmacSm3(key).macInto(msg, new Uint8Array(40), 9)).toThrow(InvalidArgumentError);
  });

  it('verify accepts the right tag and rejects a flipped bit or a wrong length', () => {
    const h = new HmacSm3(key);
    const tag = h.mac(msg);
    expect(h.verify(msg, tag)).toBe(true);
    for (let i = 0; i < tag.length; i += 7) {
      const bad = tag.slice();
      bad[i] ^= 0x01;
      expect(h.verify(msg, bad)).toBe(false);
    }
    expect(h.verify(msg, tag.subarray(0, 16))).toBe(false);
    expect(new HmacSm3(patterned(32, 2)).verify(msg, tag)).toBe(false);
  });

  it('a finished stream cannot be reused', () => {
    const s = new HmacSm3(key).stream().update(msg);
    expect(toHex(s.digest())).toBe(nodeHmac(key, msg));
    expect(() => s.digest()).toThrow(InvalidArgumentError);
    expect(() => s.update(msg)).toThrow(InvalidArgumentError);
  });

  it('destroy makes the instance unusable; a stream already started still finishes correctly', () => {
    const h = new HmacSm3(key);
    const s = h.stream().update(msg);
    h.destroy();
    expect(() => h.mac(msg)).toThrow(InvalidArgumentError);
    expect(() => h.stream()).toThrow(InvalidArgumentError);
    expect(toHex(s.digest())).toBe(nodeHmac(key, msg));
  });

  it('rejects non-byte keys and messages without echoing them', () => {
    const secret = 'super-secret-key-material';
    let caught: unknown;
    try {
      new HmacSm3(secret as unknown as Uint8Array);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InvalidArgumentError);
    expect(String((caught as Error).message)).not.toContain(secret);
    expect(() => new HmacSm3(key).mac('data' as unknown as Uint8Array)).toThrow(InvalidArgumentError);
  });
});
