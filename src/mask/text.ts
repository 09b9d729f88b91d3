/**
 * How masks see text: a value is a sequence of *units* (user-perceived characters), and each
 * unit is either *significant* (counted and maskable) or a *separator* (kept in place, not
 * counted).
 *
 * - A unit is a grapheme cluster when `Intl.Segmenter` exists, else a code point. So an emoji
 *   ZWJ sequence or a letter with combining marks is one unit and becomes ONE mask character;
 *   a surrogate pair is never split, whatever the runtime.
 * - Separators are whitespace (including full-width U+3000 and NBSP) and hyphens/dashes
 *   (`-`, U+2010–U+2015, U+2212, U+FE63, U+FF0D): the formatting of `6222 0212 3456 7890` or
 *   `010-12345678`, which tells nothing about the value. A rule can opt out
 *   (`keepSeparators: false`) and then every unit is significant.
 *
 * The hot path is a short digit or CJK string: {@link scanFast} recognises strings in which
 * every UTF-16 code unit is a whole grapheme cluster on its own, so positions can be computed
 * with `charCodeAt` and `slice`. It also recognises strings in which every *code point* stands
 * alone (a rare CJK-extension character in a name, a lone emoji), which are cut by code point.
 * Only the rest meets `Intl.Segmenter`, which costs microseconds per value in V8.
 */

/** True for the separator code points listed in the module comment (all are in the BMP). */
export function isSeparatorCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x1680) return c === 0x2d || c === 0xa0 || c === 0x85;
  // CJK and full-width text lands here: a few compares, not the whole list.
  if (c >= 0x3000) return c === 0x3000 || c === 0xfe63 || c === 0xfeff || c === 0xff0d;
  return (
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    (c >= 0x2010 && c <= 0x2015) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2212
  );
}

/**
 * True when the code unit is, in any context, a grapheme cluster by itself: no Unicode
 * segmentation rule (GB3–GB13) can join it with a neighbour from the same set. Below U+0300
 * only CR is excluded (CR LF is one cluster); the CJK, Hangul-syllable and full-width ranges
 * contain no combining marks, joiners, prepend or spacing marks, and Hangul syllables only join
 * with conjoining jamo, which are outside the set.
 */
function isStandaloneCode(c: number): boolean {
  if (c < 0x300) return c !== 0x0d;
  return (
    (c >= 0x4e00 && c <= 0x9fff) || // CJK unified ideographs
    (c >= 0x3400 && c <= 0x4dbf) || // CJK extension A
    (c >= 0x3000 && c <= 0x3029) || // CJK symbols and punctuation (U+302A.. are combining)
    (c >= 0xff01 && c <= 0xff5e) || // full-width ASCII forms, incl. full-width digits
    (c >= 0xac00 && c <= 0xd7a3) // Hangul syllables
  );
}

/**
 * True for a supplementary code point that is a grapheme cluster on its own next to any
 * character of the standalone set: CJK extensions B–H (planes 2 and 3, ideographs only) and
 * emoji from U+1F000–U+1FAFF except regional indicators (two make a flag) and skin-tone
 * modifiers (they attach to the previous emoji). A lone emoji next to digits or CJK breaks on
 * both sides; ZWJ sequences, variation selectors and tags bring code units outside the set.
 */
function isStandaloneSupplementary(cp: number): boolean {
  if (cp >= 0x20000 && cp <= 0x3ffff) return true;
  return cp >= 0x1f000 && cp <= 0x1faff && !(cp >= 0x1f1e6 && cp <= 0x1f1ff) && !(cp >= 0x1f3fb && cp <= 0x1f3ff);
}

/** {@link scanFast}: the units are grapheme clusters and need `Intl.Segmenter`. */
export const SEGMENT_GRAPHEMES = -1;
/** {@link scanFast}: every code point is a cluster of its own (surrogate pairs present). */
export const SEGMENT_CODE_POINTS = -2;
export type Segmentation = typeof SEGMENT_GRAPHEMES | typeof SEGMENT_CODE_POINTS;

