/**
 * `scanText` and `redactText`: option checking around the single-pass scanner (scanner.ts).
 */
import { InvalidArgumentError } from '../errors.js';
import { maskForScene } from '../mask/index.js';
import { describeType } from '../mask/checks.js';
import { checkScene } from '../mask/scenes.js';
import type { MaskScene } from '../mask/types.js';
import { runScan, withoutInvisibles, type ScanConfig } from './scanner.js';
import { SCAN_KINDS, type Finding, type ScanKind, type ScanOptions } from './types.js';

/** Findings at or above this confidence are reported and redacted unless options say otherwise. */
export const DEFAULT_MIN_CONFIDENCE = 0.5;

const ALL_KINDS: ReadonlySet<ScanKind> = new Set(SCAN_KINDS);
const DEFAULT_CONFIG: ScanConfig = Object.freeze({ minConfidence: DEFAULT_MIN_CONFIDENCE, wanted: ALL_KINDS, context: true });

function kindList(value: unknown, name: string): readonly ScanKind[] {
  if (!Array.isArray(value)) throw new InvalidArgumentError(`${name} must be an array of kind ids, got ${describeType(value)}`);
  for (const id of value) {
    // The id is not echoed: a caller may have passed a value where a kind id belongs.
    if (typeof id !== 'string' || !ALL_KINDS.has(id as ScanKind)) {
      throw new InvalidArgumentError(`${name} holds something that is not a scannable kind id (one of ${SCAN_KINDS.join(', ')})`);
    }
  }
  return value as ScanKind[];
}

/** Checks options once per call and turns them into the scanner's configuration. */
export function scanConfig(options: ScanOptions | undefined): ScanConfig {
  if (options === undefined) return DEFAULT_CONFIG;
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError(`options must be an object, got ${describeType(options)}`);
  const { minConfidence = DEFAULT_MIN_CONFIDENCE, kinds, exclude, context = true } = options;
  if (typeof minConfidence !== 'number' || !(minConfidence >= 0 && minConfidence <= 1)) {
    throw new InvalidArgumentError('minConfidence must be a number between 0 and 1');
  }
  if (typeof context !== 'boolean') throw new InvalidArgumentError('context must be a boolean');
  let wanted: ReadonlySet<ScanKind> = ALL_KINDS;
  if (kinds !== undefined || exclude !== undefined) {
    const set = new Set<ScanKind>(kinds === undefined ? SCAN_KINDS : kindList(kinds, 'kinds'));
    if (exclude !== undefined) for (const id of kindList(exclude, 'exclude')) set.delete(id);
    wanted = set;
  }
  // A threshold of 0 would report shapes no validator accepted; the scanner needs some evidence.
  return { minConfidence: minConfidence > 0 ? minConfidence : Number.MIN_VALUE, wanted, context };
}

function checkText(text: unknown, fn: string): asserts text is string {
  if (typeof text !== 'string') throw new InvalidArgumentError(`${fn}: text must be a string, got ${describeType(text)}`);
}

/**
 * Finds sensitive values in free text (customer-service notes, transfer remarks, log lines,
 * exception messages): mainland ID numbers (18 and 15 digits), bank cards, mobile and landline
 * numbers, emails, passports, USCCs, HK/Macau/Taiwan IDs, travel permits, IP addresses and
 * licence plates, written with or without spaces and hyphens, in ASCII or full-width
 * characters. Returns findings in text order, without the values themselves.
 *
 * ```ts
 * scanText('客户身份证号11010519491231002X，手机 138-1234-5678')
 * // [{ kind: 'cn-id-card', start: 6, end: 24, … }, { kind: 'cn-mobile', start: 28, end: 41, … }]
 * ```
 */
export function scanText(text: string, options?: ScanOptions): Finding[] {
  checkText(text, 'scanText');
  return runScan(text, scanConfig(options));
}

/** What replaces a finding: a fixed text (`{kind}` becomes the kind id) or a function of it. */
export type Replacement = string | ((finding: Finding, value: string) => string);

export interface RedactOptions extends ScanOptions {
  /**
   * Replaces each finding instead of the kind's mask for the scene. A string may contain
   * `{kind}` (`'[{kind}]'` → `[cn-mobile]`).
   */
  readonly replacement?: Replacement;
}

function checkReplacement(r: unknown): Replacement | undefined {
  if (r === undefined || typeof r === 'string' || typeof r === 'function') return r as Replacement | undefined;
  throw new InvalidArgumentError(`replacement must be a string or a function, got ${describeType(r)}`);
}

function replace(value: string, finding: Finding, scene: MaskScene, replacement: Replacement | undefined): string {
  if (replacement === undefined) {
    // Scanned kinds all have a text mask for every scene; a rule that drops the value leaves a label.
    return maskForScene(value, finding.kind, scene) ?? `[REDACTED:${finding.kind}]`;
  }
  if (typeof replacement === 'string') return replacement.replace(/\{kind\}/g, finding.kind);
  const out = replacement(finding, value);
  if (typeof out !== 'string') throw new InvalidArgumentError(`replacement function must return a string, got ${describeType(out)}`);
  return out;
}

/** Applies {@link replace} to every finding; returns `text` itself when nothing was found. */
export function applyFindings(
  text: string,
  findings: readonly Finding[],
  scene: MaskScene,
  replacement: Replacement | undefined,
  wrap?: (replaced: string, finding: Finding) => string,
): string {
  if (findings.length === 0) return text;
  let out = '';
  let at = 0;
  for (const f of findings) {
    // The value as the scanner read it: without invisible characters (see runScan).
    const replaced = replace(withoutInvisibles(text.slice(f.start, f.end)), f, scene, replacement);
    out += text.slice(at, f.start) + (wrap === undefined ? replaced : wrap(replaced, f));
    at = f.end;
  }
  return out + text.slice(at);
}

/**
 * Masks every value {@link scanText} finds with its kind's mask for `scene` (`log` by default:
 * `身份证110105********002X，手机138****5678`). Kinds kept in a scene stay as they are (IP
 * addresses in logs: operation logs must record them). Text without findings is returned as is.
 */
export function redactText(text: string, scene: MaskScene = 'log', options?: RedactOptions): string {
  checkText(text, 'redactText');
  const checkedScene = checkScene(scene);
  const config = scanConfig(options);
  const replacement = checkReplacement(options?.replacement);
  return applyFindings(text, runScan(text, config), checkedScene, replacement);
}
