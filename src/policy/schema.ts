/**
 * The policy document: which fields hold what, and what happens to them in each scene
 * (使用场景). Validated with zod so that every error names the offending path in the document
 * (`rules[2].display.rule.first`), and exported as a JSON Schema so editors can complete and
 * check policy files as they are written.
 *
 * ```yaml
 * version: 1
 * context: t_customer            # prefix of encryption contexts and blind-index columns
 * unknownFields: classify        # classify | keep | reject
 * onError: redact                # redact | throw, or per scene
 * defaults:                      # class defaults, merged over the built-in scene table
 *   C2: { storage: { action: encrypt, blindIndex: { into: "{key}_bidx" } } }
 * rules:
 *   - path: id_no                # a field rule: selects fields by path, says what they hold
 *     kind: cn-id-card
 *     storage: { action: encrypt, deterministic: true }
 *   - path: contacts[*].mobile
 *     kind: cn-mobile
 *   - kind: cn-mobile            # a kind rule: what to do with every field of this kind
 *     analytics: { action: mask, rule: { type: keep, first: 3 } }
 *   - class: C1
 *     devtest: { action: generalize }
 * ```
 */
import { z } from 'zod';
import type { Scene } from '../mask/types.js';

/** Every scene a policy speaks about, in the order of DESIGN.md's table. */
export const SCENES: readonly Scene[] = Object.freeze(['storage', 'display', 'analytics', 'log', 'devtest', 'share'] as const);

const count = z.number().int().min(0).max(4096);
const maskCommon = {
  maskChar: z.string().min(1).max(16).optional(),
  keepSeparators: z.boolean().optional(),
};

/** The mask rules of src/mask/types.ts, as a schema (numbers are checked again when compiled). */
export const maskRuleSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('keep'), first: count.optional(), last: count.optional(), minMasked: count.optional(), ...maskCommon }),
  z.strictObject({
    type: z.literal('range'),
    start: z.number().int().min(-4096).max(4096),
    end: z.number().int().min(-4096).max(4096).optional(),
    minLength: count.optional(),
    ...maskCommon,
  }),
  z.strictObject({ type: z.literal('before'), char: z.string().min(1).max(8), keep: count.optional(), ...maskCommon }),
  z.strictObject({ type: z.literal('after'), char: z.string().min(1).max(8), keep: count.optional(), ...maskCommon }),
  z.strictObject({ type: z.literal('fixed'), width: z.number().int().min(1).max(64).optional(), ...maskCommon }),
  z.strictObject({ type: z.literal('label'), label: z.string().min(1).max(64).optional() }),
  z.strictObject({
    type: z.literal('generalize'),
    to: z.enum(['year', 'year-month', 'amount-bucket', 'age-range']),
    edges: z.array(z.number()).min(1).max(64).optional(),
    ...maskCommon,
  }),
  z.strictObject({ type: z.literal('truncate'), length: count, ...maskCommon }),
  z.strictObject({ type: z.literal('hash'), bits: z.number().int().min(32).max(256).optional() }),
  z.strictObject({ type: z.literal('drop') }),
  z.strictObject({ type: z.literal('kind'), name: z.string().min(1).max(64), ...maskCommon }),
]).meta({ id: 'maskRule', description: 'A mask rule (docs/MASKING.md section 5).' });

/** Names of the actions; each is also accepted as a bare string (`display: mask`). */
export const ACTION_NAMES = ['keep', 'encrypt', 'blind-index', 'mask', 'pseudonymize', 'generalize', 'redact', 'drop'] as const;
export type ActionName = (typeof ACTION_NAMES)[number];

const indexBits = z.number().int().min(8).max(256);
const columnName = z.string().min(1).max(256);

const actionObjectSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('keep') }),
  z.strictObject({
    action: z.literal('encrypt'),
    /** SM4-SIV: equal values in the same column give equal envelopes (exact-match lookups). */
    deterministic: z.boolean().optional(),
    /** Encryption context; default `<policy context>.<field path>`. */
    context: columnName.optional(),
    /** Also write a blind index of the value into a sibling field. */
    blindIndex: z
      .strictObject({
        /** Sibling field name; `{key}` stands for the field's own name (`{key}_bidx`). */
        into: z.string().min(1).max(256),
        bits: indexBits.optional(),
        /** Index key column; default the encryption context. */
        column: columnName.optional(),
      })
      .optional(),
  }),
  z.strictObject({ action: z.literal('blind-index'), bits: indexBits.optional(), column: columnName.optional() }),
  z.strictObject({
    action: z.literal('mask'),
    /** A mask rule; without one, the kind's preset for the scene (display preset in storage/devtest). */
    rule: maskRuleSchema.optional(),
    maskChar: z.string().min(1).max(16).optional(),
  }),
  z.strictObject({ action: z.literal('pseudonymize') }),
  z.strictObject({
    action: z.literal('generalize'),
    /** Without `to`: the kind's own generalization (dates → year, amounts → buckets). */
    to: z.enum(['year', 'year-month', 'amount-bucket', 'age-range']).optional(),
    edges: z.array(z.number()).min(1).max(64).optional(),
  }),
  z.strictObject({
    action: z.literal('redact'),
    /** `label` (default): `[REDACTED:<kind>]`; `fixed`: `******` whatever the length. */
    style: z.enum(['label', 'fixed']).optional(),
    label: z.string().min(1).max(64).optional(),
    width: z.number().int().min(1).max(64).optional(),
  }),
  z.strictObject({ action: z.literal('drop') }),
]);

