/**
 * Name evidence: what a column name, its comment and its table say the column holds.
 */
import { canonicalFieldName } from '../kinds/registry.js';
import { type Alternative, findHead, type HeadMatch, type Lexicon, lexicon, UNKNOWN } from './lexicon.js';
import { type ContextProbe, dropNoise, MAX_NAME_LENGTH, readTokens, splitTokens } from './reading.js';
import type { Subject } from './types.js';
import { ENGLISH, PINYIN } from './vocabulary.js';

export interface ConceptScore {
  readonly concept: string;
  readonly score: number;
}

export interface NameEvidence {
  /** What was read, for reasons (`借款人身份证号`, `[cardno]号`). */
  readonly reading: string;
  /** Candidate concepts, best first; scores in 0..1. */
  readonly concepts: readonly ConceptScore[];
  /** 0..1: how sure the reading and the head are. */
  readonly confidence: number;
  /** Whom the name's own qualifiers say it describes (`借款人`, `branch`). */
  readonly subject?: Subject;
  /** The head was implied by a suffix only (`X编号`, `X名称`) rather than named. */
  readonly implied: boolean;
  /** The whole name is a known name (a kind's or the vocabulary's). */
  readonly exact: boolean;
}

export interface TableContext {
  /** Readings of the table name and comment, for context words. */
  readonly texts: readonly string[];
  readonly subject?: Subject;
}

/** Renders placeholders of a reading as `[key]` for humans. */
function display(lex: Lexicon, text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (ch === UNKNOWN) out += '?';
    else if (code >= 0xe000 && code < 0xf8ff) {
      const e = lex.entries.get(ch);
      out += e === undefined ? '?' : `[${e.key}]`;
    } else out += ch;
  }
  return out;
}

/** Context words found in any of the texts (substring match; words and texts are canonical). */
export function makeProbe(texts: readonly string[]): ContextProbe {
  const hay = texts.filter((t) => t !== '');
  return (words) => words.some((w) => hay.some((t) => t.includes(w)));
}

function rankAlternatives(alts: readonly Alternative[], probe: ContextProbe): ConceptScore[] {
  const scored = alts.map((a) => ({
    concept: a.concept,
    score: a.prior * (a.context !== undefined && a.context.length > 0 ? (probe(a.context) ? 2 : 0.8) : 1),
  }));
  scored.sort((a, b) => b.score - a.score);
  const top = scored[0]?.score ?? 1;
  return scored.map((s) => ({ concept: s.concept, score: Math.min(1, s.score / Math.max(top, 1e-9)) * (top >= 0.6 ? 1 : 0.8) }));
}

/** Confidence that the top alternative is right: its share of the alternatives' weight. */
function margin(concepts: readonly ConceptScore[]): number {
  if (concepts.length <= 1) return 1;
  const total = concepts.reduce((s, c) => s + c.score, 0);
  return total === 0 ? 0 : concepts[0].score / total;
}

interface Scored {
  readonly text: string;
  readonly match: HeadMatch;
  readonly score: number;
}

/** A column name or comment read into evidence, or undefined when nothing in it is known. */
export function readName(text: string, probe: ContextProbe, opts: { comment?: boolean } = {}): NameEvidence | undefined {
  const lex = lexicon();
  let source = String(text).slice(0, MAX_NAME_LENGTH);
  // `t_customer.mobile`: the last part is the column (a table part is passed as context).
  if (!opts.comment) source = source.slice(source.lastIndexOf('.') + 1);
  const tokens = dropNoise(splitTokens(source), false);
  if (tokens.length === 0) return undefined;

  // 1. The whole name is a known name (`custIdNo`, `zjhm`, `证件号码`).
  const whole = canonicalFieldName(tokens.map((t) => t.text).join(''));
  const entry = lex.entries.get(whole);
  // Ambiguous short tokens (`kh`, `zh`, `mm`, `name`) are read instead, where context picks the sense.
  // So are kinds' names that are also pinyin with several readings (`xm`: 姓名 or 项目).
  const reading = PINYIN[whole] ?? ENGLISH[whole];
  const readInstead = reading !== undefined && entry?.role === 'concept' && entry.curated !== true && (entry.weak === true || entry.alternatives.length > 1 || reading.includes('|'));
  if (entry?.role === 'concept' && !readInstead) {
    const concepts = rankAlternatives(entry.alternatives, probe);
    const base = entry.weak === true ? 0.6 : 0.92;
    return { reading: whole, concepts, confidence: base * Math.max(0.55, margin(concepts)), implied: false, exact: true };
  }

  // 2. Read it: tokens → candidate readings → head-final match.
  const cands = readTokens(lex, tokens, probe);
  const scored: Scored[] = [];
  for (const c of cands) {
    const match = findHead(lex, c.text);
    const headWeight = match.head !== undefined ? 1 : match.qualifierOnly === true ? 0.8 : match.implied !== undefined ? 0.45 : 0.05;
    const score = c.prior * headWeight * (0.2 + 0.8 * match.coverage) * Math.max(match.quality, 0.1);
    scored.push({ text: c.text, match, score });
  }
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (best === undefined || (best.match.head === undefined && best.match.implied === undefined)) return undefined;
  const { match } = best;
  const alts: readonly Alternative[] = match.head?.alternatives ?? match.implied ?? [];
  // The rest of the reading is context too: `sfzyxq` reads 身份证有效期, whose 身份证 says which
  // 有效期 (a document's validity, not a card's expiry) as a table or comment would.
  const readAs = display(lex, best.text);
  const concepts = rankAlternatives(alts, (words) => probe(words) || words.some((w) => readAs.includes(w)));
  // Other readings that are nearly as good (khh: 客户号 or 开户行) stay as alternatives for content to settle.
  for (const other of scored.slice(1, 6)) {
    if (other.score < best.score * 0.35 || other.match.head === undefined) continue;
    for (const a of rankAlternatives(other.match.head.alternatives, probe)) {
      if (concepts.some((c) => c.concept === a.concept)) continue;
      concepts.push({ concept: a.concept, score: a.score * (other.score / best.score) * 0.9 });
    }
  }
  const implied = match.head === undefined && match.qualifierOnly !== true;
  const base = implied ? 0.55 : 0.82;
  const confidence = base * match.quality * (0.6 + 0.4 * match.coverage) * Math.max(0.55, margin(concepts)) * Math.min(1, 0.6 + best.score);
  return {
    reading: readAs,
    concepts,
    confidence: Math.max(0.05, Math.min(0.95, confidence)),
    subject: match.subject,
    implied,
    exact: false,
  };
}

