/**
 * Content evidence: the kinds' validators over a column's samples, and recognition of values
 * that are already ciphertext. Only counts leave this module, never a value.
 *
 * Each sample is looked at once, cut to `maxValueLength` UTF-16 units; a cheap shape test
 * (digits, letters, Han, `@`, length) decides which validators are worth calling, so a column
 * of 200 samples costs a few thousand validator calls at most.
 */
import { isEnvelope } from '../envelope/format.js';
import { allKinds } from '../kinds/registry.js';
import type { Kind } from '../kinds/types.js';
import { dictionary } from '../dictionary.js';

export const DEFAULT_MAX_SAMPLES = 200;
export const DEFAULT_MAX_VALUE_LENGTH = 256;

/** Per-kind tallies over the inspected samples. */
export interface KindTally {
  /** Samples the validator accepts. */
  valid: number;
  /** Samples it accepts with its kind's strong-evidence confidence (check digit, distinctive format). */
  strong: number;
  /** Samples whose check character matched (kinds with one). */
  checksum: number;
}

export interface ContentEvidence {
  readonly inspected: number;
  readonly skipped: number;
  /** fieldshield envelopes and cipher-length hex / base64 blobs (dashless UUIDs included). */
  readonly encrypted: number;
  /** UUID-shaped values (surrogate keys); a column mostly of them is not ciphertext. */
  readonly uuid: number;
  /** Values that look like flags or enumerations: at most 2 characters. */
  readonly tiny: number;
  readonly distinct: number;
  readonly kinds: ReadonlyMap<string, KindTally>;
}

/** The shape of a value: enough to skip validators that cannot accept it. */
interface Shape {
  readonly length: number;
  readonly digits: number;
  readonly latin: boolean;
  readonly han: boolean;
  readonly at: boolean;
  readonly space: boolean;
  readonly dotOrColon: boolean;
}

function shapeOf(s: string): Shape {
  let digits = 0;
  let latin = false;
  let han = false;
  let at = false;
  let space = false;
  let dotOrColon = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin = true;
    else if (c >= 0x3400 && c <= 0x9fff) han = true;
    else if (c === 0x40 || c === 0xff20) at = true;
    else if (c === 0x20 || c === 0x3000) space = true;
    else if (c === 0x2e || c === 0x3a) dotOrColon = true;
    else if (c >= 0xff10 && c <= 0xff19) digits++;
  }
  return { length: s.length, digits, latin, han, at, space, dotOrColon };
}

/**
 * Which values a built-in kind's validator could possibly accept. Kinds defined by callers
 * have no entry and see every value. Password and security answers are never recognisable
 * by content, so their validators are not called.
 */
const MAY_MATCH: Readonly<Record<string, (s: Shape) => boolean>> = dictionary({
  'cn-id-card': (s) => s.digits >= 14 && s.length <= 24 && !s.han && !s.at,
  'bank-card': (s) => s.digits >= 16 && s.digits <= 19 && s.length <= 32 && !s.han && !s.at && !s.latin,
  'cn-mobile': (s) => s.digits >= 11 && s.digits <= 15 && s.length <= 24 && !s.han && !s.at && !s.latin,
  'cn-landline': (s) => s.digits >= 9 && s.digits <= 18 && s.length <= 40 && !s.at,
  'person-name': (s) => s.length <= 64 && (s.han || s.latin) && s.digits === 0 && !s.at,
  address: (s) => s.length >= 5 && (s.han || (s.latin && s.digits > 0 && s.space)),
  email: (s) => s.at && s.length >= 3,
  passport: (s) => s.length >= 8 && s.length <= 16 && s.digits >= 6 && !s.han,
  'hk-macau-id': (s) => s.length >= 7 && s.length <= 14 && s.digits >= 6 && !s.han,
  'taiwan-id': (s) => s.length >= 10 && s.length <= 14 && s.latin && s.digits >= 8 && !s.han,
  'travel-permit': (s) => s.length >= 8 && s.length <= 16 && s.digits >= 8 && !s.han,
  uscc: (s) => s.length >= 18 && s.length <= 24 && s.digits >= 2 && !s.han && !s.at,
  'licence-plate': (s) => s.han && s.length >= 7 && s.length <= 12,
  'date-of-birth': (s) => s.digits >= 6 && s.length <= 32,
  amount: (s) => s.digits >= 1 && s.length <= 64 && !s.at,
  transaction: (s) => s.digits >= 10 && s.length >= 12 && s.length <= 64 && !s.han,
  'login-name': (s) => s.latin && s.length >= 4 && s.length <= 32 && !s.han,
  'sms-code': (s) => s.digits >= 4 && s.digits <= 8 && s.length <= 16 && !s.latin,
  'security-answer': () => false,
  password: () => false,
  cvn: (s) => s.digits >= 3 && s.digits <= 4 && s.length <= 8 && !s.latin,
  'card-expiry': (s) => s.digits >= 3 && s.digits <= 6 && s.length <= 16 && !s.latin,
  'card-track': (s) => s.digits >= 14 && s.length >= 16,
  biometric: (s) => s.length >= 16 && !s.han && !s.space,
  'ip-address': (s) => s.dotOrColon && s.length >= 2 && s.length <= 48 && !s.han,
  'account-opening': (s) => (s.digits >= 6 && s.length <= 32) || (s.han && s.length <= 64),
  'customer-number': (s) => s.length >= 8 && s.length <= 24 && s.digits >= 6 && !s.han,
});

