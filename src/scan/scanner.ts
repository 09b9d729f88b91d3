/**
 * The single-pass scanner behind {@link scanText}. One loop walks the text once and stops only
 * where a value can start:
 *
 * - a **word** (a run of ASCII or full-width letters and digits): all digits (or 17 digits and an
 *   `X`) makes a *number group*; letters then digits makes a *token* (passport, HK/Taiwan ID,
 *   permit, USCC); a word right before an `@` starts an *email*;
 * - a **number** is a chain of groups joined by single spaces or hyphens; it is judged as a whole
 *   in the groupings people write (shapes.ts), group by group otherwise;
 * - a **dotted number** (`1.2.3.4`, `3.14`, `2024.01.01`) is consumed whole: only a dotted quad
 *   can be something (an IP address), and digits after a decimal point are never an ID;
 * - `(0xx)` starts a landline with its area code in parentheses, a province abbreviation a
 *   licence plate, `::` or `hex:` an IPv6 address.
 *
 * Each candidate is handed to its kind's own validator (`detect`), so check digits, dates and
 * region codes are decided in one place, src/kinds/. Groups are maximal runs of digits, so digits
 * inside a longer run (an order number, a timestamp) are never a candidate.
 *
 * Linear time: every character is read by the main loop once, plus at most once by each of the
 * bounded look-aheads (the email local-part run, an email domain of at most 253 characters, an
 * IPv6 run of at most 46, a chain's next group); none of them is ever restarted over the same
 * characters, and every candidate handed to a validator is at most 320 characters long.
 */
import { bankCard } from '../kinds/bank-card.js';
import { cnIdCard } from '../kinds/cn-id-card.js';
import { cnLandline } from '../kinds/cn-landline.js';
import { cnMobile } from '../kinds/cn-mobile.js';
import { email } from '../kinds/email.js';
import { hkMacauId } from '../kinds/hk-macau-id.js';
import { ipAddress } from '../kinds/ip-address.js';
import { licencePlate } from '../kinds/licence-plate.js';
import { passport } from '../kinds/passport.js';
import { taiwanId } from '../kinds/taiwan-id.js';
import { travelPermit } from '../kinds/travel-permit.js';
import type { Kind } from '../kinds/types.js';
import { uscc } from '../kinds/uscc.js';
import { ALPHA, CHAR_FLAGS, DIGIT, HEX, HIGH_SURROGATE, LOCAL, SEP, TRIGGER, WORD, digitValue, isCloseParen, isOpenParen, isPlus } from './chars.js';
import { POSITIVE, adjust, closestContextWord, verdictFor, type ContextWord } from './context.js';
import { isCardGrouping, isIdGrouping, isLandlineLocalGrouping, isMobileGrouping } from './shapes.js';
import type { Finding, ScanKind } from './types.js';

/** RFC 5321 limits of an email address's parts. */
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
/** The longest IPv6 text (`ffff:…:255.255.255.255`). */
const MAX_IPV6 = 45;
/** The longest letters-and-digits token of a kind (USCC and ID numbers: 18). */
const MAX_TOKEN = 20;
/** Groups of one number candidate: `+86 138 1234 5678` and `6222 0212 3456 7890 123` need 4-5. */
const MAX_SPAN_GROUPS = 5;
/** A chain longer than this is cut (only adversarial text has one: `1 1 1 1 …`). */
const MAX_CHAIN_GROUPS = 256;
/** Digits of the longest candidate (a 19-digit card); a country code group may come on top. */
const MAX_CANDIDATE_DIGITS = 19;

// Caps on weak evidence when no context word announces the kind (see `consider`).
/** Travel permits carry no check digit: `H12345678` is as likely a product or ticket code. */
const TRAVEL_PERMIT_CAP = 0.45;
/**
 * Luhn-valid numbers whose prefix is no card network's (the bank-card validator's 0.75): 1 in 10
 * random numbers passes Luhn, so without a context word they are order numbers more often
 * than cards (Chinese cards start with 62, 4, 5, 9, 35 …, which the validator rates higher).
 */
const CARD_CAP = 0.45;
const CARD_CAP_BELOW = 0.8;
/** All-digit USCCs pass the GB 32100 check 1 time in 31 by chance; both check characters passing (0.97) stands. */
const DIGIT_USCC_CAP = 0.45;
const DIGIT_USCC_CAP_BELOW = 0.95;
/** HKIDs with a two-letter prefix and no parentheses, unless announced. */
const HKID_TWO_LETTER_CAP = 0.7;
/** 9-digit pre-2012 passports (`14xxxxxxx`) are indistinguishable from any 9-digit number without a context word. */
const DIGIT_PASSPORT_CAP = 0.3;