/** The first clause of a comment: `安全码(CVN2)，3位` → `安全码`; the bracket is kept as a fallback. */
export function commentClauses(comment: string): string[] {
  const s = String(comment).slice(0, 256).trim();
  const main = s.split(/[,，;；。:：\n\r\t|/、]|\s-\s/u)[0]?.trim() ?? '';
  const out: string[] = [];
  const bare = main.replace(/[(（[【][^)）\]】]*[)）\]】]?/gu, '').trim();
  if (bare !== '') out.push(bare.slice(0, 48));
  const inner = /[(（[【]([^)）\]】]{1,32})/u.exec(main);
  if (inner !== null) out.push(inner[1]);
  if (out.length === 0 && s !== '') out.push(s.slice(0, 48));
  return out;
}

/** A comment read into evidence (its first clause, then what is in brackets). */
export function readComment(comment: string, probe: ContextProbe): NameEvidence | undefined {
  for (const clause of commentClauses(comment)) {
    const ev = readName(clause, probe, { comment: true });
    if (ev !== undefined) return ev;
  }
  return undefined;
}

const SUBJECT_WORDS: readonly [Subject, RegExp][] = [
  ['corporate', /(?:^|[^a-z])(?:corp|corporate|company|enterprise|ent|org?cust|dg)(?:[^a-z]|$)/],
  ['institution', /(?:^|[^a-z])(?:branch|brch|org|organ|inst|institution|atm|outlet|merchant|mcht|mchnt|dept)(?:[^a-z]|$)/],
  ['product', /(?:^|[^a-z])(?:product|prod|prd)(?:[^a-z]|$)/],
  ['system', /(?:^|[^a-z])(?:sys|system|node|server|host|config|cfg|param|dict)(?:[^a-z]|$)/],
  ['staff', /(?:^|[^a-z])(?:teller|staff|employee|emp|operator)(?:[^a-z]|$)/],
];

/** Reads a table name (and its comment) into context: texts for context words, and a subject. */
export function readTable(table: string | undefined, tableComment?: string): TableContext {
  const texts: string[] = [];
  let subject: Subject | undefined;
  const lex = lexicon();
  const noProbe: ContextProbe = () => false;
  for (const source of [table, tableComment]) {
    if (source === undefined || source === null) continue;
    const raw = String(source).slice(0, MAX_NAME_LENGTH);
    // `schema.t_customer` → `t_customer`.
    const name = raw.slice(raw.lastIndexOf('.') + 1);
    const tokens = dropNoise(splitTokens(name), true);
    if (tokens.length === 0) continue;
    const lower = tokens.map((t) => t.text).join('_');
    texts.push(canonicalFieldName(name), lower);
    const cands = readTokens(lex, tokens, noProbe).slice(0, 3);
    for (const c of cands) texts.push(c.text);
    if (subject === undefined) {
      for (const [s, re] of SUBJECT_WORDS) {
        if (re.test(lower)) {
          subject = s;
          break;
        }
      }
    }
    if (subject === undefined && cands.length > 0) {
      const subjects = findHead(lex, cands[0].text).subjects;
      if (subjects.length > 0) subject = subjects[0];
    }
  }
  return { texts, subject };
}
