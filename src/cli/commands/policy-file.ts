/**
 * Reading `--policy` files: YAML or JSON, validated in the main thread before any row is read,
 * so a bad policy stops the run with the POLICY exit code and the document path of the problem.
 *
 * `--classification` adds what a `fieldshield classify --json` report found: the policy
 * classifies columns by name only, so a column whose name says nothing but whose values are ID
 * numbers is kept; the report (which reads a sample of the values) says what it holds, and each
 * column it gives a kind or a class above C1 becomes a path rule. The policy's own path rules come
 * first and so still decide the columns they select.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { PolicyError } from '../../errors.js';
import { defaultPolicy, loadPolicy, type PolicyDocument } from '../../policy/index.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { columnPath } from '../operations.js';
import { errnoOf } from '../secrets.js';

/** The policy text (undefined = the built-in policy), checked to load. */
export async function readPolicyText(path: string | undefined, classificationPath?: string): Promise<string | undefined> {
  let text: string | undefined;
  if (path !== undefined) {
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      throw new CliError(ExitCode.POLICY, `cannot read policy ${path} (${errnoOf(e)})`);
    }
  }
  const what = path === undefined ? 'the built-in policy' : `policy ${path}`;
  let policy;
  try {
    policy = text === undefined ? defaultPolicy : loadPolicy(text);
  } catch (e) {
    if (e instanceof PolicyError) throw new CliError(ExitCode.POLICY, `${what}: ${e.message}`);
    throw e;
  }
  if (classificationPath === undefined) return text;
  const rules = await classificationRules(classificationPath);
  const document: PolicyDocument = { ...(policy as PolicyDocument), rules: [...(policy.rules ?? []), ...rules] };
  const combined = JSON.stringify(document);
  try {
    loadPolicy(combined);
  } catch (e) {
    if (e instanceof PolicyError) throw new CliError(ExitCode.POLICY, `${what} with classification ${classificationPath}: ${e.message}`);
    throw e;
  }
  return combined;
}

// The part of a classify report read here (src/cli/report/report.ts: ClassificationReport).
const reportSchema = z.object({
  classification: z.object({
    columns: z.array(
      z.object({
        field: z.string().min(1),
        kind: z.string().min(1).nullable(),
        level: z.enum(['C1', 'C2', 'C3']).nullable(),
      }),
    ),
  }),
});

/** A path rule per column the report says is personal: its kind, and its class when above the kind's. */
async function classificationRules(path: string): Promise<PolicyDocument['rules'] & object> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    const why = e instanceof SyntaxError ? 'not JSON' : errnoOf(e);
    throw new CliError(ExitCode.POLICY, `cannot read classification ${path} (${why}): pass the report fieldshield classify --json wrote`);
  }
  const parsed = reportSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(
      ExitCode.POLICY,
      `classification ${path} is not a fieldshield classify report (at ${issue.path.join('.') || '(root)'}: ${issue.message})`,
    );
  }
  const rules: NonNullable<PolicyDocument['rules']> = [];
  for (const c of parsed.data.classification.columns) {
    if (c.kind === null && (c.level === null || c.level === 'C1')) continue;
    rules.push({
      path: columnPath(c.field),
      ...(c.kind === null ? {} : { kind: c.kind }),
      ...(c.level === null || c.level === 'C1' ? {} : { class: c.level }),
      description: `from classification ${path}`,
    });
  }
  return rules;
}