// The chain of number groups being judged, and the dynamic-programming tables over it. Module
// level and reused: scanning is synchronous and never re-entered (validators do not scan), and a
// scan of a short log line must not pay for allocating them.
let capacity = 0;
let gStart = new Int32Array(0);
let gEnd = new Int32Array(0);
/** Code unit of the separator before each group (0 for the first). */
let gSep = new Int32Array(0);
/** Characters in each group (digits, and a final X). */
let gLen = new Int32Array(0);
/** 1 when the group ends with the X of an ID number. */
let gX = new Uint8Array(0);
let dpWeight = new Float64Array(0);
let dpFrom = new Int32Array(0);
let dpConf = new Float64Array(0);
let dpStart = new Int32Array(0);
let dpEnd = new Int32Array(0);
let dpKind: (ScanKind | null)[] = [];

function ensureCapacity(groups: number): void {
  if (groups < capacity) return;
  const size = Math.max(16, capacity * 2, groups + 1);
  const grow = <T extends Int32Array | Float64Array | Uint8Array>(old: T, make: (n: number) => T): T => {
    const a = make(size);
    a.set(old as never);
    return a;
  };
  gStart = grow(gStart, (n) => new Int32Array(n));
  gEnd = grow(gEnd, (n) => new Int32Array(n));
  gSep = grow(gSep, (n) => new Int32Array(n));
  gLen = grow(gLen, (n) => new Int32Array(n));
  gX = grow(gX, (n) => new Uint8Array(n));
  dpWeight = new Float64Array(size + 1);
  dpFrom = new Int32Array(size + 1);
  dpConf = new Float64Array(size + 1);
  dpStart = new Int32Array(size + 1);
  dpEnd = new Int32Array(size + 1);
  dpKind = new Array<ScanKind | null>(size + 1).fill(null);
  capacity = size;
}
ensureCapacity(16);

export interface ScanConfig {
  readonly minConfidence: number;
  readonly wanted: ReadonlySet<ScanKind>;
  readonly context: boolean;
}

/**
 * Characters that show nothing: zero-width space, non-joiner, joiner, word joiner, the zero-width
 * no-break space (BOM) and the soft hyphen. One inside a number (`1101051949\u200b1231002X`, as a
 * web form or a copy from a chat leaves it, or as someone slips it in) would split the number
 * into pieces no validator accepts, so the scanner reads the text without them.
 */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/;
const INVISIBLES = new RegExp(INVISIBLE.source, 'g');

function isInvisible(c: number): boolean {
  return c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
}

/** `value` without the characters that show nothing (see INVISIBLE). */
export function withoutInvisibles(value: string): string {
  return INVISIBLE.test(value) ? value.replace(INVISIBLES, '') : value;
}

/**
 * Scans `text` once and returns its findings in order of position. Offsets are into `text`
 * itself; a value with invisible characters inside spans them.
 */
export function runScan(text: string, config: ScanConfig): Finding[] {
  if (!INVISIBLE.test(text)) return new Scanner(text, config).run();
  // Scan the visible text, then map each finding's span back onto the original.
  const at = new Int32Array(text.length + 1);
  let visible = '';
  let n = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (isInvisible(text.charCodeAt(i))) {
      visible += text.slice(from, i);
      from = i + 1;
      continue;
    }
    at[n++] = i;
  }
  visible += text.slice(from);
  at[n] = text.length;
  return new Scanner(visible, config).run().map((f) => {
    const start = at[f.start];
    const end = at[f.end - 1] + 1;
    // Invisible characters are single UTF-16 units: code point offsets shift by the same amount.
    return { ...f, start, end, cpStart: f.cpStart + (start - f.start), cpEnd: f.cpEnd + (end - f.end) };
  });
}

class Scanner {
  private readonly text: string;
  private readonly n: number;
  private readonly min: number;
  private readonly wanted: ReadonlySet<ScanKind>;
  private readonly useContext: boolean;
  private readonly out: Finding[] = [];

  /**
   * Surrogate pairs the main loop has passed. Values never contain one (they are ASCII and
   * full-width forms) and every character between the main loop and a finding is part of a
   * value, so a finding's code point offset is its UTF-16 offset minus this count.
   */
  private pairs = 0;

  // Next `@` and `＠` at or after the cursor (n when there is none).
  private nextHalfAt = -1;
  private nextFullAt = -1;
  // The current run of email local-part characters: [runStart, runEnd), ending at an `@` or not.
  private runStart = -1;
  private runEnd = 0;
  private runHasAt = false;
  // IPv6 runs already tried end here; none is tried again inside one.
  private ipv6TriedUntil = 0;

  // The best candidate of the current evaluation.
  private bestKind: ScanKind | null = null;
  private bestConf = 0;
  private bestStart = 0;
  private bestEnd = 0;
  private bestDigits = 0;

