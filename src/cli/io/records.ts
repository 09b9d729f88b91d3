/**
 * Worker side of the I/O: a chunk's bytes → records (with their line numbers) → bytes.
 *
 * CSV/TSV chunks are parsed with csv-parse in one call (the fast path). csv-parse stops at the
 * first malformed record and, when told to skip bad records, can lose its place and drop the
 * good records after one, so a chunk that fails to parse cleanly, or whose records have the
 * wrong number of fields, is parsed again record by record (boundaries from csv-scan.ts): each
 * bad record becomes one reject with its line number, and every good record is kept.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { countLines, scanCsv } from './csv-scan.js';
import type { DataFormat } from './formats.js';
import { dictionary } from '../../dictionary.js';
import { hasInexactNumber, holdsNumber } from './json-numbers.js';

/** A row that could not be processed: where and why, never what it held. */
export interface Reject {
  readonly line: number;
  readonly reason: string;
  /** The field the reason is about, when there is one (a name from the header, never a value). */
  readonly field?: string;
}

export type Row = Record<string, unknown>;

export interface ParsedChunk {
  readonly rows: Row[];
  /** Line number of each row. */
  readonly lines: number[];
  readonly rejects: Reject[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class InputFormatError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

function decode(bytes: Uint8Array, line: number): string {
  try {
    return utf8.decode(bytes);
  } catch {
    // Invalid UTF-8 is an encoding problem for the whole input, not one bad row.
    throw new InputFormatError(`the input is not valid UTF-8 (in the lines from ${line}); pass --encoding (e.g. gbk, gb18030)`, line);
  }
}

const CSV_REASONS: Readonly<Record<string, string>> = dictionary({
  CSV_INVALID_CLOSING_QUOTE: 'malformed CSV: a closing quote is followed by other characters',
  CSV_QUOTE_NOT_CLOSED: 'malformed CSV: a quoted field is not closed',
  INVALID_OPENING_QUOTE: 'malformed CSV: a quote inside an unquoted field',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'malformed CSV: characters after a closing quote',
});

/** csv-parse's messages quote the offending characters, so rejects carry a fixed text per code. */
function csvReason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return (typeof code === 'string' && CSV_REASONS[code]) || 'malformed CSV record';
}

/**
 * Records end at LF or CRLF, never at a lone CR. Left to itself, csv-parse takes the first line
 * break of each chunk as the delimiter for the whole chunk: a CR inside a quoted field made a
 * chunk CR-delimited (rows cut and merged), and in a file of mixed endings a chunk that started
 * with LF kept the CR of its CRLF rows in their last field — results that changed with chunking.
 */
export const RECORD_DELIMITERS = ['\r\n', '\n'];

export function parseDelimited(bytes: Uint8Array, firstLine: number, delimiter: ',' | '\t', columns: readonly string[]): ParsedChunk {
  const buf = asBuffer(bytes);
  const text = decode(bytes, firstLine);
  let records: string[][] | undefined;
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, record_delimiter: RECORD_DELIMITERS }) as string[][];
  } catch {
    records = undefined;
  }
  if (records !== undefined && records.every((r) => r.length === columns.length)) {
    // Line numbers: exact when no field holds a line break (the common case); otherwise the
    // slow path below is the one that knows them, and it is only needed for rejects.
    const rows = new Array<Row>(records.length);
    const lines = new Array<number>(records.length);
    const multiline = records.length !== countLines(buf) + (buf.length > 0 && buf[buf.length - 1] !== 0x0a ? 1 : 0);
    if (!multiline) {
      const template = rowTemplate(columns);
      for (let i = 0; i < records.length; i++) {
        rows[i] = toRow(records[i], columns, template);
        lines[i] = firstLine + i;
      }
      return { rows, lines, rejects: [] };
    }
  }
  return parseRecordByRecord(buf, firstLine, delimiter, columns);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * An object with every column as an own property (null), in column order, for toRow to copy.
 * Adding 30 properties one by one under computed names turns an object into a hash table in
 * V8 (dictionary mode), which makes every later copy and walk of the row slow; a copy of an
 * object JSON.parse built keeps its fast layout. JSON.parse also makes `__proto__` an own
 * property, as a column of that name must be.
 */
function rowTemplate(columns: readonly string[]): Row {
  let template = templates.get(columns);
  if (template === undefined) {
    template = JSON.parse(`{${columns.map((c) => `${JSON.stringify(c)}:null`).join(',')}}`) as Row;
    templates.set(columns, template);
  }
  return template;
}

const templates = new WeakMap<readonly string[], Row>();

function toRow(cells: readonly string[], columns: readonly string[], template: Row): Row {
  const row: Row = { ...template };
  for (let i = 0; i < columns.length; i++) row[columns[i]] = cells[i];
  return row;
}

