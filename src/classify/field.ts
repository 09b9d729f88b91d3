/**
 * Classifying one column: name, comment and table give candidate concepts; content confirms,
 * resolves or overrules them; the subject (whom the column describes) decides whether a
 * personal-only concept is personal financial information at all.
 *
 * Decision order, each step stated in the reasons:
 * 1. the comment, when it names something, wins over the name (in pinyin schemas it is the
 *    best evidence), unless the name is the more specific of the two;
 * 2. ciphertext (≥ 80% envelopes or cipher-length blobs) keeps the name's class and sets
 *    `encrypted`;
 * 3. content established by a strong validator (a check digit passed by ≥ 50% of samples, or a
 *    distinctive format matched by ≥ 80%) wins over the name when they disagree;
 * 4. content that agrees with the name raises the confidence; a distinctive format matched by
 *    fewer than 10% of ≥ 10 samples lowers it, and if the values are UUIDs, content wins;
 * 5. overrides (scene / institution) apply last.
 */
import { allKinds, canonicalFieldName, findKind } from '../kinds/registry.js';
import type { Level } from '../kinds/types.js';
import { type Concept, getConcept } from './concepts.js';
import { type ContentEvidence, inspectSamples, type KindTally } from './content.js';
import { type ConceptScore, makeProbe, type NameEvidence, readComment, readName, readTable, type TableContext } from './names.js';
import { jrt0197Level, tierOf } from './schemes.js';
import type { ClassifyOptions, ContentSummary, FieldClassification, LevelOverrides, Subject } from './types.js';
import { NATURAL_PERSON_WORDS } from './vocabulary.js';
import { dictionary } from '../dictionary.js';

/** Kinds whose content can only confirm a name, never establish a column by itself. */
const WEAK_CONTENT: ReadonlySet<string> = new Set([
  'date-of-birth', 'amount', 'transaction', 'login-name', 'sms-code', 'cvn', 'card-expiry', 'customer-number',
  'account-opening', 'person-name', 'security-answer', 'password',
]);

/** Kinds with a check character: half the samples passing it cannot be chance (about 1 in 10 is). */
const CHECKSUM_KINDS: ReadonlySet<string> = new Set(['cn-id-card', 'bank-card', 'uscc', 'taiwan-id', 'hk-macau-id', 'card-track']);

/**
 * Kinds whose values always have their distinctive format: a column named for one of them in
 * which almost no sample has it does not hold it.
 */
const FORMAT_KINDS: ReadonlySet<string> = new Set([
  'cn-id-card', 'bank-card', 'cn-mobile', 'email', 'uscc', 'hk-macau-id', 'taiwan-id', 'passport', 'travel-permit',
  'licence-plate', 'card-track', 'ip-address', 'cn-landline',
]);

/** Concepts that only exist for customers: elsewhere the same column is a label or a key. */
const ROLE_CONCEPTS: Readonly<Record<string, string>> = dictionary({
  'person-name': 'label',
  'account-opening': 'label',
  'customer-number': 'identifier',
});

const SUBJECT_WORDS: Readonly<Record<Subject, string>> = {
  person: 'a person',
  staff: "the bank's staff",
  institution: 'a branch or institution',
  corporate: 'a company',
  product: 'a product',
  system: 'a system',
};

/** Internal options: the table's comment (DDL) and the path of a nested field's parent object. */
export interface FieldContextOptions extends ClassifyOptions {
  readonly tableComment?: string;
  /** `customer` for `customer.mobile` in a record: read like a table name, and more specific. */
  readonly parentPath?: string;
}

