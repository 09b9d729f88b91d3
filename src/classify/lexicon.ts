/**
 * The lexicon the name matcher reads from: the kinds' name evidence merged with the
 * classifier's vocabulary, and a head-final matcher over a reading of a name.
 *
 * Chinese compounds put the head last (借款人身份证号: the borrower's ID number; 密码修改时间:
 * the time the password changed), and so do English ones (borrower_id_no, pwd_upd_time). The
 * matcher tiles a reading from the right with the longest entries and takes the last concept
 * as the head; identifier and storage suffixes after it (号, 密文, 哈希) do not change it, and
 * qualifiers before it (借款人, 网点, 企业) say whom the column describes.
 */
import { allKinds, canonicalFieldName } from '../kinds/registry.js';
import type { Subject } from './types.js';
import { AMBIGUOUS_WORDS, CONCEPT_WORDS, QUALIFIERS, SUFFIXES } from './vocabulary.js';

export interface Alternative {
  readonly concept: string;
  readonly prior: number;
  readonly context?: readonly string[];
}

export type SuffixRole = 'identifier' | 'nameOf' | 'transparent';

export type Entry =
  | {
      readonly role: 'concept';
      readonly key: string;
      readonly alternatives: readonly Alternative[];
      /** Built only from the kinds' ambiguous tokens (`kh`, `zh`, `name`): weak evidence on its own. */
      readonly weak?: boolean;
      /** One of the vocabulary's ambiguous words, whose alternatives carry their own context. */
      readonly curated?: boolean;
    }
  | { readonly role: 'qualifier'; readonly key: string; readonly subject: Subject }
  | { readonly role: 'suffix'; readonly key: string; readonly suffix: SuffixRole };

export type ConceptEntry = Extract<Entry, { role: 'concept' }>;

/** First private-use code point: Latin multi-token matches are carried into readings as one of these. */
const PLACEHOLDER_BASE = 0xe000;
const PLACEHOLDER_LIMIT = 0xf8ff;
/** Stands for a character or token nothing reads. */
export const UNKNOWN = '\uf8ff';

export interface Lexicon {
  readonly entries: ReadonlyMap<string, Entry>;
  readonly maxKeyLength: number;
  /** Latin keys of concept entries, for the multi-token span and pinyin matchers. */
  readonly latinConcepts: ReadonlySet<string>;
  placeholder(entry: ConceptEntry): string;
}

const LATIN_KEY = /^[a-z0-9]+$/;

function build(): Lexicon {
  const entries = new Map<string, Entry>();
  const concept = (key: string, alternatives: Alternative[], weak = false): void => {
    entries.set(key, weak ? { role: 'concept', key, alternatives, weak } : { role: 'concept', key, alternatives });
  };
  // 1. Every kind's names and ambiguous tokens.
  for (const kind of allKinds()) {
    for (const name of kind.evidence.names) {
      const key = canonicalFieldName(name);
      const prev = entries.get(key);
      if (prev?.role === 'concept' && !prev.alternatives.some((a) => a.concept === kind.id)) {
        concept(key, [...prev.alternatives, { concept: kind.id, prior: 0.9 }]);
      } else if (prev === undefined) concept(key, [{ concept: kind.id, prior: 1 }]);
    }
  }
  for (const kind of allKinds()) {
    for (const a of kind.evidence.ambiguous ?? []) {
      const key = canonicalFieldName(a.token);
      const prev = entries.get(key);
      const alt = { concept: kind.id, prior: 0.5 };
      if (prev === undefined) concept(key, [alt], true);
      else if (prev.role === 'concept' && !prev.alternatives.some((x) => x.concept === kind.id)) {
        concept(key, [...prev.alternatives, alt], prev.weak === true);
      }
    }
  }
  // 2. The vocabulary: concept words override the kinds' names (the vocabulary says why).
  for (const [id, words] of Object.entries(CONCEPT_WORDS)) {
    for (const w of words) concept(canonicalFieldName(w), [{ concept: id, prior: 1 }]);
  }
  for (const a of AMBIGUOUS_WORDS) {
    const key = canonicalFieldName(a.word);
    entries.set(key, { role: 'concept', key, alternatives: a.alternatives.map((x) => ({ ...x })), curated: true });
  }
  // 3. Qualifiers and suffixes never displace a concept word (持卡人 is a name, not only a role).
  for (const [subject, words] of Object.entries(QUALIFIERS) as [Subject, readonly string[]][]) {
    for (const w of words) {
      const key = canonicalFieldName(w);
      if (!entries.has(key)) entries.set(key, { role: 'qualifier', key, subject });
    }
  }
  for (const [suffix, words] of Object.entries(SUFFIXES) as [SuffixRole, readonly string[]][]) {
    for (const w of words) {
      const key = canonicalFieldName(w);
      if (!entries.has(key)) entries.set(key, { role: 'suffix', key, suffix });
    }
  }
  let maxKeyLength = 1;
  const latinConcepts = new Set<string>();
  for (const [key, e] of entries) {
    maxKeyLength = Math.max(maxKeyLength, key.length);
    if (e.role === 'concept' && e.weak !== true && LATIN_KEY.test(key)) latinConcepts.add(key);
  }
  const placeholders = new Map<ConceptEntry, string>();
  let next = PLACEHOLDER_BASE;
  return {
    entries,
    maxKeyLength,
    latinConcepts,
    placeholder(entry: ConceptEntry): string {
      let ch = placeholders.get(entry);
      if (ch === undefined) {
        // Thousands of entries at most, far below the private-use range; past it, reuse the last.
        ch = String.fromCharCode(Math.min(next++, PLACEHOLDER_LIMIT - 1));
        placeholders.set(entry, ch);
        entries.set(ch, entry);
      }
      return ch;
    },
  };
}