/** Confidence at or above which a built-in kind's acceptance counts as strong evidence. */
const STRONG_CONFIDENCE: Readonly<Record<string, number>> = dictionary({
  'cn-id-card': 0.9,
  'bank-card': 0.75,
  'cn-mobile': 0.85,
  'cn-landline': 0.8,
  email: 0.9,
  passport: 0.8,
  'hk-macau-id': 0.9,
  'taiwan-id': 0.9,
  'travel-permit': 0.7,
  uscc: 0.9,
  'licence-plate': 0.9,
  'card-track': 0.9,
  biometric: 0.85,
  'ip-address': 0.7,
  address: 0.75,
});

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[1-8][0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]+$/i;
const B64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * A value that is ciphertext rather than data: a fieldshield envelope, or a hex / base64 blob
 * whose byte length is a positive multiple of the 16-byte SM4/AES block (ECB/CBC output, or
 * SIV/GCM output with a 16-byte tag). `fullLength` is the value's length before it was cut.
 */
export function looksEncrypted(head: string, fullLength: number): boolean {
  // One value alone: a dashless UUID is taken for a key, not a ciphertext.
  return cipherShaped(head, fullLength) && !(head.length === 32 && UUID.test(head.trim()));
}

/**
 * The shape test without the UUID exclusion: one random 16-byte block in eight has UUID
 * version and variant bits, so a column decides on UUIDs by their share, not value by value.
 */
function cipherShaped(head: string, fullLength: number): boolean {
  if (isEnvelope(head)) return true;
  const s = head.length === fullLength ? head.trim() : head;
  const n = head.length === fullLength ? s.length : fullLength;
  if (n < 22) return false;
  if (HEX.test(s)) {
    // 16 random bytes in hex: digits and letters both appear (a run of 32 digits is a number).
    return n % 32 === 0 && /[0-9]/.test(s) && /[a-f]/i.test(s);
  }
  if (!B64.test(s)) return false;
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  const data = n - pad;
  if (data % 4 === 1) return false;
  const bytes = Math.floor((data * 6) / 8);
  // Random bytes in base64 mix upper and lower case and digits; identifiers rarely do.
  return bytes >= 16 && bytes % 16 === 0 && /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9+/_-]/.test(s);
}

