/**
 * Where the CLI gets its secrets: the master key and the pseudonym key come from an
 * environment variable or a file, never from a command-line argument (argv is visible to every
 * user of the machine through `ps` and lands in shell history). Messages name the variable or
 * the file, never a byte of the key.
 */
import { readFile } from 'node:fs/promises';
import { fromHex } from '../encoding.js';
import { CliError, ExitCode } from './exit-codes.js';

export const MASTER_KEY_ENV = 'FIELDSHIELD_MASTER_KEY';
export const PSEUDONYM_KEY_ENV = 'FIELDSHIELD_PSEUDONYM_KEY';

export interface SecretSource {
  /** Path given with `--master-key-file` / `--pseudonym-key-file`; wins over the variable. */
  readonly file?: string;
  /** The environment to read the variable from. */
  readonly env: Record<string, string | undefined>;
}

interface SecretSpec {
  readonly what: string;
  readonly variable: string;
  readonly option: string;
  /** Accepted lengths in bytes. */
  readonly sizes: readonly number[];
}

const MASTER: SecretSpec = { what: 'master key', variable: MASTER_KEY_ENV, option: '--master-key-file', sizes: [16] };
const PSEUDONYM: SecretSpec = { what: 'pseudonym key', variable: PSEUDONYM_KEY_ENV, option: '--pseudonym-key-file', sizes: [16, 32, 64] };

/** The 16-byte master key, or a CliError(KEY) saying where it was looked for. */
export async function readMasterKey(source: SecretSource): Promise<Uint8Array> {
  const key = await readSecret(MASTER, source);
  if (key === undefined) {
    throw new CliError(ExitCode.KEY, `no master key: set ${MASTER_KEY_ENV} (32 hex characters) or pass ${MASTER.option} <path>`);
  }
  return key;
}

/** The pseudonym key when one is configured (16, 32 or 64 bytes), else undefined. */
export async function readPseudonymKey(source: SecretSource): Promise<Uint8Array | undefined> {
  return readSecret(PSEUDONYM, source);
}

async function readSecret(spec: SecretSpec, source: SecretSource): Promise<Uint8Array | undefined> {
  if (source.file !== undefined) {
    let raw: Uint8Array;
    try {
      raw = await readFile(source.file);
    } catch (e) {
      throw new CliError(ExitCode.KEY, `cannot read ${spec.what} file ${source.file} (${errnoOf(e)})`);
    }
    // A file may hold the raw bytes or hex text (what `keys init --new-master-key-file` writes).
    if (spec.sizes.includes(raw.length) && !looksLikeHex(raw)) return new Uint8Array(raw);
    return parseHexSecret(new TextDecoder().decode(raw), spec, `${spec.what} file ${source.file}`);
  }
  const text = source.env[spec.variable];
  if (text === undefined || text.trim() === '') return undefined;
  return parseHexSecret(text, spec, `environment variable ${spec.variable}`);
}

function parseHexSecret(text: string, spec: SecretSpec, where: string): Uint8Array {
  const hex = text.trim();
  const lengths = spec.sizes.map((n) => n * 2);
  if (!/^[0-9a-fA-F]*$/.test(hex) || !lengths.includes(hex.length)) {
    throw new CliError(ExitCode.KEY, `${where} must hold ${lengths.join(', ')} hex characters (a ${spec.sizes.join('/')}-byte ${spec.what})`);
  }
  return fromHex(hex.toLowerCase());
}

function looksLikeHex(raw: Uint8Array): boolean {
  for (const b of raw) {
    const hex = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
    if (!hex) return false;
  }
  return true;
}

/** The errno code of a file-system error (`ENOENT`, `EACCES` ...), never its message. */
export function errnoOf(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unknown error';
}
