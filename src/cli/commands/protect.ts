/**
 * `fieldshield protect` and `fieldshield reveal`: a policy applied to every row of a file.
 */
import type { Command } from 'commander';
import { open, type FileHandle } from 'node:fs/promises';
import type { Scene } from '../../mask/types.js';
import { createProtector, SCENES } from '../../policy/index.js';
import { CliError, ExitCode } from '../exit-codes.js';
import type { ByteSink } from '../io/atomic-file.js';
import type { RejectLog } from '../io/rejects.js';
import { planColumns, type ColumnPlan, type FieldErrorMode, type KeyConfig, type KeyedChunkExtra, type OperationConfig } from '../operations.js';
import { runPipeline, type PipelineSummary } from '../pipeline.js';
import { errnoOf } from '../secrets.js';
import {
  addDataOptions,
  createConsole,
  defaultSource,
  formatSummary,
  openOutput,
  rejectLogFor,
  resolveDataOptions,
  type Console,
  type DataOptions,
} from './common.js';
import {
  addKeyringOption,
  addMasterKeyOption,
  addPseudonymKeyOption,
  addUsage,
  budgetKeyringText,
  loadKeys,
  recordUsage,
  type KeyOptions,
  type LoadedKeys,
} from './keys-options.js';
import { readPolicyText } from './policy-file.js';

interface ProtectOptions extends DataOptions, KeyOptions {
  readonly output: string;
  readonly scene: string;
  readonly policy?: string;
  readonly classification?: string;
  readonly onFieldError: string;
}

interface RevealOptions extends DataOptions, KeyOptions {
  readonly output: string;
  readonly policy?: string;
  readonly classification?: string;
  readonly actor: string;
  readonly purpose: string;
  readonly source?: string;
  readonly audit: string;
  readonly onFieldError: string;
}

const CLASSIFICATION_HELP =
  'a report of fieldshield classify --json: the columns it recognised (by their values too) are protected as it says; pass the same one to reveal and keys rewrap';

const FIELD_ERROR_HELP = 'a row with a field whose action fails: reject (to the reject file; default) or redact (write the row with that field redacted)';

export function registerProtect(program: Command, done: (code: number) => void): void {
  const cmd = program
    .command('protect')
    .description('apply one scene of the policy to every row: encrypt, mask, pseudonymize, generalize or drop each field')
    .argument('<input>', 'input file (CSV, TSV, JSONL or JSON array), or - for standard input')
    .requiredOption('-o, --output <path>', 'output file (written to a temporary file, renamed when complete), or - for standard output')
    .requiredOption('--scene <scene>', `where the data is going: ${SCENES.join(', ')}`)
    .option('--policy <path>', 'policy file (YAML or JSON); default: the built-in policy')
    .option('--classification <report.json>', CLASSIFICATION_HELP)
    .option('--on-field-error <mode>', FIELD_ERROR_HELP, 'reject');
  addKeyringOption(cmd, false);
  addMasterKeyOption(cmd);
  addPseudonymKeyOption(cmd);
  addDataOptions(cmd);
  cmd.action(async (input: string, options: ProtectOptions) => done(await protect(input, options)));
}

export function registerReveal(program: Command, done: (code: number) => void): void {
  const cmd = program
    .command('reveal')
    .description('decrypt what the policy encrypts (the storage scene\'s envelopes), writing one audit event per field')
    .argument('<input>', 'protected file, or - for standard input')
    .requiredOption('-o, --output <path>', 'output file (written to a temporary file, renamed when complete), or - for standard output')
    .requiredOption('--actor <id>', 'who is revealing (user or service ID), recorded in every audit event')
    .requiredOption('--purpose <text>', 'why (ticket number, business purpose), recorded in every audit event')
    .requiredOption('--audit <path>', 'audit file (JSON lines), appended to')
    .option('--source <text>', 'where the request comes from (default: fieldshield-cli user@host)')
    .option('--policy <path>', 'the policy the data was protected with; default: the built-in policy')
    .option('--classification <report.json>', 'the classify report protect was given, if any')
    .option('--on-field-error <mode>', FIELD_ERROR_HELP, 'reject');
  addKeyringOption(cmd, true);
  addMasterKeyOption(cmd);
  addDataOptions(cmd);
  cmd.action(async (input: string, options: RevealOptions) => done(await reveal(input, options)));
}

function fieldErrorMode(v: string): FieldErrorMode {
  if (v !== 'reject' && v !== 'redact') throw new CliError(ExitCode.USAGE, `--on-field-error must be reject or redact`);
  return v;
}

function sceneOf(v: string): Scene {
  if (!(SCENES as readonly string[]).includes(v)) {
    throw new CliError(ExitCode.USAGE, `unknown scene '${v}': use one of ${SCENES.join(', ')}`);
  }
  return v as Scene;
}