  // Context word of the last candidate start looked at.
  private ctxAt = -1;
  private ctxWord: ContextWord | null = null;

  constructor(text: string, config: ScanConfig) {
    this.text = text;
    this.n = text.length;
    this.min = config.minConfidence;
    this.wanted = config.wanted;
    this.useContext = config.context;
  }

  run(): Finding[] {
    const t = this.text;
    const n = this.n;
    let i = 0;
    while (i < n) {
      const f = CHAR_FLAGS[t.charCodeAt(i)];
      if ((f & WORD) === 0) {
        if ((f & TRIGGER) !== 0) i = this.trigger(i);
        else if ((f & HIGH_SURROGATE) !== 0 && i + 1 < n && isLowSurrogate(t.charCodeAt(i + 1))) {
          this.pairs++;
          i += 2;
        } else i++;
      } else if ((f & DIGIT) !== 0 || this.nextAt(i) - i <= MAX_LOCAL) {
        i = this.word(i);
      } else {
        // A word starting with a letter, far from any `@`: most of an English log. Letters only,
        // and not `abcd:` (IPv6), means nothing can start in it.
        let j = i + 1;
        while (j < n && (CHAR_FLAGS[t.charCodeAt(j)] & ALPHA) !== 0) j++;
        i = j < n && ((CHAR_FLAGS[t.charCodeAt(j)] & DIGIT) !== 0 || t.charCodeAt(j) === 0x3a) ? this.word(i) : j;
      }
    }
    return this.out;
  }

  // --- Emitting ---------------------------------------------------------------------------------

  private emit(kind: ScanKind, start: number, end: number, confidence: number): void {
    const pairs = this.pairs;
    this.out.push({ kind, start, end, cpStart: start - pairs, cpEnd: end - pairs, confidence: Math.round(confidence * 1000) / 1000 });
  }

  // --- Judging one candidate --------------------------------------------------------------------

  private resetBest(): void {
    this.bestKind = null;
    this.bestConf = 0;
  }

  private contextAt(start: number): ContextWord | null {
    if (!this.useContext) return null;
    if (start !== this.ctxAt) {
      this.ctxAt = start;
      this.ctxWord = closestContextWord(this.text, start);
    }
    return this.ctxWord;
  }

  /**
   * Asks `kind`'s validator about text[start, end) and keeps the result if it beats the best so
   * far. A value the validator rejects (a wrong check digit) still counts when a context word
   * announces its kind: `身份证号 110105194912310021` with a typo is still an ID number.
   * `gated` kinds (shapes any number has, like 8 digits) are only asked when announced; `cap`
   * bounds the confidence of weak evidence when nothing announces it: validator confidences
   * below `capBelow` (a validator's strongest verdicts stand, a check digit with a known
   * prefix or a second check character).
   */
  private consider(kind: Kind, id: ScanKind, start: number, end: number, digits: number, gated = false, cap = 1, capBelow = 1): void {
    if (!this.wanted.has(id)) return;
    const word = this.contextAt(start);
    const verdict = verdictFor(word, id);
    if (gated && verdict !== POSITIVE) return;
    const r = kind.detect(this.text.slice(start, end));
    if (r.confidence <= 0 || (!r.valid && verdict !== POSITIVE)) return;
    const base = verdict === POSITIVE || r.confidence < cap || r.confidence >= capBelow ? r.confidence : cap;
    const c = adjust(base, verdict);
    if (c < this.min || c <= this.bestConf) return;
    this.bestKind = id;
    this.bestConf = c;
    this.bestStart = start;
    this.bestEnd = end;
    this.bestDigits = digits;
  }

  private emitBest(): boolean {
    if (this.bestKind === null) return false;
    this.emit(this.bestKind, this.bestStart, this.bestEnd, this.bestConf);
    return true;
  }

  // --- Words ------------------------------------------------------------------------------------

  private nextAt(from: number): number {
    const t = this.text;
    if (this.nextHalfAt < from) {
      const a = t.indexOf('@', from);
      this.nextHalfAt = a < 0 ? this.n : a;
    }
    if (this.nextFullAt < from) {
      const a = t.indexOf('＠', from);
      this.nextFullAt = a < 0 ? this.n : a;
    }
    return this.nextHalfAt < this.nextFullAt ? this.nextHalfAt : this.nextFullAt;
  }

  /**
   * True if an email local part starts at `s`: the run of local-part characters from `s` ends
   * at an `@` at most 64 characters away. Each run is read once.
   */
  private startsEmail(s: number): boolean {
    if (s < this.runEnd) return this.runHasAt && s === this.runStart;
    const at = this.nextAt(s);
    if (at - s > MAX_LOCAL) return false;
    const t = this.text;
    let q = s;
    while (q < at && (CHAR_FLAGS[t.charCodeAt(q)] & (WORD | LOCAL)) !== 0) q++;
    this.runStart = s;
    this.runEnd = q;
    this.runHasAt = q === at && at < this.n;
    return this.runHasAt;
  }

