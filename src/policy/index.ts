/**
 * Policies and the record Protector: one compiled policy protects whole records for storage,
 * display, analytics, logs, dev/test and sharing, and reveals stored records with an audit
 * event per field. See docs/POLICY.md.
 */
export { createProtector } from './protector.js';
export type {
  FieldClassifierResult,
  FieldClassifier,
  FieldErrorEvent,
  FieldExplanation,
  Protector,
  ProtectorOptions,
  RevealAuditEvent,
  RevealOptions,
} from './protector.js';
export { loadPolicy } from './load.js';
export { defaultPolicy } from './defaults.js';
export { nameClassifier } from './classifier.js';
export { ACTION_NAMES, SCENES, policyJsonSchema } from './schema.js';
export type { ActionName, ActionObject, ActionSpec, OnErrorMode, Policy, PolicyDocument, PolicyRule, UnknownFieldsMode } from './schema.js';