const ACTION_ORDER = ['encrypt', 'blind-index', 'pseudonymize', 'mask', 'generalize', 'redact', 'drop', 'keep', 'reject'];

/** `encrypt 14: id_no, mobile, …` lines for stderr, so a reviewer sees what the run will do. */
function describePlan(scene: Scene, plan: readonly ColumnPlan[]): string {
  const byAction = new Map<string, string[]>();
  for (const p of plan) {
    // A class raised by a combination rule is named, so the reviewer sees why a C1-looking column is protected.
    const label = p.raisedBy === undefined ? p.column : `${p.column} (${p.level}: ${p.raisedBy})`;
    byAction.set(p.action, [...(byAction.get(p.action) ?? []), label]);
  }
  const lines = [...byAction.entries()]
    .sort((a, b) => ACTION_ORDER.indexOf(a[0]) - ACTION_ORDER.indexOf(b[0]))
    .map(([action, cols]) => `  ${action.padEnd(12)} ${String(cols.length).padStart(3)}: ${cols.join(', ')}`);
  return `plan for the ${scene} scene:\n${lines.join('\n')}\n`;
}

/** Stops before reading rows when the plan needs a key that was not given. */
function checkKeysForPlan(scene: Scene, plan: readonly ColumnPlan[], keys: LoadedKeys): void {
  const needKeyring = plan.filter((p) => p.action === 'encrypt' || p.action === 'blind-index').map((p) => p.column);
  if (needKeyring.length > 0 && keys.keyring === undefined) {
    throw new CliError(ExitCode.USAGE, `the ${scene} scene encrypts or indexes ${needKeyring.join(', ')}: pass --keyring`);
  }
  const needPseudonym = plan.filter((p) => p.action === 'pseudonymize').map((p) => p.column);
  if (needPseudonym.length > 0 && keys.keyring === undefined && keys.pseudonymKey === undefined) {
    throw new CliError(
      ExitCode.USAGE,
      `the ${scene} scene pseudonymizes ${needPseudonym.join(', ')}: set FIELDSHIELD_PSEUDONYM_KEY, pass --pseudonym-key-file, or pass --keyring`,
    );
  }
}

async function protect(input: string, options: ProtectOptions): Promise<number> {
  const scene = sceneOf(options.scene);
  const onFieldError = fieldErrorMode(options.onFieldError);
  const data = resolveDataOptions(input, options);
  const policyText = await readPolicyText(options.policy, options.classification);
  const keys = await loadKeys(options, { pseudonymKey: true });
  const con = createConsole(options.quiet === true);
  const preview = createProtector({
    ...(policyText === undefined ? {} : { policy: policyText }),
    ...(keys.keyring === undefined ? {} : { keyring: keys.keyring }),
    ...(keys.pseudonymKey === undefined ? {} : { pseudonymKey: keys.pseudonymKey }),
  });
  const operation: OperationConfig = {
    kind: 'protect',
    scene,
    onFieldError,
    emptyIsNull: data.format === 'csv' || data.format === 'tsv',
    ...(policyText === undefined ? {} : { policyText }),
    ...workerKeys(keys, data.threads),
  };
  return runKeyed('protect', input, options, data, con, keys, operation, {
    onHeader: (columns) => {
      const { plan } = planColumns(preview, columns, scene);
      checkKeysForPlan(scene, plan, keys);
      con.note(describePlan(scene, plan));
    },
    suffix: ` (scene ${scene})`,
  });
}

async function reveal(input: string, options: RevealOptions): Promise<number> {
  const onFieldError = fieldErrorMode(options.onFieldError);
  const data = resolveDataOptions(input, options);
  const policyText = await readPolicyText(options.policy, options.classification);
  const keys = await loadKeys(options, { pseudonymKey: false });
  const con = createConsole(options.quiet === true);
  for (const [name, v] of [['--actor', options.actor], ['--purpose', options.purpose]] as const) {
    if (v.trim() === '' || v.length > 512) throw new CliError(ExitCode.USAGE, `${name} must be a non-empty text of at most 512 characters`);
  }
  const source = options.source ?? defaultSource();
  const audit = await AuditFile.open(options.audit);
  const operation: OperationConfig = {
    kind: 'reveal',
    actor: options.actor,
    purpose: options.purpose,
    source,
    inputName: input === '-' ? 'stdin' : input,
    onFieldError,
    emptyIsNull: data.format === 'csv' || data.format === 'tsv',
    ...(policyText === undefined ? {} : { policyText }),
    ...workerKeys(keys, data.threads),
  };
  const run = { actor: options.actor, purpose: options.purpose, source, input: input === '-' ? 'stdin' : input, output: options.output };
  await audit.append({ type: 'bulk-reveal', phase: 'start', time: new Date().toISOString(), ...run });
  let outcome = 'failed';
  let rows = 0;
  try {
    const code = await runKeyed('reveal', input, options, data, con, keys, operation, {
      onAudit: (lines) => audit.appendText(lines),
      onDone: (s) => {
        rows = s.rowsOut;
      },
      suffix: ` for ${options.actor}`,
    });
    outcome = code === ExitCode.OK ? 'completed' : 'completed-with-rejects';
    return code;
  } finally {
    await audit.append({ type: 'bulk-reveal', phase: 'end', time: new Date().toISOString(), ...run, outcome, rows });
    await audit.close();
  }
}