  /** An email whose local part is text[s, at): returns its end, or -1. */
  private email(s: number, at: number): number {
    const t = this.text;
    const n = this.n;
    let e = at + 1;
    const cap = at + 1 + MAX_DOMAIN;
    let dots = 0;
    while (e < n && e < cap) {
      const c = t.charCodeAt(e);
      const f = CHAR_FLAGS[c];
      if ((f & WORD) !== 0 || c === 0x2d || c === 0xff0d) e++;
      else if (c === 0x2e || c === 0xff0e) {
        dots++;
        e++;
      } else break;
    }
    // A sentence may end right after the address: `请发至 a@b.com.`
    while (e > at + 1 && (t.charCodeAt(e - 1) === 0x2e || t.charCodeAt(e - 1) === 0xff0e || t.charCodeAt(e - 1) === 0x2d)) e--;
    if (dots === 0 || e === cap || (e < n && (CHAR_FLAGS[t.charCodeAt(e)] & WORD) !== 0)) return -1;
    this.resetBest();
    this.consider(email, 'email', s, e, e - s);
    return this.emitBest() ? e : -1;
  }

  private word(s: number): number {
    const t = this.text;
    const n = this.n;
    if (this.startsEmail(s)) {
      const e = this.email(s, this.runEnd);
      if (e > 0) return e;
      this.runHasAt = false;
    }
    let e = s;
    let digits = 0;
    let letters = 0;
    let leading = 0;
    let lowerCase = 0;
    while (e < n) {
      const c = t.charCodeAt(e);
      const f = CHAR_FLAGS[c];
      if ((f & DIGIT) !== 0) digits++;
      else if ((f & ALPHA) !== 0) {
        letters++;
        if (digits === 0) leading++;
        if ((c >= 0x61 && c <= 0x7a) || (c >= 0xff41 && c <= 0xff5a)) lowerCase++;
      } else break;
      e++;
    }
    const next = e < n ? t.charCodeAt(e) : 0;
    if (next === 0x3a && e - s <= 4 && this.allHex(s, e)) {
      const v6 = this.ipv6(s);
      if (v6 > 0) return v6;
    }
    if (letters === 0) return this.number(s, e, false);
    if (letters === 1 && digits === 17 && isX(t.charCodeAt(e - 1))) return this.number(s, e, true);
    // Documents are written in capitals; `d695256a` is hex, not an HKID. A token that is one
    // hyphenated part of a longer identifier (a UUID, `ORD-A1234567`) is not a document number.
    if (digits === 0 || lowerCase !== 0 || e - s > MAX_TOKEN || this.hyphenatedPart(s, e)) return e;
    return this.token(s, e, leading, digits, letters);
  }

  private hyphenatedPart(s: number, e: number): boolean {
    const t = this.text;
    if (s >= 2 && isHyphen(t.charCodeAt(s - 1)) && (CHAR_FLAGS[t.charCodeAt(s - 2)] & WORD) !== 0) return true;
    return e + 1 < this.n && isHyphen(t.charCodeAt(e)) && (CHAR_FLAGS[t.charCodeAt(e + 1)] & WORD) !== 0;
  }

  private allHex(s: number, e: number): boolean {
    for (let k = s; k < e; k++) if ((CHAR_FLAGS[this.text.charCodeAt(k)] & HEX) === 0) return false;
    return true;
  }

  /**
   * Letters then digits (then maybe one letter): passports, HK/Macau and Taiwan IDs, travel
   * permits; any 18 characters: a USCC. Returns the end of what was consumed.
   */
  private token(s: number, e: number, leading: number, digits: number, letters: number): number {
    const t = this.text;
    const len = e - s;
    this.resetBest();
    if (len === 18) this.consider(uscc, 'uscc', s, e, len);
    const lettersThenDigits = letters === leading && leading <= 2;
    const trailingLetter = letters === leading + 1 && leading <= 2 && (CHAR_FLAGS[t.charCodeAt(e - 1)] & ALPHA) !== 0;
    if (lettersThenDigits || trailingLetter) {
      // HKID: 1-2 letters, 6 digits, check character, maybe in parentheses: `A123456(3)`.
      if (digits === 6 && letters === leading && e + 2 < this.n && isOpenParen(t.charCodeAt(e)) && isCloseParen(t.charCodeAt(e + 2))) {
        const check = t.charCodeAt(e + 1);
        if ((CHAR_FLAGS[check] & DIGIT) !== 0 || check === 0x41 || check === 0x61) this.consider(hkMacauId, 'hk-macau-id', s, e + 3, len + 1);
      }
      // Two-letter HKID prefixes are rare and the check character passes 1 in 11 tokens: a
      // passport (`EA1234567`) of the same shape is the likelier reading unless announced.
      if (len === leading + 7 && digits >= 6) this.consider(hkMacauId, 'hk-macau-id', s, e, len, false, leading === 2 ? HKID_TWO_LETTER_CAP : 1);
      if (leading === 1 && len === 10 && lettersThenDigits) this.consider(taiwanId, 'taiwan-id', s, e, len);
      if (lettersThenDigits && digits >= 6 && digits <= 8) this.consider(passport, 'passport', s, e, len);
      if (leading <= 2 && (len === 9 || len === 11 || trailingLetter)) this.consider(travelPermit, 'travel-permit', s, e, len, false, TRAVEL_PERMIT_CAP);
    }
    // The parenthesized check character, when that reading won, is consumed with the token.
    const end = this.bestKind !== null && this.bestEnd > e ? this.bestEnd : e;
    this.emitBest();
    return end;
  }