let cached: Lexicon | undefined;
let cachedKinds = -1;

/** The lexicon for the kinds registered now (rebuilt after {@link defineKind}). */
export function lexicon(): Lexicon {
  const n = allKinds().length;
  if (cached === undefined || n !== cachedKinds) {
    cached = build();
    cachedKinds = n;
  }
  return cached;
}

/** A piece of a tiled reading: an entry, or a run of characters nothing matched. */
export interface Segment {
  readonly start: number;
  readonly end: number;
  readonly entry?: Entry;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a);
}

/**
 * Tiles `text` from the right with the longest entries. A Latin key only matches whole Latin
 * words (`pin` does not match inside `shipping`). Spaces separate words and match nothing.
 */
export function tile(lex: Lexicon, text: string): Segment[] {
  const out: Segment[] = [];
  let pos = text.length;
  while (pos > 0) {
    if (text.charCodeAt(pos - 1) === 0x20) {
      pos--;
      continue;
    }
    let found: Segment | undefined;
    for (let len = Math.min(lex.maxKeyLength, pos); len >= 1; len--) {
      const start = pos - len;
      const entry = lex.entries.get(text.slice(start, pos));
      if (entry === undefined) continue;
      const first = text.charCodeAt(start);
      const last = text.charCodeAt(pos - 1);
      if (isAsciiAlnum(first) && start > 0 && isAsciiAlnum(text.charCodeAt(start - 1))) continue;
      if (isAsciiAlnum(last) && pos < text.length && isAsciiAlnum(text.charCodeAt(pos))) continue;
      found = { start, end: pos, entry };
      break;
    }
    if (found === undefined) {
      const prev = out[out.length - 1];
      // Merge runs of unmatched characters into one segment.
      if (prev !== undefined && prev.entry === undefined && prev.start === pos) out[out.length - 1] = { start: pos - 1, end: prev.end };
      else out.push({ start: pos - 1, end: pos });
      pos--;
    } else {
      out.push(found);
      pos = found.start;
    }
  }
  return out.reverse();
}

/** Concept words that, after another concept, only say "its identifier". */
const IDENTIFIER_HEADS: ReadonlySet<string> = new Set(['id', 'uuid', 'code', 'no', 'token', '序号']);

const SUBJECT_PRIORITY: readonly Subject[] = ['corporate', 'institution', 'product', 'system', 'staff', 'person'];

