/**
 * Pseudonyms for dev/test data (seed 000 art. 44: development and testing must not use real
 * customer data; masking for them must be irreversible).
 *
 * pseudonym(value) = kind.generate(stream, normalize(value)), where `stream` is a keyed
 * HMAC-SM3 random stream seeded by the kind and the normalized value:
 *
 *   seed     = HMAC-SM3(K, "fieldshield/v1/pseudonym\0" ‖ kind id ‖ "\0" ‖ normalized value)
 *   block_0  = seed;  block_i = HMAC-SM3(K, seed ‖ i)  (i ≥ 1, 32-bit big-endian)
 *   words    = the 32-byte blocks read as big-endian 32-bit integers, in order
 *
 * Properties:
 * - **consistent**: the same normalized value gives the same pseudonym under one key, across
 *   tables, files and runs, so joins keep working (`110105…002x` and `110105…002X` match);
 * - **validity-preserving**: the kind's generator makes a valid value (check digits, real region
 *   codes, Luhn, carrier prefixes) and keeps only what the kind documents as safe to keep
 *   (region and birth year of an ID, BIN of a card, carrier prefix of a mobile ...);
 * - **irreversible**: the output is a function of HMAC-SM3 output, a PRF; without K nothing about
 *   the input can be computed from it beyond the parts the kind keeps, and even with K the only
 *   way back is to guess inputs and compare (which is why K must be secret and per environment,
 *   and why low-entropy kinds — a 6-digit SMS code — get a fixed dummy instead). The generator
 *   also discards information (many inputs map to one output), so no key "decrypts" it.
 * - never the input itself: if a draw reproduces the normalized input it draws again.
 */
import { utf8Encode, utf8EncodeInto } from '../encoding.js';
import { InvalidArgumentError } from '../errors.js';
import { HmacSm3, ONE_BLOCK_MAX } from '../gm/hmac.js';
import { getKind } from '../kinds/registry.js';
import type { Kind, Rng } from '../kinds/types.js';

const DOMAIN = utf8Encode('fieldshield/v1/pseudonym\0');
const MAX_REDRAWS = 16;

export interface PseudonymizerOptions {
  /** Values longer than this (code units) are refused rather than hashed (default 4096). */
  readonly maxLength?: number;
}

/** Bytes of a stream block's message: the 32-byte seed and a 32-bit counter. */
const STREAM_MESSAGE = 36;

/** A keyed random stream over HMAC-SM3 (see the module comment). */
class HmacStream implements Rng {
  /**
   * seed ‖ 32-bit block counter, in a whole SM3 block so that HMAC pads it in place (see
   * HmacSm3.macOneBlockInto); the seed is written here by Pseudonymizer.seedInto.
   */
  readonly input = new Uint8Array(64);
  /** The current block as big-endian words: draws hand them out in order. */
  private readonly words = new Uint32Array(8);
  private pos = 8;
  private counter = 0;
  /** Set while a pseudonym is drawn, so a re-entrant call gets a stream of its own. */
  inUse = false;

  constructor(private readonly mac: HmacSm3) {}

  /** Starts the stream of the seed in input[0..32): block 0 is the seed, block i HMAC(seed ‖ i). */
  start(): void {
    const input = this.input;
    for (let i = 0; i < 8; i++) {
      const o = 4 * i;
      this.words[i] = ((input[o] << 24) | (input[o + 1] << 16) | (input[o + 2] << 8) | input[o + 3]) >>> 0;
    }
    input[32] = input[33] = input[34] = input[35] = 0;
    this.counter = 0;
    this.pos = 0;
  }

  nextUint32(): number {
    if (this.pos === 8) {
      this.counter++;
      const c = this.counter;
      this.input[32] = c >>> 24;
      this.input[33] = c >>> 16;
      this.input[34] = c >>> 8;
      this.input[35] = c;
      this.mac.macOneBlockWords(this.input, STREAM_MESSAGE, this.words);
      this.pos = 0;
    }
    return this.words[this.pos++];
  }

  /** Used up: wipe what the stream held. */
  wipe(): void {
    const input = this.input;
    const words = this.words;
    for (let i = 0; i < 64; i++) input[i] = 0;
    for (let i = 0; i < 8; i++) words[i] = 0;
    this.pos = 8;
  }
}

export class Pseudonymizer {
  private readonly mac: HmacSm3;
  private readonly maxLength: number;
  /**
   * Per kind, `head` = DOMAIN ‖ kind id ‖ 0x00, the fixed start of every seed message, and an
   * SM3 block that starts with it: a short value is written after it and MACed in place (no
   * copies); the rest of the block is wiped after every use.
   */
  private readonly seedBlocks = new Map<string, { readonly block: Uint8Array; readonly head: Uint8Array }>();
  /** The stream pseudonyms are drawn from, reused (wiped after every pseudonym). */
  private readonly stream: HmacStream;
  /** Reused seed-message buffer (values up to ~200 ASCII characters); zeroed after every use. */
  private readonly message = new Uint8Array(256);