  // --- Triggers ---------------------------------------------------------------------------------

  /** `::` (IPv6), `(` (area code) or a province abbreviation (plate) at `i`. */
  private trigger(i: number): number {
    const c = this.text.charCodeAt(i);
    if (c === 0x3a) {
      if (i + 1 < this.n && this.text.charCodeAt(i + 1) === 0x3a) {
        const v6 = this.ipv6(i);
        if (v6 > 0) return v6;
      }
      return i + 1;
    }
    if (isOpenParen(c)) return this.parenthesizedLandline(i);
    return this.plate(i);
  }

  /** IPv6 text starting at `s` (a hex word followed by `:`, or `::`): returns its end or -1. */
  private ipv6(s: number): number {
    if (s < this.ipv6TriedUntil) return -1;
    const t = this.text;
    const cap = s + MAX_IPV6 + 1;
    let j = s;
    let colons = 0;
    let dots = 0;
    let doubleColon = false;
    while (j < this.n && j < cap) {
      const c = t.charCodeAt(j);
      if (c === 0x3a) {
        colons++;
        if (j > s && t.charCodeAt(j - 1) === 0x3a) doubleColon = true;
      } else if (c === 0x2e) dots++;
      else if ((CHAR_FLAGS[c] & HEX) === 0) break;
      j++;
    }
    this.ipv6TriedUntil = j;
    if (j === cap || (j < this.n && (CHAR_FLAGS[t.charCodeAt(j)] & WORD) !== 0)) return -1;
    // Trailing punctuation of the sentence (`… from fe80::1.` / `ip 2001:db8::1: denied`).
    let e = j;
    if (e > s && t.charCodeAt(e - 1) === 0x2e) e--;
    if (e > s + 1 && t.charCodeAt(e - 1) === 0x3a && t.charCodeAt(e - 2) !== 0x3a) {
      e--;
      colons--;
    }
    if (!(doubleColon || colons === 7 || (colons === 6 && dots === 3))) return -1;
    this.resetBest();
    this.consider(ipAddress, 'ip-address', s, e, e - s);
    return this.emitBest() ? e : -1;
  }

  /** `(010)6512 3456`, `（0571）88888888`: an area code in parentheses, then the local number. */
  private parenthesizedLandline(i: number): number {
    const t = this.text;
    const n = this.n;
    let j = i + 1;
    while (j < n && j - i <= 5 && (CHAR_FLAGS[t.charCodeAt(j)] & DIGIT) !== 0) j++;
    const area = j - i - 1;
    if ((area !== 3 && area !== 4) || digitValue(t.charCodeAt(i + 1)) !== 0 || j >= n || !isCloseParen(t.charCodeAt(j))) return i + 1;
    let p = j + 1;
    if (p < n && (CHAR_FLAGS[t.charCodeAt(p)] & SEP) !== 0) p++;
    const g1 = this.digitRunEnd(p);
    let end = g1;
    const groups = [g1 - p];
    if (g1 + 1 < n && (CHAR_FLAGS[t.charCodeAt(g1)] & SEP) !== 0 && (CHAR_FLAGS[t.charCodeAt(g1 + 1)] & DIGIT) !== 0) {
      const g2 = this.digitRunEnd(g1 + 1);
      if (g1 - p <= 4) {
        groups.push(g2 - g1 - 1);
        end = g2;
      }
    }
    if (!isLandlineLocalGrouping(groups, 0, groups.length - 1) || (end < n && (CHAR_FLAGS[t.charCodeAt(end)] & WORD) !== 0) || isDecimalPoint(t, end)) return i + 1;
    this.resetBest();
    this.consider(cnLandline, 'cn-landline', i, end, area + groups.reduce((a, b) => a + b, 0));
    return this.emitBest() ? end : i + 1;
  }

