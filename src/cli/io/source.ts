/**
 * Opening the input: a file or standard input, as a stream of UTF-8 bytes.
 *
 * - Missing, unreadable and directory inputs fail up front with the INPUT exit code.
 * - A UTF-8 byte-order mark is dropped.
 * - Other encodings (`--encoding gbk`, `gb18030` ...) are decoded with iconv-lite and re-encoded
 *   as UTF-8 on the way in, so everything downstream (record scanning, parsing in workers)
 *   sees UTF-8 only.
 * - `bytesRead` counts the *input's* bytes, so progress and ETA match the file size.
 */
import iconv from 'iconv-lite';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { CliError, ExitCode } from '../exit-codes.js';
import { errnoOf } from '../secrets.js';

export interface InputSource {
  /** The path, or `stdin`. */
  readonly name: string;
  /** Size in bytes when known (regular files). */
  readonly size: number | undefined;
  /** Input bytes consumed so far. */
  bytesRead(): number;
  /** The input as UTF-8 without a BOM. */
  chunks(): AsyncIterable<Buffer>;
  close(): void;
}

const READ_CHUNK = 1 << 20;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** @param readBytes size of each read (the chunk size, so a read gives about one chunk). */
export async function openInput(path: string, encoding: string, readBytes = READ_CHUNK): Promise<InputSource> {
  let raw: Readable;
  let size: number | undefined;
  let name: string;
  if (path === '-') {
    raw = process.stdin;
    name = 'stdin';
  } else {
    name = path;
    let handle;
    try {
      handle = await open(path, 'r');
    } catch (e) {
      const code = errnoOf(e);
      throw new CliError(ExitCode.INPUT, code === 'ENOENT' ? `input file ${path} does not exist` : `cannot open input ${path} (${code})`);
    }
    const st = await handle.stat();
    if (st.isDirectory()) {
      await handle.close();
      throw new CliError(ExitCode.INPUT, `input ${path} is a directory`);
    }
    size = st.isFile() ? st.size : undefined;
    raw = handle.createReadStream({ highWaterMark: readBytes, autoClose: true });
  }
  let read = 0;
  raw.on('data', (b: Buffer) => {
    read += b.length;
  });
  return {
    name,
    size,
    bytesRead: () => read,
    chunks: () => (encoding === 'utf-8' ? stripBom(raw, name) : transcode(raw, encoding, name)),
    close: () => {
      if (raw !== process.stdin) raw.destroy();
    },
  };
}

async function* stripBom(raw: Readable, name: string): AsyncIterable<Buffer> {
  let first = true;
  let head: Buffer = Buffer.alloc(0);
  for await (const b of readErrors(raw, name)) {
    if (!first) {
      yield b;
      continue;
    }
    // The BOM may straddle the first reads of a pipe: wait for three bytes before deciding.
    head = head.length === 0 ? b : Buffer.concat([head, b]);
    if (head.length < UTF8_BOM.length && UTF8_BOM.slice(0, head.length).every((x, i) => head[i] === x)) continue;
    first = false;
    const hasBom = UTF8_BOM.every((x, i) => head[i] === x);
    const rest = hasBom ? head.subarray(UTF8_BOM.length) : head;
    if (rest.length > 0) yield rest;
  }
  if (first && head.length > 0 && !UTF8_BOM.slice(0, head.length).every((x, i) => head[i] === x)) yield head;
}

async function* transcode(raw: Readable, encoding: string, name: string): AsyncIterable<Buffer> {
  // stripBOM: a GB18030 or UTF-16 file may start with its own BOM.
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  let offset = 0;
  for await (const b of readErrors(raw, name)) {
    const text = decoder.write(b);
    checkDecoded(text, encoding, name, offset);
    offset += b.length;
    if (text.length > 0) yield Buffer.from(text, 'utf8');
  }
  const tail = decoder.end();
  if (tail !== undefined && tail.length > 0) {
    checkDecoded(tail, encoding, name, offset);
    yield Buffer.from(tail, 'utf8');
  }
}

/**
 * iconv-lite replaces undecodable bytes with U+FFFD. Passing that on would protect (or
 * pseudonymize) a corrupted value as if it were the real one, so the run stops instead: the
 * usual cause is a wrong `--encoding`.
 */
function checkDecoded(text: string, encoding: string, name: string, offset: number): void {
  if (text.includes('\uFFFD')) {
    throw new CliError(ExitCode.INPUT, `${name} is not valid ${encoding} (undecodable bytes after byte ${offset}); check --encoding`);
  }
}

async function* readErrors(raw: Readable, name: string): AsyncIterable<Buffer> {
  try {
    for await (const b of raw) yield b as Buffer;
  } catch (e) {
    throw new CliError(ExitCode.INPUT, `cannot read ${name} (${errnoOf(e)})`);
  }
}
