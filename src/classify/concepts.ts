/**
 * Concepts: what a column can be. Every kind is a concept (its id, class and category come
 * from the kind), and so is a handful of things that have no kind — data JR/T 0171 classes
 * but whose values no validator recognises (loan contract numbers, KYC photos, gender), and
 * the technical columns every table has (timestamps, status codes), which are not personal
 * financial information at all.
 */
import { allKinds, findKind } from '../kinds/registry.js';
import type { Category, Level } from '../kinds/types.js';
import { dictionary } from '../dictionary.js';

export interface Concept {
  readonly id: string;
  readonly level: Level | null;
  readonly category: Category | null;
  /** The kind when the concept is one. */
  readonly kind: string | null;
  readonly title: string;
  /**
   * True when the concept is personal only when the column describes a person: a branch's
   * address or a company's credit code is not personal financial information. Identity
   * documents, mobile numbers, authentication data and biometrics stay what they are.
   */
  readonly personalOnly: boolean;
}

interface KindlessConcept {
  readonly level: Level | null;
  readonly category: Category | null;
  readonly title: string;
  readonly personalOnly?: boolean;
}

/**
 * Concepts without a kind. Sources: seed 004 分类 (2) ①-⑦ and (3) ①-③ (REQUIREMENTS.md
 * "Classification"); seed 000 arts. 6-12 for the categories.
 */
const KINDLESS: Readonly<Record<string, KindlessConcept>> = dictionary({
  // C2 ① "payment accounts and equivalents ... securities and insurance accounts".
  'other-account': { level: 'C2', category: 'account', title: 'securities / insurance / wallet account', personalOnly: true },
  // C2 ④ "information directly reflecting financial state: property and loan information".
  'loan-info': { level: 'C2', category: 'loan', title: 'loan information', personalOnly: true },
  'credit-info': { level: 'C2', category: 'credit', title: 'credit information', personalOnly: true },
  // C2 ⑥ "photos, audio and video collected for KYC or evidence".
  'kyc-media': { level: 'C2', category: 'identity', title: 'KYC photo / audio / video', personalOnly: true },
  // C1 ③ "other personal financial information not in C2 or C3".
  'personal-basic': { level: 'C1', category: 'identity', title: 'basic personal information', personalOnly: true },
  device: { level: 'C1', category: 'other', title: 'device identifier', personalOnly: true },
  'customer-rating': { level: 'C1', category: 'derived', title: 'customer rating / segment', personalOnly: true },
  // C1 ① names "account opening time"; closing and transaction times are the same sort of fact.
  'account-event': { level: 'C1', category: 'account', title: 'account or transaction date', personalOnly: true },
  // C1 ② "payment tokens derived from account information".
  'payment-token': { level: 'C1', category: 'account', title: 'payment token', personalOnly: true },
  // The question is not the answer: the answer is the C2 authentication helper.
  'security-question': { level: 'C1', category: 'authentication', title: 'security question', personalOnly: true },
  // Not personal financial information.
  timestamp: { level: null, category: null, title: 'record timestamp or business date' },
  identifier: { level: null, category: null, title: 'surrogate key / internal identifier' },
  code: { level: null, category: null, title: 'type / status / flag / code' },
  counter: { level: null, category: null, title: 'count or sequence' },
  rate: { level: null, category: null, title: 'rate / ratio' },
  label: { level: null, category: null, title: 'name or label of a thing (product, branch, company)' },
  'free-text': { level: null, category: null, title: 'free-text note' },
  reference: { level: null, category: null, title: 'reference data (currency, channel, branch, teller)' },
});

/**
 * Kinds that describe whoever the row describes. In a branch, product, system or corporate
 * table they are not personal financial information. Every other kind (ID documents, mobile
 * numbers, passwords, CVN, track data, biometrics, SMS codes, security answers, birth dates)
 * stays personal wherever it appears: a legal representative's ID number in a corporate table
 * is still a person's.
 */
const PERSONAL_ONLY_KINDS: ReadonlySet<string> = new Set([
  'address', 'cn-landline', 'email', 'ip-address', 'uscc', 'person-name', 'amount', 'transaction',
  'account-opening', 'bank-card', 'login-name', 'customer-number', 'licence-plate', 'card-expiry',
]);

const cache = new Map<string, Concept>();
let cachedKindCount = -1;

/** The concept with this id (a kind id or a kindless concept), or undefined. */
export function getConcept(id: string): Concept | undefined {
  const kinds = allKinds();
  if (kinds.length !== cachedKindCount) {
    cache.clear();
    cachedKindCount = kinds.length;
  }
  const hit = cache.get(id);
  if (hit !== undefined) return hit;
  let concept: Concept | undefined;
  const kind = findKind(id);
  if (kind !== undefined) {
    concept = {
      id,
      level: kind.level,
      category: kind.category,
      kind: kind.id,
      title: kind.title.en,
      personalOnly: PERSONAL_ONLY_KINDS.has(kind.id),
    };
  } else if (Object.prototype.hasOwnProperty.call(KINDLESS, id)) {
    const k = KINDLESS[id];
    concept = { id, level: k.level, category: k.category, kind: null, title: k.title, personalOnly: k.personalOnly === true };
  }
  if (concept !== undefined) cache.set(id, concept);
  return concept;
}

/** Ids of the kindless concepts (for documentation and tests). */
export function kindlessConceptIds(): readonly string[] {
  return Object.keys(KINDLESS);
}