  private digitRunEnd(p: number): number {
    const t = this.text;
    let q = p;
    while (q < this.n && (CHAR_FLAGS[t.charCodeAt(q)] & DIGIT) !== 0) q++;
    return q;
  }

  /**
   * A licence plate at a province abbreviation: `京A12345`, `粤B·D2345`, `沪AD12345`. The
   * letters and digits after the abbreviation must end there (`京A123456` is not a plate).
   */
  private plate(p: number): number {
    const t = this.text;
    const n = this.n;
    const w1 = p + 1;
    if (w1 >= n || (CHAR_FLAGS[t.charCodeAt(w1)] & ALPHA) === 0) return p + 1;
    let e = w1;
    while (e < n && e - w1 <= 7 && (CHAR_FLAGS[t.charCodeAt(e)] & WORD) !== 0) e++;
    let chars = e - w1;
    if (chars <= 2 && e + 1 < n && isPlateDot(t.charCodeAt(e)) && (CHAR_FLAGS[t.charCodeAt(e + 1)] & WORD) !== 0) {
      let e2 = e + 1;
      while (e2 < n && e2 - w1 <= 8 && (CHAR_FLAGS[t.charCodeAt(e2)] & WORD) !== 0) e2++;
      chars += e2 - e - 1;
      e = e2;
    }
    if (chars < 6 || chars > 7 || (e < n && (CHAR_FLAGS[t.charCodeAt(e)] & WORD) !== 0)) return p + 1;
    this.resetBest();
    this.consider(licencePlate, 'licence-plate', p, e, chars + 1);
    return this.emitBest() ? e : p + 1;
  }

  // --- Numbers ----------------------------------------------------------------------------------

  /**
   * A number starting with the group text[s, e): collects the chain of groups joined by single
   * separators, judges it, and returns the end of the last group collected.
   */
  private number(s: number, e: number, x: boolean): number {
    const t = this.text;
    const n = this.n;
    if (isDecimalPoint(t, e)) return this.dotted(s, e);
    // Most numbers in a log are short and stand alone (`costMs=35`, `12:00`, `[exec-12]`): a group
    // too short to be a value that is not followed by a separator and another group is nothing.
    if (e - s < 8 && (e + 1 >= n || (CHAR_FLAGS[t.charCodeAt(e)] & SEP) === 0 || (CHAR_FLAGS[t.charCodeAt(e + 1)] & DIGIT) === 0)) return e;
    gStart[0] = s;
    gEnd[0] = e;
    gSep[0] = 0;
    gLen[0] = e - s;
    gX[0] = x ? 1 : 0;
    let m = 1;
    let end = e;
    let last = x;
    while (!last && m < MAX_CHAIN_GROUPS && end + 1 < n) {
      const sep = t.charCodeAt(end);
      const p = end + 1;
      if ((CHAR_FLAGS[sep] & SEP) === 0 || (CHAR_FLAGS[t.charCodeAt(p)] & DIGIT) === 0) break;
      let q = p;
      let letters = 0;
      while (q < n) {
        const f = CHAR_FLAGS[t.charCodeAt(q)];
        if ((f & ALPHA) !== 0) letters++;
        else if ((f & DIGIT) === 0) break;
        q++;
      }
      last = letters === 1 && isX(t.charCodeAt(q - 1));
      if ((letters !== 0 && !last) || isDecimalPoint(t, q) || this.startsEmail(p)) break;
      if (m >= capacity) ensureCapacity(m);
      gStart[m] = p;
      gEnd[m] = q;
      gSep[m] = sep;
      gLen[m] = q - p;
      gX[m] = last ? 1 : 0;
      m++;
      end = q;
    }
    if (m === 1) {
      if (e - s >= 8) {
        this.resetBest();
        this.single(0);
        this.emitBest();
      }
    } else {
      this.chain(m, end);
    }
    return end;
  }

  /** `1.2.3.4`, `3.14`, `v2024.01.01`: consumed whole; a dotted quad may be an IPv4 address. */
  private dotted(s: number, e: number): number {
    const t = this.text;
    let j = e;
    let parts = 1;
    let short = e - s <= 3;
    while (isDecimalPoint(t, j)) {
      const p = j + 1;
      j = this.digitRunEnd(p);
      parts++;
      if (j - p > 3) short = false;
    }
    // `v1.2.3.4.5` continues a dotted word before it: not an address.
    const continues = s > 0 && (t.charCodeAt(s - 1) === 0x2e || t.charCodeAt(s - 1) === 0xff0e);
    if (parts === 4 && short && !continues && !(j < this.n && (CHAR_FLAGS[t.charCodeAt(j)] & ALPHA) !== 0)) {
      this.resetBest();
      this.consider(ipAddress, 'ip-address', s, j, j - s);
      this.emitBest();
    }
    return j;
  }