function parseRecordByRecord(buf: Buffer, firstLine: number, delimiter: ',' | '\t', columns: readonly string[]): ParsedChunk {
  const ends: number[] = [];
  scanCsv(buf, delimiter.charCodeAt(0), { inQuote: false, pos: 0 }, (end) => {
    ends.push(end);
    return true;
  });
  if (ends.length === 0 || ends[ends.length - 1] < buf.length) ends.push(buf.length);
  const rows: Row[] = [];
  const lines: number[] = [];
  const rejects: Reject[] = [];
  const template = rowTemplate(columns);
  let start = 0;
  let line = firstLine;
  for (const end of ends) {
    const recordBytes = buf.subarray(start, end);
    const recordLine = line;
    line += countLines(recordBytes);
    start = end;
    const text = decode(recordBytes, recordLine);
    // A blank line is skipped, as csv-parse's skip_empty_lines does (a TAB-only line is a record).
    if (text === '\n' || text === '\r\n' || text === '') continue;
    let records: string[][];
    try {
      records = parse(text, { delimiter, relax_column_count: true, record_delimiter: RECORD_DELIMITERS }) as string[][];
    } catch (e) {
      rejects.push({ line: recordLine, reason: csvReason(e) });
      continue;
    }
    const cells = records[0] ?? [];
    if (records.length !== 1) {
      rejects.push({ line: recordLine, reason: 'malformed CSV record' });
    } else if (cells.length !== columns.length) {
      rejects.push({ line: recordLine, reason: `expected ${columns.length} fields, found ${cells.length}` });
    } else {
      rows.push(toRow(cells, columns, template));
      lines.push(recordLine);
    }
  }
  return { rows, lines, rejects };
}

export function parseJsonLines(bytes: Uint8Array, firstLine: number): ParsedChunk {
  const text = decode(bytes, firstLine);
  const rows: Row[] = [];
  const lines: number[] = [];
  const rejects: Reject[] = [];
  let line = firstLine;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const lineText = text.slice(start, end);
    if (lineText.trim() !== '') pushJsonValue(lineText, line, rows, lines, rejects);
    start = end + 1;
    line++;
  }
  return { rows, lines, rejects };
}

export function parseJsonElements(bytes: Uint8Array, elements: Uint32Array): ParsedChunk {
  const rows: Row[] = [];
  const lines: number[] = [];
  const rejects: Reject[] = [];
  for (let i = 0; i < elements.length; i += 3) {
    const line = elements[i + 2];
    pushJsonValue(decode(bytes.subarray(elements[i], elements[i + 1]), line), line, rows, lines, rejects);
  }
  return { rows, lines, rejects };
}

const INEXACT_NUMBER =
  'a number that JSON readers cannot hold exactly (more than 15 significant digits, or out of range): write it as a string';

function pushJsonValue(text: string, line: number, rows: Row[], lines: number[], rejects: Reject[]): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the input: the reason is fixed text.
    rejects.push({ line, reason: 'invalid JSON' });
    return;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    rejects.push({ line, reason: 'not a JSON object' });
    return;
  }
  if (holdsNumber(value) && hasInexactNumber(text)) {
    rejects.push({ line, reason: INEXACT_NUMBER });
    return;
  }
  rows.push(value as Row);
  lines.push(line);
}

/** A cell of CSV output: null/undefined → empty; objects (a JSON value a policy produced) → JSON. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object') return v instanceof Date ? v.toISOString() : JSON.stringify(v);
  return String(v);
}

/** Serializes rows in the output format (no header, no array brackets: the main thread adds those). */
export function serializeRows(format: DataFormat, rows: readonly Row[], columns: readonly string[] | undefined): string {
  if (rows.length === 0) return '';
  if (format === 'csv' || format === 'tsv') {
    const cols = columns ?? [];
    const cells = rows.map((r) => cols.map((c) => cellText(r[c])));
    // A field holding a CR is quoted like one holding LF (csv-stringify quotes LF only): a bare
    // CR in the output would be a line break to most readers.
    return stringify(cells, { delimiter: format === 'tsv' ? '\t' : ',', record_delimiter: 'unix', quoted_match: /\r/ });
  }
  if (format === 'jsonl') {
    let out = '';
    for (const r of rows) out += JSON.stringify(r) + '\n';
    return out;
  }
  let out = '';
  for (let i = 0; i < rows.length; i++) out += (i === 0 ? '  ' : ',\n  ') + JSON.stringify(rows[i]);
  return out;
}

/** The CSV/TSV header line for `columns`. */
export function headerLine(format: DataFormat, columns: readonly string[]): string {
  return stringify([columns as string[]], { delimiter: format === 'tsv' ? '\t' : ',', record_delimiter: 'unix' });
}
