/**
 * The `fieldshield` command line: commands, help, and the mapping of every failure to one
 * line on stderr and a documented exit code.
 *
 * Error messages the user sees come from CliError (ours) or FieldShieldError (the library's,
 * which never carry values); anything else is reported by its error name only, because its
 * message could quote data.
 */
import { Command, CommanderError } from 'commander';
import { FieldShieldError } from '../errors.js';
import { registerClassify } from './commands/classify.js';
import { registerDemo } from './commands/demo.js';
import { registerKeys } from './commands/keys.js';
import { registerProtect, registerReveal } from './commands/protect.js';
import { registerRedact } from './commands/redact.js';
import { CliError, ExitCode, exitCodeHelpText } from './exit-codes.js';
import { removeAllPartialFiles } from './io/atomic-file.js';
import { MASTER_KEY_ENV, PSEUDONYM_KEY_ENV } from './secrets.js';
import { VERSION } from './version.js';

const HELP_AFTER = `
Secrets are read from the environment or a file, never from the command line:
  ${MASTER_KEY_ENV}      master key, 32 hex characters (or --master-key-file <path>)
  ${PSEUDONYM_KEY_ENV}   pseudonym key for the devtest scene (or --pseudonym-key-file <path>)

Output files are written to a hidden temporary file beside the target and renamed when
complete: an interrupted run never leaves a partial file under the output's name.

${exitCodeHelpText()}
Examples:
  fieldshield demo
  fieldshield classify customers.csv --html report.html --json report.json
  fieldshield keys init --keyring keyring.json --new-master-key-file master.key
  FIELDSHIELD_MASTER_KEY=$(cat master.key) fieldshield protect --scene storage --keyring keyring.json customers.csv -o stored.csv
  fieldshield protect --scene devtest --keyring keyring.json --master-key-file master.key customers.csv -o devtest.csv
  fieldshield reveal --keyring keyring.json --master-key-file master.key --actor u1024 --purpose "ticket 8812" \\
      --audit audit.jsonl stored.csv -o revealed.csv
  fieldshield protect --scene analytics --encoding gbk export-gbk.csv -o analytics.csv

See docs/CLI.md for every option.
`;

let signalsInstalled = false;

/** Ctrl-C, SIGTERM and a closed stdout pipe remove this run's partial files before exiting. */
function installSignalHandlers(): void {
  if (signalsInstalled) return;
  signalsInstalled = true;
  const stop = (code: number, why: string) => () => {
    removeAllPartialFiles();
    process.stderr.write(`\nfieldshield: ${why}; partial output removed\n`);
    process.exit(code);
  };
  process.once('SIGINT', stop(ExitCode.INTERRUPTED, 'interrupted'));
  process.once('SIGTERM', stop(128 + 15, 'terminated'));
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    removeAllPartialFiles();
    // The reader went away (`| head`): not an error worth a message.
    process.exit(e.code === 'EPIPE' ? 128 + 13 : ExitCode.OUTPUT);
  });
}

export function buildProgram(done: (code: number) => void): Command {
  const program = new Command('fieldshield')
    .description('Classify, encrypt (SM4), mask and pseudonymize personal financial information in CSV, TSV, JSONL and JSON files.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    // Usage errors read like every other error: one line on stderr starting with 'fieldshield:'.
    // Commands made after this (all of them) inherit it.
    .configureOutput({
      outputError: (text, write) => write(`fieldshield: ${text.replace(/^error: /, '').trimEnd()} (fieldshield --help shows the commands)\n`),
    })
    .addHelpText('after', HELP_AFTER);
  registerDemo(program, done);
  registerClassify(program, done);
  registerProtect(program, done);
  registerReveal(program, done);
  registerKeys(program, done);
  registerRedact(program, done);
  // Every command's --help ends with the exit codes too.
  const withCodes = (cmd: Command): void => {
    for (const sub of cmd.commands) {
      sub.addHelpText('after', exitCodeHelpText());
      withCodes(sub);
    }
  };
  withCodes(program);
  return program;
}

/** Runs the CLI with `argv` (as process.argv) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  installSignalHandlers();
  let code: number = ExitCode.OK;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (e) {
    removeAllPartialFiles();
    if (e instanceof CommanderError) {
      // commander has printed the message or the help already.
      return e.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    }
    if (e instanceof CliError) {
      process.stderr.write(`fieldshield: ${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof FieldShieldError) {
      process.stderr.write(`fieldshield: ${e.message}\n`);
      return ExitCode.INTERNAL;
    }
    process.stderr.write(`fieldshield: internal error (${(e as Error)?.name ?? typeof e}); please report it\n`);
    return ExitCode.INTERNAL;
  }
}