  /** The best reading of chain group `k` on its own. */
  private single(k: number): void {
    const t = this.text;
    const s = gStart[k];
    const e = gEnd[k];
    const len = gLen[k];
    if (len < 8) return;
    if (gX[k] === 1) {
      if (len === 18) {
        this.consider(cnIdCard, 'cn-id-card', s, e, len);
        // An X is also a USCC check character (`92510503017451019X`).
        this.consider(uscc, 'uscc', s, e, len);
      }
      return;
    }
    const first = digitValue(t.charCodeAt(s));
    if (len === 13 && first === 8 && s > 0 && isPlus(t.charCodeAt(s - 1)) && digitValue(t.charCodeAt(s + 1)) === 6) {
      this.consider(cnMobile, 'cn-mobile', s + 2, e, 11);
      return;
    }
    switch (len) {
      case 8:
        this.consider(travelPermit, 'travel-permit', s, e, len, true);
        this.consider(hkMacauId, 'hk-macau-id', s, e, len, true);
        return;
      case 9:
        this.consider(passport, 'passport', s, e, len, true, DIGIT_PASSPORT_CAP);
        return;
      case 10:
        if (first === 0) this.consider(cnLandline, 'cn-landline', s, e, len);
        this.consider(travelPermit, 'travel-permit', s, e, len, true);
        return;
      case 11:
        if (first === 1) this.consider(cnMobile, 'cn-mobile', s, e, len);
        else if (first === 0) this.consider(cnLandline, 'cn-landline', s, e, len);
        return;
      case 12:
        if (first === 0) this.consider(cnLandline, 'cn-landline', s, e, len);
        return;
      case 15:
        if (first === 0) {
          if (startsWith0086(t, s)) this.consider(cnMobile, 'cn-mobile', s + 4, e, 11);
        } else this.consider(cnIdCard, 'cn-id-card', s, e, len);
        return;
      case 18:
        this.consider(cnIdCard, 'cn-id-card', s, e, len);
        this.consider(bankCard, 'bank-card', s, e, len, false, CARD_CAP, CARD_CAP_BELOW);
        this.consider(uscc, 'uscc', s, e, len, false, DIGIT_USCC_CAP, DIGIT_USCC_CAP_BELOW);
        return;
      case 16:
      case 17:
      case 19:
        this.consider(bankCard, 'bank-card', s, e, len, false, CARD_CAP, CARD_CAP_BELOW);
        return;
      default:
    }
  }

  /** A `+86` / `0086` group: the country code of the mobile number after it. */
  private isCountryCode(k: number): boolean {
    const t = this.text;
    const s = gStart[k];
    if (gLen[k] === 2) return s > 0 && isPlus(t.charCodeAt(s - 1)) && digitValue(t.charCodeAt(s)) === 8 && digitValue(t.charCodeAt(s + 1)) === 6;
    return gLen[k] === 4 && startsWith0086(t, s);
  }

  /**
   * The best multi-group reading of groups a..b (b > a): `+86` and a mobile number, an area code
   * and a local number, or a mobile, ID or card number in one of its usual groupings with one
   * separator throughout.
   */
  private multi(a: number, b: number, total: number): void {
    for (let k = a; k < b; k++) if (gX[k] === 1) return;
    const start = gStart[a];
    const end = gEnd[b];
    if (this.isCountryCode(a)) {
      const digits = total - gLen[a];
      if (digits === 11 && (b === a + 1 || (uniformSeparators(a + 1, b) && isMobileGrouping(gLen, a + 1, b)))) {
        this.consider(cnMobile, 'cn-mobile', gStart[a + 1], end, 11);
      }
      return;
    }
    const first = digitValue(this.text.charCodeAt(start));
    if (first === 0 && (gLen[a] === 3 || gLen[a] === 4) && b - a <= 2 && isLandlineLocalGrouping(gLen, a + 1, b)) {
      this.consider(cnLandline, 'cn-landline', start, end, total);
    }
    if (!uniformSeparators(a, b)) return;
    if (gX[b] === 1) {
      if (isIdGrouping(gLen, a, b, total)) this.consider(cnIdCard, 'cn-id-card', start, end, total);
      return;
    }
    if (total === 11 && first === 1 && isMobileGrouping(gLen, a, b)) this.consider(cnMobile, 'cn-mobile', start, end, total);
    if (isIdGrouping(gLen, a, b, total)) this.consider(cnIdCard, 'cn-id-card', start, end, total);
    if (isCardGrouping(gLen, a, b, total)) this.consider(bankCard, 'bank-card', start, end, total, false, CARD_CAP, CARD_CAP_BELOW);
  }