/** An action: a bare name or an object with options. */
export const actionSchema = z
  .union([z.enum(ACTION_NAMES), actionObjectSchema])
  .meta({ id: 'action', description: 'What happens to a field in one scene: an action name, or an object with options.' });

const sceneActions = {
  storage: actionSchema.optional(),
  display: actionSchema.optional(),
  analytics: actionSchema.optional(),
  log: actionSchema.optional(),
  devtest: actionSchema.optional(),
  share: actionSchema.optional(),
};

export const levelSchema = z.enum(['C3', 'C2', 'C1']).meta({ id: 'class', description: 'JR/T 0171-2020 class.' });
const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1).max(256)]);

export const ruleSchema = z.strictObject({
  /** Field paths: `id_no`, `customer.contacts[*].mobile`, `*.id_no`, `**.card_no`. */
  path: oneOrMany(z.string().min(1).max(1024)).optional(),
  /** With `path`: the kind the fields hold. Without: selects fields of this kind (or kinds). */
  kind: oneOrMany(z.string().min(1).max(64)).optional(),
  /** With `path`: the class of the fields (overrides the kind's). Without: selects by class. */
  class: oneOrMany(levelSchema).optional(),
  description: z.string().max(1024).optional(),
  ...sceneActions,
}).meta({ id: 'rule', description: 'A rule: selects fields by path (and says what they hold), or by kind or class; then an action per scene.' });

const sceneActionsSchema = z.strictObject(sceneActions).meta({ id: 'sceneActions', description: 'An action per scene.' });

const onErrorMode = z.enum(['redact', 'throw']).meta({ id: 'onErrorMode' });

export const policySchema = z.strictObject({
  /** Lets editors find this schema. */
  $schema: z.string().optional(),
  version: z.literal(1).optional(),
  description: z.string().max(4096).optional(),
  /** Prefix of encryption contexts and blind-index columns, e.g. the table name. */
  context: z.string().min(1).max(256).optional(),
  /** Fields no path rule selects: classify them by name (default), keep them, or reject the record. */
  unknownFields: z.enum(['classify', 'keep', 'reject']).optional(),
  /** When an action cannot be applied to a field: redact the field (default) or throw. */
  onError: z
    .union([
      onErrorMode,
      z.strictObject({
        default: onErrorMode.optional(),
        storage: onErrorMode.optional(),
        display: onErrorMode.optional(),
        analytics: onErrorMode.optional(),
        log: onErrorMode.optional(),
        devtest: onErrorMode.optional(),
        share: onErrorMode.optional(),
        reveal: onErrorMode.optional(),
      }),
    ])
    .optional(),
  /** Class defaults per scene, merged over the built-in scene table. */
  defaults: z
    .strictObject({
      C3: sceneActionsSchema.optional(),
      C2: sceneActionsSchema.optional(),
      C1: sceneActionsSchema.optional(),
      /** C2 authentication helpers (SMS codes, security answers): treated like C3 by default. */
      authHelper: sceneActionsSchema.optional(),
    })
    .optional(),
  rules: z.array(ruleSchema).max(10_000).optional(),
});

/** A policy document as written (JSON or YAML, before validation). */
export type PolicyDocument = z.input<typeof policySchema>;
/** A validated policy (what {@link loadPolicy} returns). */
export type Policy = Readonly<z.output<typeof policySchema>>;
export type PolicyRule = z.output<typeof ruleSchema>;
export type ActionSpec = z.output<typeof actionSchema>;
/** An action in its object form. */
export type ActionObject = z.output<typeof actionObjectSchema>;
export type UnknownFieldsMode = NonNullable<Policy['unknownFields']>;
export type OnErrorMode = z.output<typeof onErrorMode>;

/**
 * The JSON Schema (draft 2020-12) of policy documents, for editors: point a YAML or JSON file's
 * `$schema` (or the editor's schema mapping) at docs/policy.schema.json. Semantic checks the
 * schema cannot express (kinds exist, path syntax, mask numbers) are made by loadPolicy.
 */
export function policyJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(policySchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  return {
    ...schema,
    title: 'fieldshield policy',
    description:
      'Which fields hold which kind of personal financial information, and what happens to them per scene (storage, display, analytics, log, devtest, share). See docs/POLICY.md.',
  };
}