/**
 * One pass over the code units. Returns {@link SEGMENT_GRAPHEMES} when some code unit may
 * belong to a larger grapheme cluster (combining marks, joiners, modifiers, lone surrogates
 * ...), {@link SEGMENT_CODE_POINTS} when every code point stands alone but some take two code
 * units. Otherwise every code unit is one unit, and the result is `2 * significant +
 * hasSeparator`, so the caller learns both facts without an allocation.
 */
export function scanFast(value: string, keepSeparators: boolean): number {
  let separators = 0;
  let pairs = false;
  const len = value.length;
  for (let i = 0; i < len; i++) {
    const c = value.charCodeAt(i);
    // ASCII digits, letters and most punctuation: the common case, decided in one compare.
    if (c > 0x2d && c < 0x7f) continue;
    if (isStandaloneCode(c)) {
      if (keepSeparators && isSeparatorCode(c)) separators++;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff && isStandaloneSupplementary(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000)) {
        pairs = true;
        i++;
        continue;
      }
    }
    return SEGMENT_GRAPHEMES;
  }
  if (pairs) return SEGMENT_CODE_POINTS;
  return ((len - separators) << 1) | (separators > 0 ? 1 : 0);
}

// --- Segmentation ----------------------------------------------------------------------------

interface GraphemeSegmenter {
  segment(input: string): Iterable<{ segment: string }>;
}

let segmenter: GraphemeSegmenter | null | undefined;

function getSegmenter(): GraphemeSegmenter | null {
  if (segmenter === undefined) {
    const Ctor = (globalThis as { Intl?: { Segmenter?: new (locale?: string, options?: { granularity: 'grapheme' }) => GraphemeSegmenter } }).Intl
      ?.Segmenter;
    segmenter = typeof Ctor === 'function' ? new Ctor(undefined, { granularity: 'grapheme' }) : null;
  }
  return segmenter;
}

/**
 * Code points of a string. Lone surrogates (not well-formed UTF-16) come out as units of their
 * own, so they are masked rather than passed through or paired with a neighbour.
 */
export function splitCodePoints(value: string): string[] {
  const out: string[] = [];
  const len = value.length;
  for (let i = 0; i < len; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out.push(value.slice(i, i + 2));
        i++;
        continue;
      }
    }
    out.push(value[i]);
  }
  return out;
}

/** Grapheme clusters via `Intl.Segmenter` where the runtime has it, else code points. */
export function splitUnits(value: string): string[] {
  const seg = getSegmenter();
  if (seg === null) return splitCodePoints(value);
  const out: string[] = [];
  for (const s of seg.segment(value)) out.push(s.segment);
  return out;
}

/** A value cut into units, with the significance of each. */
export interface Units {
  readonly units: readonly string[];
  /** `significant[i]` is false for separators. */
  readonly significant: readonly boolean[];
  /** Number of significant units. */
  readonly count: number;
  /** A mask character could fuse with a kept neighbour (see {@link maskSpanUnits}). */
  readonly mayFuse: boolean;
}

function isSeparatorUnit(unit: string): boolean {
  // A cluster is a separator only if every code unit in it is one ("\r\n"); a space carrying a
  // combining mark is a visible character and is counted.
  for (let i = 0; i < unit.length; i++) if (!isSeparatorCode(unit.charCodeAt(i))) return false;
  return true;
}

/**
 * Characters with Grapheme_Cluster_Break Control, CR or LF (and a few harmless extras such as
 * ZWJ): only next to one can a combining mark start a cluster or a prepend mark end one, which
 * is what would let a mask character fuse with a kept neighbour (UAX #29 GB4, GB5).
 */
const CONTROL_LIKE = /[\p{Cc}\p{Cf}\p{Cs}\p{Cn}\p{Zl}\p{Zp}]/u;