  /** @param key the pseudonym key: 32 secret bytes (e.g. a keyring's derived pseudonym subkey). */
  constructor(key: Uint8Array, options: PseudonymizerOptions = {}) {
    if (!(key instanceof Uint8Array) || key.length < 16) {
      throw new InvalidArgumentError('pseudonym key must be a Uint8Array of at least 16 bytes');
    }
    this.mac = new HmacSm3(key);
    this.stream = new HmacStream(this.mac);
    this.maxLength = options.maxLength ?? 4096;
  }

  /**
   * A consistent, valid replacement for `value` of `kind` (a kind object or id). Null and
   * undefined pass through; other non-strings are converted with String().
   */
  pseudonymize(value: string, kind: Kind | string): string;
  pseudonymize(value: string | null | undefined, kind: Kind | string): string | null | undefined;
  pseudonymize(value: string | null | undefined, kind: Kind | string): string | null | undefined {
    if (value === null || value === undefined) return value;
    if (typeof value !== 'string') value = String(value);
    if (value.length > this.maxLength) {
      throw new InvalidArgumentError(`value is longer than the pseudonymizer's limit of ${this.maxLength} characters`);
    }
    const k = typeof kind === 'string' ? getKind(kind) : kind;
    const normalized = k.normalize(value);
    let stream = this.stream;
    if (stream.inUse) stream = new HmacStream(this.mac); // a generator that pseudonymizes
    stream.inUse = true;
    try {
      this.seedInto(k.id, normalized, stream.input);
      stream.start();
      for (let i = 0; i < MAX_REDRAWS; i++) {
        const out = k.generate(stream, normalized);
        if (out !== normalized) return out;
      }
    } finally {
      stream.wipe();
      stream.inUse = false;
    }
    // Only a kind whose generator keeps (nearly) everything could get here: fail closed.
    throw new InvalidArgumentError(`kind ${k.id} could not produce a pseudonym different from its input`);
  }

  /**
   * Writes HMAC(key, DOMAIN ‖ UTF-8(kind id) ‖ 0x00 ‖ UTF-8(normalized value)), the seed of the
   * value's stream, into seed[0..32). A message of up to 55 bytes is built and MACed in the
   * kind's own block; a longer one in a reused buffer (a very long value gets a buffer of its
   * own). The value's UTF-8 bytes are written straight in, and wiped after use.
   */
  private seedInto(kindId: string, normalized: string, seed: Uint8Array): void {
    let entry = this.seedBlocks.get(kindId);
    if (entry === undefined) {
      const id = utf8Encode(kindId);
      const head = new Uint8Array(DOMAIN.length + id.length + 1);
      head.set(DOMAIN, 0);
      head.set(id, DOMAIN.length);
      const block = new Uint8Array(Math.max(64, head.length));
      block.set(head, 0);
      entry = { block, head };
      this.seedBlocks.set(kindId, entry);
    }
    const { block, head } = entry;
    const h = head.length;
    // Most values (ID, card and phone numbers, names, dates) end within the first block.
    if (h <= ONE_BLOCK_MAX) {
      let fits = false;
      try {
        const n = utf8EncodeInto(normalized, block, h);
        fits = n >= 0 && h + n <= ONE_BLOCK_MAX;
        if (fits) this.mac.macOneBlockInto(block, h + n, seed, 0);
      } finally {
        // The value (or what of it went in) and the padding are wiped either way.
        for (let i = h; i < block.length; i++) block[i] = 0;
      }
      if (fits) return;
    }
    // A longer value: the general path, in the message buffer.
    let msg = this.message;
    let n = utf8EncodeInto(normalized, msg, h);
    if (n < 0) {
      msg.fill(0, h);
      msg = new Uint8Array(h + 3 * normalized.length);
      n = utf8EncodeInto(normalized, msg, h);
    }
    // Plain loops, not set/fill: for a few dozen bytes the builtin calls cost more.
    for (let i = 0; i < h; i++) msg[i] = head[i];
    const length = h + n;
    try {
      this.mac.macRangeInto(msg, 0, length, seed, 0);
    } finally {
      for (let i = h; i < length; i++) msg[i] = 0;
    }
  }

  /** Overwrites the key state and the reused buffers; the object must not be used afterwards. */
  destroy(): void {
    this.mac.destroy();
    this.stream.wipe();
    this.message.fill(0);
    for (const { block, head } of this.seedBlocks.values()) block.fill(0, head.length);
  }
}
