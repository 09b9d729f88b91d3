/**
 * Reading a column (or table) name into candidate Chinese strings for the head-final matcher.
 *
 * - `camelCase`, `snake_case`, `UPPER_CASE`, `kebab-case` and mixed Chinese split into tokens;
 * - runs of Latin tokens that spell a known name (`card` `nbr` → `cardno`, `home` `phone`
 *   `no` → `homephone` + 号) become one placeholder for that entry, longest first from the
 *   right, so the kinds' curated names keep their meaning;
 * - other English tokens are glossed (`borrower` → 借款人, `upd` → 更新);
 * - pinyin initials are segmented into morphemes and read (`jkrsfzh` → 借款人 + 身份证号,
 *   `yhkmm` → 银行卡 + 密码), keeping the few best segmentations and readings;
 * - Chinese is kept as written.
 *
 * Everything is bounded: names are cut to 128 UTF-16 units, pinyin tokens longer than 24
 * letters are not segmented, and at most 24 candidates survive.
 */
import { toHalfWidth } from '../kinds/text.js';
import { type ConceptEntry, type Lexicon, UNKNOWN } from './lexicon.js';
import { ABBREVIATIONS, ENGLISH, PINYIN } from './vocabulary.js';

export const MAX_NAME_LENGTH = 128;
const MAX_PINYIN_TOKEN = 24;
const MAX_SPAN_TOKENS = 6;
const MAX_CANDIDATES = 24;

export interface Token {
  readonly text: string;
  readonly type: 'latin' | 'digits' | 'han';
}

const TOKEN = /(\p{Script=Han}+)|([A-Za-z]+)|([0-9]+)/gu;
const CAMEL = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+/g;

/** Splits a name into lower-case Latin words, digit runs and Han runs; everything else separates. */
export function splitTokens(name: string): Token[] {
  const s = toHalfWidth(String(name).slice(0, MAX_NAME_LENGTH));
  const out: Token[] = [];
  for (const m of s.matchAll(TOKEN)) {
    if (m[1] !== undefined) out.push({ text: m[1], type: 'han' });
    else if (m[2] !== undefined) {
      for (const w of m[2].match(CAMEL) ?? []) out.push({ text: w.toLowerCase(), type: 'latin' });
    } else out.push({ text: m[3], type: 'digits' });
  }
  return out;
}

/** Leading tokens that are naming conventions, not meaning: `f_`, `c_`, `col_`, `t_` (tables). */
const NOISE_PREFIXES = new Set(['f', 'c', 'v', 'n', 's', 'fld', 'col', 'fd', 'p', 'i', 'l']);
const TABLE_PREFIXES = new Set(['t', 'tb', 'tbl', 'tab', 'table', 'dim', 'fact', 'ods', 'dwd', 'dws', 'ads', 'stg', 'src', 'v', 'vw']);

/** Drops naming-convention prefixes while at least one meaningful token remains. */
export function dropNoise(tokens: readonly Token[], table: boolean): Token[] {
  const set = table ? TABLE_PREFIXES : NOISE_PREFIXES;
  let i = 0;
  while (i < tokens.length - 1 && tokens[i].type === 'latin' && set.has(tokens[i].text)) i++;
  return tokens.slice(i);
}

/** Reports whether any of the words appears in the context (table, comment, rest of the name). */
export type ContextProbe = (words: readonly string[]) => boolean;

interface Alt {
  readonly text: string;
  readonly prior: number;
}

export interface Candidate {
  /** The reading: Chinese, glossed Latin, placeholders of matched entries. */
  readonly text: string;
  readonly prior: number;
}

const RANK_PRIOR = [1, 0.75, 0.6, 0.5, 0.45];

/** `a|b@ctx1,ctx2|c` → alternatives with priors; a context reading needs its context nearby. */
function parseReadings(spec: string, probe: ContextProbe, scale = 1): Alt[] {
  const out: Alt[] = [];
  spec.split('|').forEach((part, i) => {
    const at = part.indexOf('@');
    let prior = RANK_PRIOR[Math.min(i, RANK_PRIOR.length - 1)] * scale;
    let text = part;
    if (at >= 0) {
      text = part.slice(0, at);
      prior *= probe(part.slice(at + 1).split(',')) ? 2 : 0.6;
    }
    if (text !== '') out.push({ text, prior });
  });
  return out;
}

