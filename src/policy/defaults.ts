/**
 * The built-in policy: DESIGN.md's scene table (使用场景), from the seed rules.
 *
 * | scene | C3 | C2 | C2 authentication helper | C1 |
 * |---|---|---|---|---|
 * | storage | encrypt | encrypt (add a blind index by rule) | encrypt | keep |
 * | display | `******` | kind's display mask | `******` | keep |
 * | analytics | drop | kind's analytics mask (ID: middle 6 hidden, card: last 4 hidden, dates → year, amounts → buckets) | drop | keep |
 * | log | `[REDACTED:kind]` | kind's log mask | `[REDACTED:kind]` | keep |
 * | devtest | `******` (fixed dummy) | pseudonym | `******` | keep |
 * | share | drop | kind's share mask | drop | kind's share mask (IP prefix), else keep |
 *
 * Fields are classified by name (`unknownFields: classify`); a failed action redacts the field.
 * A policy's own `defaults` are merged over this table cell by cell.
 */
import { loadPolicy } from './load.js';
import type { Policy, PolicyDocument } from './schema.js';

const FIXED = { action: 'redact', style: 'fixed' } as const;
const LABEL = { action: 'redact', style: 'label' } as const;

const DEFAULT_DOCUMENT: PolicyDocument = {
  version: 1,
  description: 'fieldshield built-in policy: the scene table of DESIGN.md',
  unknownFields: 'classify',
  // A value that cannot be encrypted for storage must stop the write (redacting it would
  // silently lose the customer's data); everywhere else redacting fails closed.
  onError: { default: 'redact', storage: 'throw' },
  defaults: {
    C3: { storage: 'encrypt', display: FIXED, analytics: 'drop', log: LABEL, devtest: FIXED, share: 'drop' },
    C2: { storage: 'encrypt', display: 'mask', analytics: 'mask', log: 'mask', devtest: 'pseudonymize', share: 'mask' },
    // Low-entropy authentication helpers (a 6-digit SMS code) get a fixed dummy, not a
    // pseudonym: a keyed pseudonym of a million-value space is reversed by trying them all.
    authHelper: { storage: 'encrypt', display: FIXED, analytics: 'drop', log: LABEL, devtest: FIXED, share: 'drop' },
    C1: { storage: 'keep', display: 'keep', analytics: 'keep', log: 'keep', devtest: 'keep', share: 'mask' },
  },
  rules: [],
};

/** The built-in policy (validated and frozen). `createProtector({ keyring })` uses it. */
export const defaultPolicy: Policy = loadPolicy(DEFAULT_DOCUMENT);