/** What a tiled reading says. */
export interface HeadMatch {
  /** The head concept entry, or a concept the suffixes imply (`X编号` with nothing known before it). */
  readonly head?: ConceptEntry;
  /** Alternatives implied when there is no concept head (identifier / label / customer number). */
  readonly implied?: readonly Alternative[];
  /** 1 when only suffixes follow the head; lower when unknown text follows it. */
  readonly quality: number;
  /** Share of non-space characters covered by entries. */
  readonly coverage: number;
  /** The reading is one or more qualifiers and nothing else (`支行`, `产品`): it names the thing itself. */
  readonly qualifierOnly?: boolean;
  /** Subject of the nearest qualifier before the head. */
  readonly subject?: Subject;
  /** Every subject named anywhere in the reading, most telling first. */
  readonly subjects: readonly Subject[];
}

function isPersonConcept(e: Entry): boolean {
  return e.role === 'concept' && e.alternatives.length === 1 && e.alternatives[0].concept === 'person-name';
}

/** Finds the head of a reading (see the module comment). */
export function findHead(lex: Lexicon, text: string): HeadMatch {
  const segs = tile(lex, text);
  let covered = 0;
  let total = 0;
  for (const s of segs) {
    const len = s.end - s.start;
    total += len;
    if (s.entry !== undefined) covered += len;
  }
  const coverage = total === 0 ? 0 : covered / total;
  const subjects = new Set<Subject>();
  for (const s of segs) {
    if (s.entry?.role === 'qualifier') subjects.add(s.entry.subject);
  }
  const orderedSubjects = SUBJECT_PRIORITY.filter((s) => subjects.has(s));

  let h = -1;
  for (let i = segs.length - 1; i >= 0; i--) {
    const e = segs[i].entry;
    if (e?.role !== 'concept') continue;
    // `[loancontract]id`, `[cvc2] code`: an identifier word after a concept is its suffix, not the head.
    if (h < 0 && IDENTIFIER_HEADS.has(e.key) && segs.slice(0, i).some((x) => x.entry?.role === 'concept')) continue;
    h = i;
    break;
  }
  const nearestSubject = (before: number): Subject | undefined => {
    for (let i = before - 1; i >= 0; i--) {
      const e = segs[i].entry;
      if (e?.role === 'qualifier') return e.subject;
      if (e !== undefined && isPersonConcept(e)) return 'person';
    }
    return undefined;
  };
  if (h >= 0) {
    let quality = 1;
    for (let i = h + 1; i < segs.length; i++) {
      const e = segs[i].entry;
      if (e === undefined) quality = Math.min(quality, 0.8);
      else if (e.role === 'qualifier') quality = Math.min(quality, 0.85);
    }
    return { head: segs[h].entry as ConceptEntry, quality, coverage, subject: nearestSubject(h), subjects: orderedSubjects };
  }
  // No concept: an identifier or a name of something, qualified or not.
  let suffix: SuffixRole | undefined;
  let at = -1;
  for (let i = segs.length - 1; i >= 0; i--) {
    const e = segs[i].entry;
    if (e?.role === 'suffix' && e.suffix !== 'transparent') {
      suffix = e.suffix;
      at = i;
      break;
    }
  }
  if (suffix === undefined && coverage === 1 && segs.length > 0 && segs.every((x) => x.entry?.role === 'qualifier' || x.entry?.role === 'suffix')) {
    // `支行`, `网点`, `产品`: a column that names a branch or a product (a reference, not a person's data).
    const last = nearestSubject(segs.length);
    if (last !== undefined && last !== 'person') {
      return { implied: [{ concept: last === 'product' ? 'label' : 'reference', prior: 0.6 }], quality: 0.9, coverage, subject: last, subjects: orderedSubjects, qualifierOnly: true };
    }
  }
  const subject = at >= 0 ? nearestSubject(at) : undefined;
  let implied: Alternative[] | undefined;
  if (suffix === 'identifier') {
    // 客户编号 / 借款人编号: a customer's number; 机构编号 / 模板编号: an internal key.
    implied = subject === 'person' ? [{ concept: 'customer-number', prior: 0.5 }] : [{ concept: subject === undefined ? 'identifier' : 'reference', prior: 0.5 }];
  } else if (suffix === 'nameOf') {
    implied = subject === 'person' ? [{ concept: 'person-name', prior: 0.5 }] : [{ concept: 'label', prior: 0.5 }];
  }
  return { implied, quality: implied === undefined ? 0 : 0.7, coverage, subject, subjects: orderedSubjects };
}