function binaryEncrypted(bytes: Uint8Array): boolean {
  if (isEnvelope(bytes)) return true;
  if (bytes.length < 16 || bytes.length % 16 !== 0) return false;
  // A 16-byte value with UUID version and variant bits is a UUID stored as binary(16).
  return !(bytes.length === 16 && bytes[6] >> 4 >= 1 && bytes[6] >> 4 <= 8 && bytes[8] >> 6 === 2);
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** A sample as text, or null when it is empty or nothing a validator can read. */
export function sampleText(v: unknown): string | Uint8Array | null {
  switch (typeof v) {
    case 'string':
      return v.length === 0 ? null : v;
    case 'number':
      return Number.isFinite(v) ? String(v) : null;
    case 'bigint':
      return String(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      if (v === null) return null;
      if (v instanceof Uint8Array) return v.length === 0 ? null : v;
      if (v instanceof Date) {
        const t = v.getTime();
        if (!Number.isFinite(t)) return null;
        const date = `${v.getUTCFullYear()}-${pad2(v.getUTCMonth() + 1)}-${pad2(v.getUTCDate())}`;
        const h = v.getUTCHours();
        const m = v.getUTCMinutes();
        const sec = v.getUTCSeconds();
        return h === 0 && m === 0 && sec === 0 ? date : `${date} ${pad2(h)}:${pad2(m)}:${pad2(sec)}`;
      }
      return null;
    }
    default:
      return null;
  }
}

/** A fresh flat copy of a prefix, so a sample never keeps a huge parent string alive. */
export function copyPrefix(s: string, n: number): string {
  if (s.length <= n) return s;
  const codes = new Array<number>(n);
  for (let i = 0; i < n; i++) codes[i] = s.charCodeAt(i);
  return String.fromCharCode(...codes);
}

interface Inspectable {
  readonly kinds: readonly Kind[];
  readonly filters: readonly (((s: Shape) => boolean) | undefined)[];
  readonly strong: readonly number[];
}

let cachedKinds: readonly Kind[] | undefined;
let inspectable: Inspectable | undefined;

function validators(): Inspectable {
  const kinds = allKinds();
  if (inspectable === undefined || cachedKinds !== kinds) {
    cachedKinds = kinds;
    inspectable = {
      kinds,
      filters: kinds.map((k) => MAY_MATCH[k.id]),
      strong: kinds.map((k) => STRONG_CONFIDENCE[k.id] ?? 0.9),
    };
  }
  return inspectable;
}

export interface InspectOptions {
  readonly maxSamples?: number;
  readonly maxValueLength?: number;
}

/**
 * Runs the validators over up to `maxSamples` samples (evenly spaced when an array holds
 * more). Samples are values of any type: strings, numbers, dates and byte arrays are read,
 * everything else is counted as skipped.
 */
export function inspectSamples(samples: Iterable<unknown> | ArrayLike<unknown>, opts: InspectOptions = {}): ContentEvidence {
  const maxSamples = Math.max(1, Math.floor(opts.maxSamples ?? DEFAULT_MAX_SAMPLES));
  const maxLen = Math.max(16, Math.floor(opts.maxValueLength ?? DEFAULT_MAX_VALUE_LENGTH));
  const { kinds, filters, strong } = validators();
  const tallies = kinds.map((): KindTally => ({ valid: 0, strong: 0, checksum: 0 }));
  let inspected = 0;
  let skipped = 0;
  let encrypted = 0;
  let uuid = 0;
  let tiny = 0;
  const seen = new Set<string>();

  const visit = (v: unknown): void => {
    const t = sampleText(v);
    if (t === null) {
      skipped++;
      return;
    }
    inspected++;
    if (t instanceof Uint8Array) {
      if (binaryEncrypted(t)) encrypted++;
      return;
    }
    const cut = t.length > maxLen;
    const head = cut ? copyPrefix(t, maxLen) : t;
    const trimmed = head.trim();
    if (trimmed === '') {
      inspected--;
      skipped++;
      return;
    }
    if (seen.size < 256) seen.add(head);
    if (UUID.test(trimmed)) uuid++;
    if (cipherShaped(head, t.length)) {
      encrypted++;
      return;
    }
    if (trimmed.length <= 2) tiny++;
    const shape = shapeOf(trimmed);
    for (let k = 0; k < kinds.length; k++) {
      const kind = kinds[k];
      // A cut value can only be a biometric template (whose validator reads the start).
      if (cut && kind.id !== 'biometric') continue;
      const filter = filters[k];
      if (filter !== undefined && !filter(shape)) continue;
      const d = kind.detect(trimmed);
      if (!d.valid) continue;
      const tally = tallies[k];
      tally.valid++;
      if (d.checksum === true) tally.checksum++;
      if (d.confidence >= strong[k]) tally.strong++;
    }
  };

  if (isArrayLike(samples)) {
    const n = Math.max(0, Math.min(Math.floor(samples.length) || 0, 0x7fffffff));
    if (n <= maxSamples) for (let i = 0; i < n; i++) visit(samples[i]);
    else for (let i = 0; i < maxSamples; i++) visit(samples[Math.floor((i * n) / maxSamples)]);
  } else {
    let i = 0;
    for (const v of samples) {
      if (i++ >= maxSamples) break;
      visit(v);
    }
  }
  const map = new Map<string, KindTally>();
  kinds.forEach((k, i) => {
    if (tallies[i].valid > 0) map.set(k.id, tallies[i]);
  });
  return { inspected, skipped, encrypted, uuid, tiny, distinct: seen.size, kinds: map };
}

function isArrayLike(x: unknown): x is ArrayLike<unknown> {
  if (Array.isArray(x)) return true;
  if (typeof x !== 'object' || x === null || Symbol.iterator in x) return false;
  return typeof (x as { length?: unknown }).length === 'number';
}