  /**
   * Hyphenated groups hanging off a word (`TX-2024-0101-1381`, the digit groups of a UUID
   * `ff8f861e-0887-4805-3058-8ace`) are parts of an identifier, not a grouped number.
   */
  private hyphenAttached(m: number, end: number): boolean {
    const t = this.text;
    const s = gStart[0];
    if (s >= 2 && isHyphen(t.charCodeAt(s - 1)) && (CHAR_FLAGS[t.charCodeAt(s - 2)] & WORD) !== 0) return true;
    return m > 1 && end + 1 < this.n && isHyphen(t.charCodeAt(end)) && (CHAR_FLAGS[t.charCodeAt(end + 1)] & WORD) !== 0;
  }

  /**
   * Judges a chain of m groups: the set of non-overlapping readings covering the most digits,
   * weighted by confidence (dynamic programming, each reading spanning at most
   * {@link MAX_SPAN_GROUPS} groups). `2024 6222 0212 3456 7890` reads as a year and a card,
   * even when `2024 6222 0212 3456` passes the Luhn check by chance.
   */
  private chain(m: number, end: number): void {
    const attached = this.hyphenAttached(m, end);
    // All of a hyphenated identifier (`…-4145-057071478069`, the tail of a UUID): no group is a value.
    if (attached && allHyphens(m)) return;
    const groupedAllowed = !attached;
    const W = dpWeight;
    W[0] = 0;
    for (let k = 1; k <= m; k++) {
      W[k] = -1;
      dpKind[k] = null;
    }
    for (let a = 0; a < m; a++) {
      if (W[a + 1] < W[a]) {
        W[a + 1] = W[a];
        dpFrom[a + 1] = a;
        dpKind[a + 1] = null;
      }
      let total = 0;
      for (let b = a; b < m && b - a < MAX_SPAN_GROUPS; b++) {
        total += gLen[b];
        if (total > MAX_CANDIDATE_DIGITS + 4) break;
        if (b === a ? gLen[a] < 8 : total < 10 || !groupedAllowed) continue;
        this.resetBest();
        if (b === a) this.single(a);
        else this.multi(a, b, total);
        if (this.bestKind === null) continue;
        const w = W[a] + this.bestConf * this.bestDigits;
        if (w > W[b + 1]) {
          W[b + 1] = w;
          dpFrom[b + 1] = a;
          dpKind[b + 1] = this.bestKind;
          dpConf[b + 1] = this.bestConf;
          dpStart[b + 1] = this.bestStart;
          dpEnd[b + 1] = this.bestEnd;
        }
      }
    }
    // Walk back from the end, then emit in text order.
    let count = 0;
    for (let k = m; k > 0; k = dpFrom[k]) if (dpKind[k] !== null) count++;
    if (count === 0) return;
    const picked = new Array<number>(count);
    for (let k = m, i = count - 1; k > 0; k = dpFrom[k]) if (dpKind[k] !== null) picked[i--] = k;
    for (const k of picked) this.emit(dpKind[k] as ScanKind, dpStart[k], dpEnd[k], dpConf[k]);
  }
}

/** Same separator between all groups (from, to]. */
function uniformSeparators(from: number, to: number): boolean {
  const sep = gSep[from + 1];
  for (let k = from + 2; k <= to; k++) if (gSep[k] !== sep) return false;
  return true;
}

function allHyphens(m: number): boolean {
  for (let k = 1; k < m; k++) if (!isHyphen(gSep[k])) return false;
  return true;
}

function isHyphen(code: number): boolean {
  return (CHAR_FLAGS[code] & SEP) !== 0 && code !== 0x20 && code !== 0xa0 && code !== 0x3000;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function isX(code: number): boolean {
  return code === 0x58 || code === 0x78 || code === 0xff38 || code === 0xff58;
}

/** A decimal point followed by a digit at `i` (`3.14`, `１．５`). */
function isDecimalPoint(t: string, i: number): boolean {
  if (i + 1 >= t.length) return false;
  const c = t.charCodeAt(i);
  return (c === 0x2e || c === 0xff0e) && (CHAR_FLAGS[t.charCodeAt(i + 1)] & DIGIT) !== 0;
}

function startsWith0086(t: string, s: number): boolean {
  return digitValue(t.charCodeAt(s)) === 0 && digitValue(t.charCodeAt(s + 1)) === 0 && digitValue(t.charCodeAt(s + 2)) === 8 && digitValue(t.charCodeAt(s + 3)) === 6;
}

/** The dot between a plate's authority letter and its number (`粤B·D2345`), or a space. */
function isPlateDot(code: number): boolean {
  return code === 0xb7 || code === 0x2022 || code === 0x30fb || code === 0x20 || code === 0x2e;
}