/** A name or comment quoted in a reason: bounded, printable, no quotes. */
export function quote(s: string): string {
  const t = String(s).replace(/[\u0000-\u001f\u007f"\\]/g, ' ').trim();
  return `"${t.length > 64 ? t.slice(0, 61) + '...' : t}"`;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function describe(c: Concept): string {
  return `${c.title} (${c.level ?? 'not personal financial information'})`;
}

/** The name side of a column: cached, since records and datasets repeat the same names. */
interface NameSide {
  readonly concepts: readonly ConceptScore[];
  readonly confidence: number;
  readonly subject: Subject;
  readonly reasons: readonly string[];
}

const nameCache = new Map<string, NameSide>();
const NAME_CACHE_LIMIT = 4096;
let nameCacheKinds = -1;

function nameSide(name: string, opts: FieldContextOptions): NameSide {
  const kinds = allKinds().length;
  if (kinds !== nameCacheKinds) {
    nameCache.clear();
    nameCacheKinds = kinds;
  }
  const key = [name, opts.table ?? '', opts.comment ?? '', opts.tableComment ?? '', opts.parentPath ?? ''].join('\u0000');
  const hit = nameCache.get(key);
  if (hit !== undefined) return hit;
  const side = computeNameSide(name, opts);
  if (nameCache.size >= NAME_CACHE_LIMIT) nameCache.clear();
  nameCache.set(key, side);
  return side;
}

function computeNameSide(name: string, opts: FieldContextOptions): NameSide {
  let table = opts.table;
  // `t_customer.mobile` names its table.
  const dot = name.lastIndexOf('.');
  if (table === undefined && dot > 0 && opts.parentPath === undefined) table = name.slice(0, dot);
  const tableCtx: TableContext = readTable(table, opts.tableComment);
  const parentCtx: TableContext | undefined = opts.parentPath === undefined ? undefined : readTable(opts.parentPath);
  const probe = makeProbe([
    ...tableCtx.texts,
    ...(parentCtx?.texts ?? []),
    opts.comment === undefined ? '' : canonicalFieldName(opts.comment),
    canonicalFieldName(name),
  ]);
  const nameEv = readName(name, probe);
  const commentEv = opts.comment === undefined || opts.comment === null || String(opts.comment).trim() === '' ? undefined : readComment(String(opts.comment), probe);
  const reasons: string[] = [];
  const say = (label: string, source: string, ev: NameEvidence): void => {
    const top = getConcept(ev.concepts[0].concept);
    if (top === undefined) return;
    const how = ev.exact ? `is a known name of` : `reads as ${ev.reading}:`;
    const alt = ev.concepts.length > 1 ? ` (could also be ${ev.concepts.slice(1, 3).map((c) => getConcept(c.concept)?.title ?? c.concept).join(' or ')})` : '';
    reasons.push(`${label} ${quote(source)} ${how} ${describe(top)}${alt}`);
  };
  let chosen: NameEvidence | undefined;
  let other: NameEvidence | undefined;
  let confidence = 0;
  if (commentEv !== undefined && !(commentEv.implied && nameEv !== undefined && !nameEv.implied)) {
    if (nameEv === undefined) {
      chosen = commentEv;
      confidence = commentEv.confidence;
      say('comment', String(opts.comment), commentEv);
    } else if (nameEv.concepts[0].concept === commentEv.concepts[0].concept) {
      chosen = commentEv;
      confidence = Math.min(0.97, Math.max(nameEv.confidence, commentEv.confidence) + 0.1);
      say('comment', String(opts.comment), commentEv);
      say('name', name, nameEv);
    } else if (commentEv.concepts.some((c) => c.concept === nameEv.concepts[0].concept && c.score >= 0.4)) {
      // The comment is ambiguous (有效期) and the name says which (xykyxq): take the name's.
      chosen = nameEv;
      confidence = Math.min(0.95, Math.max(nameEv.confidence, commentEv.confidence));
      say('name', name, nameEv);
      say('comment', String(opts.comment), commentEv);
    } else {
      chosen = commentEv;
      other = nameEv;
      confidence = commentEv.confidence;
      say('comment', String(opts.comment), commentEv);
      const n = getConcept(nameEv.concepts[0].concept);
      if (n !== undefined) reasons.push(`the comment wins over the name ${quote(name)}, which alone suggested ${describe(n)}`);
    }
  } else if (nameEv !== undefined) {
    chosen = nameEv;
    confidence = nameEv.confidence;
    say('name', name, nameEv);
    if (commentEv !== undefined) other = commentEv;
  }
  let subject: Subject = chosen?.subject ?? other?.subject ?? parentCtx?.subject ?? tableCtx.subject ?? 'person';
  // A legal representative's or contact's name is a person's, whatever table it is in.
  if (subject !== 'person' && chosen?.concepts[0]?.concept === 'person-name') {
    const said = canonicalFieldName(`${name} ${opts.comment ?? ''} ${chosen.reading}`);
    if (NATURAL_PERSON_WORDS.some((w) => said.includes(w))) subject = 'person';
  }
  if (tableCtx.subject !== undefined && tableCtx.subject !== 'person' && table !== undefined) {
    reasons.push(`table ${quote(table)} describes ${SUBJECT_WORDS[tableCtx.subject]}`);
  }
  return { concepts: chosen?.concepts ?? [], confidence, subject, reasons };
}

interface Established {
  readonly kind: string;
  readonly share: number;
  readonly checksum: boolean;
}

function tierShare(kindId: string, t: KindTally, n: number): { share: number; threshold: number; checksum: boolean } | undefined {
  if (WEAK_CONTENT.has(kindId)) return undefined;
  if (CHECKSUM_KINDS.has(kindId)) {
    const passed = kindId === 'card-track' ? t.strong : t.checksum;
    return { share: passed / n, threshold: 0.5, checksum: true };
  }
  return { share: t.strong / n, threshold: kindId === 'address' ? 0.7 : 0.8, checksum: false };
}

/** The kind content establishes on its own, if any. */
function establish(ev: ContentEvidence): Established | undefined {
  let best: Established | undefined;
  for (const [kindId, t] of ev.kinds) {
    const s = tierShare(kindId, t, ev.inspected);
    if (s === undefined || s.share < s.threshold) continue;
    const better = best === undefined || (s.checksum && !best.checksum) || (s.checksum === best.checksum && s.share > best.share);
    if (better) best = { kind: kindId, share: s.share, checksum: s.checksum };
  }
  return best;
}

function validatorWords(kindId: string): string {
  switch (kindId) {
    case 'cn-id-card':
      return 'the ID-card check digit (GB 11643) and birth-date check';
    case 'bank-card':
      return 'the Luhn check digit of card numbers';
    case 'uscc':
      return 'the GB 32100 check character';
    case 'taiwan-id':
      return 'the Taiwan ID check digit';
    case 'hk-macau-id':
      return 'the HKID check character';
    case 'card-track':
      return 'the track-data format with a Luhn-valid PAN';
    default:
      return `the ${findKind(kindId)?.title.en ?? kindId} validator`;
  }
}

function overrideFor(o: LevelOverrides | undefined, table: string | undefined, name: string, concept: string | null, kind: string | null): { level: Level | null; by: string } | undefined {
  if (o === undefined) return undefined;
  const fields = o.fields ?? {};
  const lower = (s: string) => s.toLowerCase();
  const wanted = [table === undefined ? undefined : `${table}.${name}`, name].filter((x): x is string => x !== undefined).map(lower);
  for (const w of wanted) {
    for (const [k, v] of Object.entries(fields)) if (lower(k) === w) return { level: v, by: `field ${quote(k)}` };
  }
  if (concept !== null && o.concepts !== undefined && Object.prototype.hasOwnProperty.call(o.concepts, concept)) return { level: o.concepts[concept], by: `concept ${concept}` };
  if (kind !== null && o.kinds !== undefined && Object.prototype.hasOwnProperty.call(o.kinds, kind)) return { level: o.kinds[kind], by: `kind ${kind}` };
  return undefined;
}

function contentSummary(ev: ContentEvidence, kind: string | null): ContentSummary {
  const t = kind === null ? undefined : ev.kinds.get(kind);
  const n = Math.max(1, ev.inspected);
  return {
    inspected: ev.inspected,
    skipped: ev.skipped,
    kind: t === undefined ? null : kind,
    share: t === undefined ? 0 : t.valid / n,
    ...(t !== undefined && CHECKSUM_KINDS.has(kind as string) ? { checksumShare: (kind === 'card-track' ? t.strong : t.checksum) / n } : {}),
    encryptedShare: ev.uuid / n >= 0.5 ? 0 : ev.encrypted / n,
  };
}

/** Classifies a column from its name side and (optional) content evidence. */
export function decide(name: string, opts: FieldContextOptions, content: ContentEvidence | undefined): FieldClassification {
  const side = nameSide(name, opts);
  const reasons = [...side.reasons];
  const concepts = side.concepts;
  let conceptId: string | null = concepts[0]?.concept ?? null;
  let confidence = side.confidence;
  let encrypted = false;
  let contentWon = false;

  if (content !== undefined && content.inspected > 0) {
    const n = content.inspected;
    const encShare = content.encrypted / n;
    // Dashless UUIDs are 32 hex digits too: a column mostly of UUID-shaped values holds keys.
    if (encShare >= 0.8 && content.uuid / n < 0.5) {
      encrypted = true;
      reasons.push(
        `${pct(encShare)} of ${n} samples are encrypted or hashed (fieldshield envelopes, or hex / base64 blobs of whole 16-byte blocks): the column is protected; its class comes from the name`,
      );
    } else {
      const est = establish(content);
      const top = conceptId === null ? undefined : getConcept(conceptId);
      if (est !== undefined) {
        const contentConf = Math.min(0.99, est.share * (est.checksum ? 0.99 : 0.92));
        const how = `${pct(est.share)} of ${n} samples pass ${validatorWords(est.kind)}`;
        if (top?.kind === est.kind) {
          confidence = 1 - (1 - confidence) * (1 - contentConf);
          reasons.push(how);
        } else if (concepts.some((c) => c.concept === est.kind)) {
          conceptId = est.kind;
          confidence = Math.max(confidence, contentConf);
          reasons.push(`${how}: content settles the ambiguous name`);
        } else if (top?.level === 'C3' && getConcept(est.kind)?.level !== 'C3') {
          // Passwords that are phone or ID numbers are common: what the column is (C3) does not
          // change with what its values look like, and a lower class would show them in part.
          reasons.push(`${how}; the name says ${describe(top)}, which values never lower`);
        } else {
          const was = top === undefined ? 'nothing' : describe(top);
          conceptId = est.kind;
          confidence = contentConf;
          contentWon = true;
          reasons.push(`${how}; the name suggested ${was}: content wins`);
        }
      } else if (top?.kind != null) {
        const kindId = top.kind;
        const tally = content.kinds.get(kindId);
        const share = tally === undefined ? 0 : tally.valid / n;
        // An ambiguous name whose other reading the content supports (khh with branch names).
        const supported = concepts.slice(1).find((c) => {
          const k = getConcept(c.concept)?.kind;
          const t = k == null ? undefined : content.kinds.get(k);
          return t !== undefined && t.valid / n >= 0.5;
        });
        const supportedKind = supported === undefined ? undefined : getConcept(supported.concept)?.kind;
        if (share < 0.2 && supported !== undefined && supportedKind != null) {
          conceptId = supported.concept;
          const s = (content.kinds.get(supportedKind)?.valid ?? 0) / n;
          reasons.push(`${pct(s)} of ${n} samples pass ${validatorWords(supportedKind)}: content settles the ambiguous name`);
        } else if (share >= 0.5) {
          confidence = 1 - (1 - confidence) * (1 - share * (WEAK_CONTENT.has(kindId) ? 0.35 : 0.8));
          reasons.push(`${pct(share)} of ${n} samples pass ${validatorWords(kindId)}`);
        } else if (FORMAT_KINDS.has(kindId) && n >= 10 && share < 0.1) {
          if (content.uuid / n >= 0.8) {
            conceptId = 'identifier';
            contentWon = true;
            confidence = 0.8;
            reasons.push(`${pct(content.uuid / n)} of ${n} samples are UUIDs and ${pct(share)} pass ${validatorWords(kindId)}: content wins, the column holds surrogate keys`);
          } else {
            confidence *= 0.6;
            reasons.push(`only ${pct(share)} of ${n} samples pass ${validatorWords(kindId)}: classified by name, check this column`);
          }
        }
      } else if (conceptId === null) {
        reasons.push(`no kind's validator matches most of the ${n} samples`);
      }
    }
  }

  if (conceptId === null) {
    if (reasons.length === 0) reasons.push('nothing in the name, comment or content is recognised');
    return finish(name, opts, null, 0.3, encrypted, side.subject, reasons, content);
  }
  let concept = getConcept(conceptId);
  if (concept === undefined) return finish(name, opts, null, 0.3, encrypted, side.subject, reasons, content);
  // Whom the column describes only matters for what the name says; established content is what it is.
  const subject = contentWon ? 'person' : side.subject;
  let level = concept.level;
  if (concept.personalOnly && subject !== 'person' && level !== null) {
    reasons.push(`the column describes ${SUBJECT_WORDS[subject]}, not a customer: not personal financial information`);
    level = null;
    // Roles rather than formats: a branch's or company's "name" is a label, its "customer number" an internal key.
    const role = ROLE_CONCEPTS[concept.id];
    if (role !== undefined) concept = getConcept(role) as Concept;
  }
  return finish(name, opts, concept, Math.max(0.05, Math.min(0.99, confidence)), encrypted, subject, reasons, content, level);
}

function finish(
  name: string,
  opts: FieldContextOptions,
  concept: Concept | null,
  confidence: number,
  encrypted: boolean,
  subject: Subject,
  reasons: string[],
  content: ContentEvidence | undefined,
  levelIn?: Level | null,
): FieldClassification {
  let level = levelIn === undefined ? concept?.level ?? null : levelIn;
  const kind = concept?.kind ?? null;
  const conceptId = concept?.id ?? null;
  const o = overrideFor(opts.overrides, opts.table, name, conceptId, kind);
  if (o !== undefined && o.level !== level) {
    reasons.push(`overridden by ${o.by}: ${level ?? 'none'} → ${o.level ?? 'not personal financial information'}`);
    level = o.level;
  }
  const result: FieldClassification = {
    field: name,
    ...(opts.table === undefined ? {} : { table: opts.table }),
    kind,
    concept: conceptId,
    category: level === null ? null : concept?.category ?? null,
    level,
    jrt0197Level: jrt0197Level(level, opts.jrt0197),
    ...(opts.scheme === undefined ? {} : { tier: tierOf(opts.scheme, level, conceptId) }),
    confidence: Math.round(confidence * 1000) / 1000,
    encrypted,
    subject,
    reasons,
    ...(content === undefined ? {} : { content: contentSummary(content, kind) }),
  };
  return result;
}

/**
 * Classifies one column by its name, optional samples, and the table and comment it comes
 * with. Never throws on any input; never puts a sample value in the result.
 */
export function classifyField(name: string, samples?: Iterable<unknown> | ArrayLike<unknown> | null, options: ClassifyOptions = {}): FieldClassification {
  const field = typeof name === 'string' ? name : String(name ?? '');
  const opts = sanitizeOptions(options);
  const content = samples === undefined || samples === null || (typeof samples !== 'object' && typeof samples !== 'string') ? undefined : inspectSamples(typeof samples === 'string' ? [samples] : samples, opts);
  return decide(field, opts, content);
}

/** Options with non-string table / comment dropped (a bad option must not throw). */
export function sanitizeOptions<T extends ClassifyOptions>(options: T | undefined): T {
  const o = (typeof options === 'object' && options !== null ? options : {}) as T;
  const clean = { ...o } as Record<string, unknown>;
  for (const k of ['table', 'comment', 'tableComment']) {
    if (clean[k] !== undefined && typeof clean[k] !== 'string') delete clean[k];
  }
  return clean as T;
}
