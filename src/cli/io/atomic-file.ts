/**
 * Output files that appear whole or not at all.
 *
 * Everything is written to a hidden temporary file in the target's directory
 * (`.<name>.<pid>-<random>.fieldshield-partial`), then flushed to disk and renamed over the
 * target. rename(2) within one directory is atomic, so a reader, a scheduler or the next ETL
 * step sees either the previous file or the complete new one — never a prefix that looks like
 * a finished file. If the process is killed (even with SIGKILL, which runs no handler), what
 * remains is the temporary file, whose name says it is partial; on SIGINT/SIGTERM and on
 * errors the temporary file is removed (see {@link removeAllPartialFiles}).
 */
import { openSync, closeSync, fsyncSync, unlinkSync } from 'node:fs';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { toHex } from '../../encoding.js';
import { randomBytes } from '../../gm/utils.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { errnoOf } from '../secrets.js';

/** Where bytes go: an atomic file, or stdout. */
export interface ByteSink {
  write(bytes: Uint8Array): Promise<void>;
  /** Makes the output visible (rename); after it, nothing more may be written. */
  commit(): Promise<void>;
  /** Throws the output away (temporary file removed). Safe to call twice or after commit. */
  abort(): Promise<void>;
}

export const PARTIAL_SUFFIX = '.fieldshield-partial';

/** Temporary files of this process not yet committed or removed, for the signal handlers. */
const openPartials = new Set<string>();

/** The temporary file name used for `target` (exported for tests and docs). */
export function partialNameFor(target: string): string {
  // The random part is a name, not a secret; it comes from the library's one source of
  // randomness (crypto.getRandomValues) all the same.
  return join(dirname(target), `.${basename(target)}.${process.pid}-${toHex(randomBytes(4))}${PARTIAL_SUFFIX}`);
}

export class AtomicFile implements ByteSink {
  readonly target: string;
  readonly partial: string;
  private handle: FileHandle | undefined;
  private done = false;

  private constructor(target: string, partial: string, handle: FileHandle) {
    this.target = target;
    this.partial = partial;
    this.handle = handle;
  }

  /** Creates the temporary file beside `target` (mode 0600: the data may be sensitive). */
  static async create(target: string): Promise<AtomicFile> {
    const partial = partialNameFor(target);
    let handle: FileHandle;
    try {
      handle = await open(partial, 'wx', 0o600);
    } catch (e) {
      throw new CliError(ExitCode.OUTPUT, `cannot create ${target} (${errnoOf(e)} in ${dirname(target)})`);
    }
    openPartials.add(partial);
    return new AtomicFile(target, partial, handle);
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.handle === undefined) throw new CliError(ExitCode.INTERNAL, `write to ${this.target} after it was closed`);
    try {
      let off = 0;
      while (off < bytes.length) {
        const { bytesWritten } = await this.handle.write(bytes, off, bytes.length - off);
        off += bytesWritten;
      }
    } catch (e) {
      throw new CliError(ExitCode.OUTPUT, `cannot write ${this.target} (${errnoOf(e)})`);
    }
  }

  async commit(): Promise<void> {
    if (this.done) return;
    const handle = this.handle;
    if (handle === undefined) throw new CliError(ExitCode.INTERNAL, `${this.target} was already closed`);
    try {
      await handle.sync();
      await handle.close();
      this.handle = undefined;
      await rename(this.partial, this.target);
    } catch (e) {
      await this.abort();
      throw new CliError(ExitCode.OUTPUT, `cannot write ${this.target} (${errnoOf(e)})`);
    }
    this.done = true;
    openPartials.delete(this.partial);
    syncDirectory(dirname(this.target));
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close().catch(() => undefined);
    await unlink(this.partial).catch(() => undefined);
    openPartials.delete(this.partial);
  }
}

/** Writes a whole small file (keyring, report) atomically. */
export async function writeFileAtomic(target: string, content: string | Uint8Array): Promise<void> {
  const file = await AtomicFile.create(target);
  try {
    await file.write(typeof content === 'string' ? new TextEncoder().encode(content) : content);
    await file.commit();
  } catch (e) {
    await file.abort();
    throw e;
  }
}

/**
 * Removes every temporary file this process still has open. Synchronous, because it runs in
 * signal handlers just before the process exits.
 */
export function removeAllPartialFiles(): void {
  for (const p of openPartials) {
    try {
      unlinkSync(p);
    } catch {
      // Already gone: nothing to clean.
    }
  }
  openPartials.clear();
}

/** Persists the rename itself (the directory entry) where the platform allows it. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** stdout as a sink: no atomicity is possible, so the docs say to prefer `-o <file>`. */
export class StdoutSink implements ByteSink {
  async write(bytes: Uint8Array): Promise<void> {
    if (!process.stdout.write(bytes)) {
      await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
    }
  }
  async commit(): Promise<void> {}
  async abort(): Promise<void> {}
}
