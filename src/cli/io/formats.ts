/**
 * Input formats and text encodings the CLI reads.
 */
import iconv from 'iconv-lite';
import { extname } from 'node:path';
import { CliError, ExitCode } from '../exit-codes.js';
import { dictionary } from '../../dictionary.js';

/** `csv` and `tsv` follow RFC 4180 (TSV = the same rules with TAB); `jsonl` = one object per line; `json` = one array of objects. */
export type DataFormat = 'csv' | 'tsv' | 'jsonl' | 'json';
export const DATA_FORMATS: readonly DataFormat[] = ['csv', 'tsv', 'jsonl', 'json'];

const BY_EXTENSION: Readonly<Record<string, DataFormat>> = dictionary({
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
});

/** The format from `--format`, else from the file extension. */
export function resolveFormat(path: string, option: string | undefined): DataFormat {
  if (option !== undefined) {
    const f = option.toLowerCase();
    if (!(DATA_FORMATS as readonly string[]).includes(f)) {
      throw new CliError(ExitCode.USAGE, `unknown format '${option}': use one of ${DATA_FORMATS.join(', ')}`);
    }
    return f as DataFormat;
  }
  if (path === '-') throw new CliError(ExitCode.USAGE, `cannot tell the format of standard input: pass --format (${DATA_FORMATS.join(', ')})`);
  const f = BY_EXTENSION[extname(path).toLowerCase()];
  if (f === undefined) {
    throw new CliError(ExitCode.USAGE, `cannot tell the format of ${path} from its extension: pass --format (${DATA_FORMATS.join(', ')})`);
  }
  return f;
}

export function delimiterOf(format: DataFormat): ',' | '\t' {
  return format === 'tsv' ? '\t' : ',';
}

/**
 * The canonical name of an input encoding: `utf-8` (the default, BOM optional) or any encoding
 * iconv-lite decodes (`gbk`, `gb18030`, `gb2312`, `big5` ...), which is converted to UTF-8 as it is
 * read. Output is always UTF-8.
 */
export function resolveEncoding(option: string | undefined): string {
  const name = (option ?? 'utf-8').toLowerCase();
  if (name === 'utf-8' || name === 'utf8') return 'utf-8';
  if (!iconv.encodingExists(name)) {
    throw new CliError(ExitCode.USAGE, `unknown encoding '${option}': use utf-8 (default), gbk, gb18030 or another encoding iconv-lite knows`);
  }
  return name;
}
