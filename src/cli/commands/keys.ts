/**
 * `fieldshield keys`: keyring documents with the local master-key provider.
 *
 *   init     new keyring (and, if asked, a new master key file)
 *   list     keys, states, usage — from the document alone, no master key needed
 *   rotate   new primary key; old keys keep decrypting
 *   retire   a key stops encrypting and indexing (decrypt-only)
 *   destroy  crypto-shreds a key: everything encrypted under it becomes unrecoverable
 *   rewrap   rewrites a data file's envelopes under the primary key
 *
 * Secrets come from `FIELDSHIELD_MASTER_KEY` or `--master-key-file`, never from an argument.
 */
import type { Command } from 'commander';
import { access, open } from 'node:fs/promises';
import { toHex } from '../../encoding.js';
import { Keyring, LocalKeyProvider, type KeyringDocument } from '../../keys/index.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { keyringError, openKeyring, readKeyringText, saveKeyring } from '../keyring-file.js';
import { renderTable } from '../report/text-table.js';
import { errnoOf, readMasterKey } from '../secrets.js';
import { addDataOptions, createConsole, resolveDataOptions, type DataOptions } from './common.js';
import { addKeyringOption, addMasterKeyOption, budgetKeyringText, loadKeys, type KeyOptions } from './keys-options.js';
import { readPolicyText } from './policy-file.js';
import { runKeyed } from './protect.js';

interface KeysCommonOptions extends KeyOptions {
  readonly keyring: string;
  readonly quiet?: boolean;
}