/**
 * The slow path: cuts any string (lone surrogates included) into units — grapheme clusters,
 * or code points when {@link scanFast} found that they coincide or there is no segmenter.
 */
export function segment(value: string, keepSeparators: boolean, how: Segmentation = SEGMENT_GRAPHEMES): Units {
  const graphemes = how === SEGMENT_GRAPHEMES && getSegmenter() !== null;
  const units = graphemes ? splitUnits(value) : splitCodePoints(value);
  const significant = new Array<boolean>(units.length);
  let count = 0;
  for (let i = 0; i < units.length; i++) {
    const sig = !keepSeparators || !isSeparatorUnit(units[i]);
    significant[i] = sig;
    if (sig) count++;
  }
  return { units, significant, count, mayFuse: graphemes && CONTROL_LIKE.test(value) };
}

// --- Rendering -------------------------------------------------------------------------------

const STAR_RUNS: string[] = [];
for (let k = 0; k <= 64; k++) STAR_RUNS.push('*'.repeat(k));

/** `k` copies of the mask character, from a table for the default `*`. */
export function maskRun(maskChar: string, k: number): string {
  if (maskChar === '*' && k <= 64) return STAR_RUNS[k];
  return maskChar.repeat(k);
}

/**
 * Masks the significant units with index in [from, to) of a string for which {@link scanFast}
 * did not return {@link NEEDS_SEGMENTATION} (each code unit is one unit).
 */
export function maskSpanFast(
  value: string,
  from: number,
  to: number,
  maskChar: string,
  keepSeparators: boolean,
  hasSeparator: boolean,
): string {
  if (to <= from) return value;
  if (!hasSeparator) return value.slice(0, from) + maskRun(maskChar, to - from) + value.slice(to);
  let out = '';
  let sig = 0;
  let runStart = 0; // start of the pending slice of kept code units
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (keepSeparators && isSeparatorCode(c)) continue;
    if (sig >= from && sig < to) {
      out += value.slice(runStart, i) + maskChar;
      runStart = i + 1;
    }
    sig++;
  }
  return out + value.slice(runStart);
}

function renderUnits(u: Units, from: number, to: number, maskChar: string): string {
  let out = '';
  let sig = 0;
  for (let i = 0; i < u.units.length; i++) {
    if (!u.significant[i]) {
      out += u.units[i];
      continue;
    }
    out += sig >= from && sig < to ? maskChar : u.units[i];
    sig++;
  }
  return out;
}

/**
 * Masks the significant units with index in [from, to) of a segmented value.
 *
 * A kept cluster can only stand next to a masked one because of its old neighbour: a stray
 * combining mark after a control character, a prepend mark before one. Once that neighbour
 * becomes a mask character the two may fuse into one cluster, and the mask character would
 * then carry a mark of the hidden text. Such values are rare and malformed, so they are masked
 * entirely (which can never fuse: every significant unit becomes a mask character).
 */
export function maskSpanUnits(u: Units, from: number, to: number, maskChar: string): string {
  const out = renderUnits(u, from, to, maskChar);
  if (!u.mayFuse || (from <= 0 && to >= u.count)) return out;
  return countGraphemes(out) === u.units.length ? out : renderUnits(u, 0, u.count, maskChar);
}

function countGraphemes(value: string): number {
  let n = 0;
  for (const _ of getSegmenter()!.segment(value)) n++;
  return n;
}

/**
 * True when `c` stays one cluster on its own next to any other cluster, and next to itself:
 * combining marks and joiners fail (they attach), and so do emoji modifiers, regional
 * indicators (two make a flag) and prepend marks, which no general category reveals.
 */
export function isSelfContainedCharacter(c: string): boolean {
  if (getSegmenter() === null) return true;
  return countGraphemes(c + c) === 2 && countGraphemes('a' + c) === 2 && countGraphemes(c + 'a') === 2;
}
