/**
 * Exit codes of the `fieldshield` command. They are part of its interface: ETL schedulers branch
 * on them, so each has one meaning, and `--help` and docs/CLI.md print this same table.
 */
export const ExitCode = {
  /** Done; every row was processed. */
  OK: 0,
  /** An unexpected internal error (a bug): please report it. */
  INTERNAL: 1,
  /** Bad command line: unknown command or option, a bad option value, an unknown scene, format or encoding. */
  USAGE: 2,
  /** The input is missing or unreadable, or not in the declared format or encoding. */
  INPUT: 3,
  /** The keyring file is missing, unreadable or not a valid keyring document. */
  KEYRING: 4,
  /** The master or pseudonym key is missing or malformed, or the master key is not the keyring's. */
  KEY: 5,
  /** The policy file is missing or invalid. */
  POLICY: 6,
  /** Finished, but some rows were rejected: the output holds the others; see the reject file. */
  REJECTS: 7,
  /** Stopped: more rows were rejected than `--max-rejects` allows; no output file was written. */
  TOO_MANY_REJECTS: 8,
  /** The output (or reject, report, audit, keyring) file could not be written. */
  OUTPUT: 9,
  /** A key operation was refused (destroying the primary key without `--force`, a key's usage limit reached). */
  KEY_STATE: 10,
  /** Interrupted by SIGINT / SIGTERM: partial output was removed. */
  INTERRUPTED: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** One line per code, for `--help` and docs/CLI.md. */
export const EXIT_CODE_HELP: readonly (readonly [number, string])[] = [
  [ExitCode.OK, 'success'],
  [ExitCode.INTERNAL, 'internal error (a bug; please report it)'],
  [ExitCode.USAGE, 'bad command line: unknown command/option, bad value, unknown scene/format/encoding'],
  [ExitCode.INPUT, 'input missing, unreadable, or not in the declared format/encoding'],
  [ExitCode.KEYRING, 'keyring file missing, unreadable or invalid'],
  [ExitCode.KEY, 'master/pseudonym key missing or malformed, or not the keyring\'s master key'],
  [ExitCode.POLICY, 'policy file missing or invalid'],
  [ExitCode.REJECTS, 'finished with rejected rows (output written without them; see the reject file)'],
  [ExitCode.TOO_MANY_REJECTS, 'stopped: more rejects than --max-rejects; no output written'],
  [ExitCode.OUTPUT, 'cannot write an output, report, reject, audit or keyring file'],
  [ExitCode.KEY_STATE, 'key operation refused (primary key without --force, usage limit reached: rotate)'],
  [ExitCode.INTERRUPTED, 'interrupted (SIGINT/SIGTERM); partial output removed'],
];

/** The table as help text (`--help` of the program and of each command). */
export function exitCodeHelpText(): string {
  return `\nExit codes:\n${EXIT_CODE_HELP.map(([code, text]) => `  ${String(code).padStart(3)}  ${text}`).join('\n')}\n`;
}

/**
 * An error the CLI reports as one line on stderr and turns into an exit code. Messages name
 * files, options, line numbers and field names, never a value from the data or a key.
 */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(exitCode: number, message: string) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