function workerKeys(keys: LoadedKeys, threads: number): KeyConfig {
  return {
    ...(keys.keyringText === undefined ? {} : { keyringText: budgetKeyringText(keys.keyringText, threads), keyringName: keys.keyringPath }),
    ...(keys.masterKey === undefined ? {} : { masterKey: keys.masterKey }),
    ...(keys.pseudonymKey === undefined ? {} : { pseudonymKey: keys.pseudonymKey }),
  };
}

interface KeyedHooks {
  readonly onHeader?: (columns: readonly string[]) => void;
  readonly onAudit?: (lines: string) => Promise<void>;
  readonly onDone?: (summary: PipelineSummary) => void;
  readonly suffix: string;
}

/** The part protect, reveal and `keys rewrap` share: run, commit or abort, count key usage, report. */
export async function runKeyed(
  verb: string,
  input: string,
  options: DataOptions & { readonly output: string },
  data: ReturnType<typeof resolveDataOptions>,
  con: Console,
  keys: LoadedKeys,
  operation: OperationConfig,
  hooks: KeyedHooks,
): Promise<number> {
  const rejects: RejectLog = rejectLogFor(options, input, options.output);
  const usage = new Map<string, number>();
  let redacted = 0;
  let rewrapped = 0;
  let sink: ByteSink | undefined;
  let summary: PipelineSummary;
  try {
    sink = await openOutput(options.output);
    summary = await runPipeline({
      inputPath: input,
      format: data.format,
      encoding: data.encoding,
      threads: data.threads,
      operation,
      output: sink,
      rejects,
      maxRejects: data.maxRejects,
      progress: { enabled: data.progress, label: verb },
      ...(data.chunkBytes === undefined ? {} : { chunkBytes: data.chunkBytes }),
      ...(hooks.onHeader === undefined ? {} : { onHeader: hooks.onHeader }),
      onChunk: async (extra) => {
        const x = extra as KeyedChunkExtra;
        addUsage(usage, x.usage);
        redacted += x.redactedFields ?? 0;
        rewrapped += x.rewrapped ?? 0;
        if (x.audit !== undefined) await hooks.onAudit?.(x.audit);
      },
    });
    await sink.commit();
  } catch (e) {
    await sink?.abort();
    await rejects.finish();
    if (keys.keyringPath !== undefined) await recordUsage(keys.keyringPath, usage).catch(() => undefined);
    throw e;
  }
  await rejects.finish();
  if (keys.keyringPath !== undefined) await recordUsage(keys.keyringPath, usage);
  hooks.onDone?.(summary);
  const extra = `${hooks.suffix}${options.output === '-' ? '' : ` → ${options.output}`}${verb === 'rewrap' ? `, ${rewrapped} envelopes moved to the primary key` : ''}`;
  con.note(formatSummary(verb, summary, extra));
  if (redacted > 0) con.note(`${verb}: ${redacted} fields were redacted because their action failed (--on-field-error redact)\n`);
  if (summary.rejected > 0) {
    con.note(`${verb}: ${summary.rejected} rows rejected; see ${rejects.path}\n`);
    return ExitCode.REJECTS;
  }
  return ExitCode.OK;
}

/** The audit file: appended to (never replaced), flushed to disk when the run ends. */
class AuditFile {
  private constructor(
    private readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  static async open(path: string): Promise<AuditFile> {
    try {
      return new AuditFile(path, await open(path, 'a', 0o600));
    } catch (e) {
      throw new CliError(ExitCode.OUTPUT, `cannot open audit file ${path} (${errnoOf(e)})`);
    }
  }

  async append(event: object): Promise<void> {
    await this.appendText(JSON.stringify(event) + '\n');
  }

  async appendText(text: string): Promise<void> {
    try {
      await this.handle.write(text);
    } catch (e) {
      throw new CliError(ExitCode.OUTPUT, `cannot write audit file ${this.path} (${errnoOf(e)})`);
    }
  }

  async close(): Promise<void> {
    await this.handle.sync().catch(() => undefined);
    await this.handle.close();
  }
}