const IDENTIFIER_TOKENS = new Set(['no', 'nbr', 'num', 'number', 'nr', 'id', 'code', 'cd']);

function abbreviated(t: string): string {
  return ABBREVIATIONS[t] ?? t;
}

const segmentSets = new WeakMap<Lexicon, { keys: ReadonlySet<string>; maxLength: number }>();

/** Morphemes the pinyin segmenter may use: the pinyin table and unambiguous Latin names. */
function segments(lex: Lexicon): { keys: ReadonlySet<string>; maxLength: number } {
  let s = segmentSets.get(lex);
  if (s === undefined) {
    const keys = new Set<string>(Object.keys(PINYIN));
    for (const k of lex.latinConcepts) {
      const e = lex.entries.get(k);
      // Pinyin-initial names only (no vowels): English words must not be found inside pinyin (`page` ≠ p + age).
      if (k.length <= 14 && !/[aeiou]/.test(k) && e?.role === 'concept' && e.alternatives.length === 1) keys.add(k);
    }
    let maxLength = 1;
    for (const k of keys) maxLength = Math.max(maxLength, k.length);
    s = { keys, maxLength };
    segmentSets.set(lex, s);
  }
  return s;
}

interface Path {
  readonly cost: number;
  readonly segs: readonly { readonly text: string; readonly known: boolean }[];
  readonly unknown: number;
}

const SEGMENTATIONS = 3;

/**
 * The best segmentations of a pinyin token into known morphemes (fewest, longest pieces;
 * single letters are dear; unknown letters dearer). Null when most of the token is unknown.
 */
function segmentPinyin(lex: Lexicon, token: string): Path[] | null {
  if (token.length > MAX_PINYIN_TOKEN) return null;
  const { keys, maxLength } = segments(lex);
  const best: Path[][] = [[{ cost: 0, segs: [], unknown: 0 }]];
  for (let k = 1; k <= token.length; k++) {
    const cands: Path[] = [];
    for (let len = 1; len <= Math.min(maxLength, k); len++) {
      const seg = token.slice(k - len, k);
      if (!keys.has(seg)) continue;
      const cost = len === 1 ? 1.8 : lex.latinConcepts.has(seg) && len >= 3 ? 0.9 : 1;
      for (const p of best[k - len]) cands.push({ cost: p.cost + cost, segs: [...p.segs, { text: seg, known: true }], unknown: p.unknown });
    }
    for (const p of best[k - 1]) {
      const last = p.segs[p.segs.length - 1];
      const segs = last !== undefined && !last.known ? [...p.segs.slice(0, -1), { text: last.text + token[k - 1], known: false }] : [...p.segs, { text: token[k - 1], known: false }];
      cands.push({ cost: p.cost + 1.5, segs, unknown: p.unknown + 1 });
    }
    cands.sort((a, b) => a.cost - b.cost);
    best[k] = cands.slice(0, SEGMENTATIONS);
  }
  // Initials (no vowels) may keep an unknown letter or two; a word with vowels is whole pinyin or
  // English, and English words must not be chopped into accidental morphemes (`issue` ≠ 手势 + 额).
  const allowed = /[aeiou]/.test(token) ? 0 : token.length * 0.4;
  const done = best[token.length].filter((p) => p.unknown <= allowed && p.segs.some((s) => s.known));
  return done.length === 0 ? null : done;
}

