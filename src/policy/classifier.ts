/**
 * The default way a protector learns what an unknown field holds: the field classifier of
 * src/classify, by name only. Content is not consulted on purpose: a plan is built from the first
 * record that has the field and then reused, so a plan that depended on that record's values
 * would make the protection of every later record depend on which record came first.
 */
import { classifyField } from '../classify/index.js';
import type { FieldClassifier } from './plan.js';

/** A classifier by field name; `table` (the policy's context) helps tell whose data a column is. */
export function nameClassifier(table?: string): FieldClassifier {
  const options = table === undefined ? undefined : { table };
  return (name) => {
    const c = classifyField(name, undefined, options);
    return { kind: c.kind, level: c.level, classification: c };
  };
}