export function registerKeys(program: Command, done: (code: number) => void): void {
  const keys = program.command('keys').description('create, list, rotate, retire and destroy data keys in a keyring document; rewrap data files');

  const init = keys
    .command('init')
    .description('create a keyring with one primary data key, wrapped by the master key')
    .option('--new-master-key-file <path>', 'generate a new master key into this file (mode 0600) and use it')
    .option('--usage-limit <n>', 'random (SM4-GCM) encryptions allowed per data key (default 2^32)');
  addKeyringOption(init, true);
  addMasterKeyOption(init);
  init.option('-q, --quiet', 'print nothing');
  init.action(async (options: KeysCommonOptions & { newMasterKeyFile?: string; usageLimit?: string }) => done(await keysInit(options)));

  const list = keys.command('list').description('list the keys of a keyring (no master key needed)').option('--json', 'print JSON');
  addKeyringOption(list, true);
  list.action(async (options: KeysCommonOptions & { json?: boolean }) => done(await keysList(options)));

  const rotate = keys.command('rotate').description('add a new primary data key; older keys keep decrypting until retired or destroyed');
  addKeyringOption(rotate, true);
  addMasterKeyOption(rotate);
  rotate.option('-q, --quiet', 'print nothing');
  rotate.action(async (options: KeysCommonOptions) => done(await keysChange(options, 'rotate')));

  const retire = keys
    .command('retire')
    .description('make a key decrypt-only: it no longer encrypts or computes blind indexes')
    .argument('<key-id>', 'the key ID (see keys list)')
    .option('--force', 'also when it is the primary key');
  addKeyringOption(retire, true);
  addMasterKeyOption(retire);
  retire.option('-q, --quiet', 'print nothing');
  retire.action(async (keyId: string, options: KeysCommonOptions & { force?: boolean }) => done(await keysChange(options, 'retire', keyId)));

  const destroy = keys
    .command('destroy')
    .description('crypto-shred a key: its wrapped copy leaves the keyring and every value encrypted under it becomes unrecoverable')
    .argument('<key-id>', 'the key ID (see keys list)')
    .option('--force', 'also when it is the primary key');
  addKeyringOption(destroy, true);
  addMasterKeyOption(destroy);
  destroy.option('-q, --quiet', 'print nothing');
  destroy.action(async (keyId: string, options: KeysCommonOptions & { force?: boolean }) => done(await keysChange(options, 'destroy', keyId)));

  const rewrap = keys
    .command('rewrap')
    .description("rewrite a data file's envelopes under the keyring's primary key (after a rotation, before retiring old keys)")
    .argument('<input>', 'protected file, or - for standard input')
    .requiredOption('-o, --output <path>', 'output file (written to a temporary file, renamed when complete), or - for standard output')
    .option('--policy <path>', 'the policy the data was protected with (it gives each field its encryption context); default: the built-in policy')
    .option('--classification <report.json>', 'the classify report protect was given, if any');
  addKeyringOption(rewrap, true);
  addMasterKeyOption(rewrap);
  addDataOptions(rewrap);
  rewrap.action(async (input: string, options: KeysCommonOptions & DataOptions & { output: string; policy?: string; classification?: string }) => done(await keysRewrap(input, options)));
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function keysInit(options: KeysCommonOptions & { newMasterKeyFile?: string; usageLimit?: string }): Promise<number> {
  const con = createConsole(options.quiet === true);
  if (await exists(options.keyring)) {
    throw new CliError(ExitCode.KEY_STATE, `${options.keyring} already exists: keys init never replaces a keyring (its keys would be lost, and with them the data)`);
  }
  let usageLimit: number | undefined;
  if (options.usageLimit !== undefined) {
    usageLimit = Number(options.usageLimit);
    if (!/^\d+$/.test(options.usageLimit) || !Number.isSafeInteger(usageLimit) || usageLimit < 1) {
      throw new CliError(ExitCode.USAGE, '--usage-limit must be a positive integer');
    }
  }
  let masterKey: Uint8Array;
  if (options.newMasterKeyFile !== undefined) {
    if (options.masterKeyFile !== undefined) throw new CliError(ExitCode.USAGE, 'give either --new-master-key-file or --master-key-file, not both');
    masterKey = LocalKeyProvider.generateMasterKey();
    await writeNewSecret(options.newMasterKeyFile, toHex(masterKey) + '\n');
  } else {
    masterKey = await readMasterKey({ ...(options.masterKeyFile === undefined ? {} : { file: options.masterKeyFile }), env: process.env });
  }
  const provider = new LocalKeyProvider(masterKey);
  let keyring: Keyring;
  try {
    keyring = await Keyring.create({ provider, ...(usageLimit === undefined ? {} : { usageLimit }) });
  } catch (e) {
    throw keyringError(e, options.keyring);
  }
  await saveKeyring(options.keyring, keyring);
  con.note(
    `created keyring ${options.keyring}: primary key ${keyring.primaryKeyId}, wrapped by master key ${provider.kekId}` +
      (options.newMasterKeyFile === undefined ? '' : ` (new master key in ${options.newMasterKeyFile}: keep it apart from the data)`) +
      '\n',
  );
  return ExitCode.OK;
}

/** Writes a new secret file: never over an existing file, readable by the owner only. */
async function writeNewSecret(path: string, text: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (e) {
    const code = errnoOf(e);
    throw new CliError(code === 'EEXIST' ? ExitCode.KEY_STATE : ExitCode.OUTPUT, code === 'EEXIST' ? `${path} already exists: a master key file is never replaced` : `cannot create ${path} (${code})`);
  }
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function keysList(options: KeysCommonOptions & { json?: boolean }): Promise<number> {
  const doc = JSON.parse(await readKeyringText(options.keyring)) as KeyringDocument;
  if (!Array.isArray(doc.keys)) throw new CliError(ExitCode.KEYRING, `keyring ${options.keyring} has no key list`);
  const keys = doc.keys.map((k) => ({
    id: k.id,
    state: k.state,
    primary: k.id === doc.primary,
    created: k.created,
    ...(k.destroyed === undefined ? {} : { destroyed: k.destroyed }),
    usage: k.usage,
    usageLimit: k.usageLimit,
    ...(k.kek === undefined ? {} : { masterKey: k.kek }),
  }));
  if (options.json === true) {
    process.stdout.write(JSON.stringify({ keyring: options.keyring, provider: doc.provider, primary: doc.primary, keys }, null, 2) + '\n');
    return ExitCode.OK;
  }
  const rows = keys.map((k) => [k.id, k.state, k.primary ? 'yes' : '', k.created, `${k.usage} / ${k.usageLimit}`, k.masterKey ?? '']);
  process.stdout.write(renderTable(['ID', 'STATE', 'PRIMARY', 'CREATED', 'USAGE', 'MASTER KEY'], rows) + '\n');
  return ExitCode.OK;
}

async function keysChange(options: KeysCommonOptions & { force?: boolean }, op: 'rotate' | 'retire' | 'destroy', keyId?: string): Promise<number> {
  const con = createConsole(options.quiet === true);
  const masterKey = await readMasterKey({ ...(options.masterKeyFile === undefined ? {} : { file: options.masterKeyFile }), env: process.env });
  const keyring = await openKeyring(options.keyring, masterKey);
  let message: string;
  const wasPrimary = keyId !== undefined && keyId === keyring.primaryKeyId;
  if (wasPrimary && options.force !== true) {
    // Checked here rather than left to the library, whose message speaks of its option object.
    throw new CliError(ExitCode.KEY_STATE, `cannot ${op} the primary key ${keyId}: run keys rotate first, or pass --force`);
  }
  try {
    if (op === 'rotate') {
      const previous = keyring.primaryKeyId;
      const id = await keyring.rotate();
      message =
        previous === ''
          ? `rotated: new primary key ${id}`
          : `rotated: new primary key ${id}; ${previous} stays active for decryption (rewrap data, then retire or destroy it)`;
    } else if (op === 'retire') {
      keyring.retire(keyId as string, { force: options.force === true });
      message = `key ${keyId} is now decrypt-only`;
    } else {
      keyring.destroy(keyId as string, { force: options.force === true });
      message =
        `key ${keyId} destroyed (crypto-shredded): values encrypted under it are now unrecoverable.` +
        ' Copies of this keyring file made before now (backups) still hold the wrapped key: destroy them too';
    }
  } catch (e) {
    throw keyringError(e, options.keyring);
  }
  if (wasPrimary) message += `. The keyring has no primary key now: nothing can be encrypted until keys rotate makes one`;
  await saveKeyring(options.keyring, keyring);
  con.note(message + '\n');
  return ExitCode.OK;
}

async function keysRewrap(input: string, options: KeysCommonOptions & DataOptions & { output: string; policy?: string; classification?: string }): Promise<number> {
  const data = resolveDataOptions(input, options);
  const policyText = await readPolicyText(options.policy, options.classification);
  const keys = await loadKeys(options, { pseudonymKey: false });
  const con = createConsole(options.quiet === true);
  return runKeyed(
    'rewrap',
    input,
    options,
    data,
    con,
    keys,
    {
      kind: 'rewrap',
      ...(policyText === undefined ? {} : { policyText }),
      keyringText: budgetKeyringText(keys.keyringText as string, data.threads),
      keyringName: options.keyring,
      masterKey: keys.masterKey as Uint8Array,
    },
    { suffix: ` (primary key ${keys.keyring?.primaryKeyId})` },
  );
}