/** Readings of one Latin token: English gloss, pinyin morpheme, known name, or pinyin segmentation. */
function tokenReadings(lex: Lexicon, token: string, probe: ContextProbe): Alt[] {
  const alts: Alt[] = [];
  const english = ENGLISH[token] ?? ENGLISH[abbreviated(token)];
  if (english !== undefined) alts.push(...parseReadings(english, probe));
  const pinyin = PINYIN[token];
  if (pinyin !== undefined) alts.push(...parseReadings(pinyin, probe, english === undefined ? 1 : 0.7));
  if (alts.length > 0) return alts;
  const entry = lex.entries.get(token) ?? lex.entries.get(abbreviated(token));
  if (entry?.role === 'concept') return [{ text: lex.placeholder(entry), prior: 1 }];
  const paths = segmentPinyin(lex, token);
  if (paths === null) return [{ text: UNKNOWN, prior: 0.3 }];
  const bestCost = paths[0].cost;
  const out: Alt[] = [];
  for (const path of paths) {
    let readings: Alt[] = [{ text: '', prior: Math.exp(-(path.cost - bestCost) * 0.6) / (1 + 0.3 * path.unknown) }];
    for (const seg of path.segs) {
      let segAlts: Alt[];
      if (!seg.known) segAlts = [{ text: UNKNOWN, prior: 1 }];
      else if (PINYIN[seg.text] !== undefined) segAlts = parseReadings(PINYIN[seg.text], probe);
      else segAlts = [{ text: lex.placeholder(lex.entries.get(seg.text) as ConceptEntry), prior: 1 }];
      const next: Alt[] = [];
      for (const r of readings) for (const a of segAlts) next.push({ text: r.text + a.text, prior: r.prior * a.prior });
      next.sort((a, b) => b.prior - a.prior);
      readings = next.slice(0, 8);
    }
    out.push(...readings);
  }
  out.sort((a, b) => b.prior - a.prior);
  return out.slice(0, 12);
}

function isAsciiAlnumCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a);
}

/** Joins reading pieces, keeping a space between Latin words so they do not run together. */
function join(a: string, b: string): string {
  if (a === '' || b === '') return a + b;
  return isAsciiAlnumCode(a.charCodeAt(a.length - 1)) && isAsciiAlnumCode(b.charCodeAt(0)) ? a + ' ' + b : a + b;
}

/** Looks a run of Latin tokens up as one name, raw or with abbreviations folded. */
function spanEntry(lex: Lexicon, tokens: readonly Token[], j: number, e: number): ConceptEntry | undefined {
  let raw = '';
  let folded = '';
  for (let k = j; k < e; k++) {
    if (tokens[k].type === 'han') return undefined;
    raw += tokens[k].text;
    folded += abbreviated(tokens[k].text);
  }
  for (const key of raw === folded ? [raw] : [raw, folded]) {
    if (!lex.latinConcepts.has(key)) continue;
    const entry = lex.entries.get(key);
    if (entry?.role === 'concept') return entry;
  }
  return undefined;
}

/**
 * Candidate readings of a token sequence, most likely first. Multi-token names are matched
 * from the right (the head is last), allowing identifier tokens (`no`, `id`, `code`) after a
 * name to be read separately (`home_phone_nbr` → homephone + 号).
 */
export function readTokens(lex: Lexicon, tokens: readonly Token[], probe: ContextProbe): Candidate[] {
  const pieces: Alt[][] = [];
  let i = tokens.length;
  while (i > 0) {
    const t = tokens[i - 1];
    if (t.type === 'han') {
      pieces.push([{ text: t.text, prior: 1 }]);
      i--;
      continue;
    }
    let best: { j: number; e: number; entry: ConceptEntry } | undefined;
    for (let e = i; e >= Math.max(1, i - 2); e--) {
      if (e < i && !IDENTIFIER_TOKENS.has(tokens[e].text)) break;
      for (let j = Math.max(0, e - MAX_SPAN_TOKENS); j <= e - 2; j++) {
        const entry = spanEntry(lex, tokens, j, e);
        if (entry === undefined) continue;
        if (best === undefined || i - j > i - best.j) best = { j, e, entry };
        break;
      }
    }
    if (best !== undefined) {
      for (let k = i - 1; k >= best.e; k--) pieces.push(tokenReadings(lex, tokens[k].text, probe));
      pieces.push([{ text: lex.placeholder(best.entry), prior: 1 }]);
      i = best.j;
      continue;
    }
    pieces.push(t.type === 'digits' ? [{ text: '', prior: 1 }] : tokenReadings(lex, t.text, probe));
    i--;
  }
  pieces.reverse();
  let cands: Alt[] = [{ text: '', prior: 1 }];
  for (const alts of pieces) {
    const next: Alt[] = [];
    for (const c of cands) for (const a of alts) next.push({ text: join(c.text, a.text), prior: c.prior * a.prior });
    next.sort((a, b) => b.prior - a.prior);
    cands = next.slice(0, MAX_CANDIDATES);
  }
  return cands.filter((c) => c.text !== '');
}
