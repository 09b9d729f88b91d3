/**
 * Keyring and secret options, and the keyring's usage counters across worker threads.
 */
import type { Command } from 'commander';
import type { Keyring, KeyringDocument } from '../../keys/index.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { loadKeyringText, readKeyringText, saveKeyring } from '../keyring-file.js';
import { MASTER_KEY_ENV, PSEUDONYM_KEY_ENV, readMasterKey, readPseudonymKey } from '../secrets.js';

export interface KeyOptions {
  readonly keyring?: string;
  readonly masterKeyFile?: string;
  readonly pseudonymKeyFile?: string;
}

export function addKeyringOption(cmd: Command, required: boolean): Command {
  const flags = '--keyring <path>';
  const text = 'keyring document (JSON) holding the wrapped data keys';
  return required ? cmd.requiredOption(flags, text) : cmd.option(flags, text);
}

export function addMasterKeyOption(cmd: Command): Command {
  return cmd.option('--master-key-file <path>', `file holding the master key (32 hex characters or 16 bytes); default: $${MASTER_KEY_ENV}`);
}

export function addPseudonymKeyOption(cmd: Command): Command {
  return cmd.option(
    '--pseudonym-key-file <path>',
    `file holding the pseudonym key (hex or raw, 16/32/64 bytes); default: $${PSEUDONYM_KEY_ENV}, else derived from the keyring's primary key`,
  );
}

export interface LoadedKeys {
  readonly keyringPath?: string;
  readonly keyringText?: string;
  readonly keyring?: Keyring;
  readonly masterKey?: Uint8Array;
  readonly pseudonymKey?: Uint8Array;
}

/** Reads and verifies the keyring (if any) and the secrets, in the main thread, before any row is read. */
export async function loadKeys(options: KeyOptions, want: { readonly pseudonymKey: boolean }): Promise<LoadedKeys> {
  const env = process.env;
  const pseudonymKey = want.pseudonymKey ? await readPseudonymKey({ ...(options.pseudonymKeyFile === undefined ? {} : { file: options.pseudonymKeyFile }), env }) : undefined;
  if (options.keyring === undefined) return pseudonymKey === undefined ? {} : { pseudonymKey };
  const keyringText = await readKeyringText(options.keyring);
  const masterKey = await readMasterKey({ ...(options.masterKeyFile === undefined ? {} : { file: options.masterKeyFile }), env });
  const keyring = await loadKeyringText(keyringText, masterKey, options.keyring);
  return { keyringPath: options.keyring, keyringText, keyring, masterKey, ...(pseudonymKey === undefined ? {} : { pseudonymKey }) };
}

/**
 * The keyring text each of `workers` threads gets: each key's remaining random-encryption
 * budget is split evenly, so together the workers stay within the key's usage limit (each
 * worker counts only its own use).
 */
export function budgetKeyringText(text: string, workers: number): string {
  if (workers <= 1) return text;
  const doc = JSON.parse(text) as KeyringDocument;
  for (const k of doc.keys) {
    const remaining = Math.max(0, k.usageLimit - k.usage);
    k.usage = k.usageLimit - Math.floor(remaining / workers);
  }
  return JSON.stringify(doc);
}

/**
 * Adds the random encryptions of a run to the keyring file's usage counters (re-read first, so
 * a rotation made meanwhile is kept). Without this the usage limit would never be reached
 * through the CLI.
 */
export async function recordUsage(path: string, usage: ReadonlyMap<string, number>): Promise<void> {
  if (usage.size === 0) return;
  let doc: KeyringDocument;
  try {
    doc = JSON.parse(await readKeyringText(path)) as KeyringDocument;
  } catch (e) {
    if (e instanceof CliError) throw new CliError(ExitCode.KEYRING, `cannot update the usage counters: ${e.message}`);
    throw e;
  }
  for (const k of doc.keys) {
    const d = usage.get(k.id);
    if (d !== undefined) k.usage = Math.min(k.usageLimit, k.usage + d);
  }
  await saveKeyring(path, doc);
}

/** Sums `usage` maps from chunk results. */
export function addUsage(total: Map<string, number>, usage: Record<string, number> | undefined): void {
  if (usage === undefined) return;
  for (const [id, n] of Object.entries(usage)) total.set(id, (total.get(id) ?? 0) + n);
}
