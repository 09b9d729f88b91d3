/**
 * A small, tolerant scanner for `CREATE TABLE` DDL as banks export it — MySQL (inline
 * `COMMENT '...'`, table `COMMENT='...'`), Oracle and PostgreSQL (`COMMENT ON TABLE` /
 * `COMMENT ON COLUMN t.c IS '...'` afterwards) — and `classifySchema`, which classifies every
 * column by name, comment and table without any data: what a bank runs first.
 *
 * Not a SQL parser: it reads identifiers (bare, `backtick`, "double-quoted", [bracketed]),
 * strings ('it''s', MySQL 'it\'s', E'...', N'...', $$dollar$$), comments (`--`, `#`, block),
 * and parentheses, which is all a column list needs. Anything else is skipped to the next `;`.
 * Linear in the input; unterminated strings or comments end at the end of the input.
 */
import { decide, type FieldContextOptions, sanitizeOptions } from './field.js';
import { applyRules, DEFAULT_RULES } from './rules.js';
import { maxLevel } from './schemes.js';
import type { Level } from '../kinds/types.js';
import type { FieldClassification, LevelCounts, RecordOptions, SchemaClassification, SchemaColumn, SchemaTableClassification } from './types.js';

type TokenType = 'word' | 'quoted' | 'string' | 'punct' | 'number';

interface Tok {
  readonly type: TokenType;
  readonly value: string;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$#\u0080-\uffff]/;

/** Splits DDL into tokens, dropping whitespace and comments. */
export function lexSql(sql: string): Tok[] {
  const s = String(sql);
  const out: Tok[] = [];
  const n = s.length;
  let i = 0;
  const readQuoted = (close: string, backslash: boolean): string => {
    let v = '';
    i++;
    while (i < n) {
      const c = s[i];
      if (backslash && c === '\\' && i + 1 < n) {
        const e = s[i + 1];
        v += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === '0' ? '' : e;
        i += 2;
        continue;
      }
      if (c === close) {
        if (s[i + 1] === close) {
          v += close;
          i += 2;
          continue;
        }
        i++;
        return v;
      }
      v += c;
      i++;
    }
    return v;
  };
  while (i < n) {
    const c = s[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\u3000' || c === '\ufeff') {
      i++;
    } else if ((c === '-' && s[i + 1] === '-') || c === '#') {
      while (i < n && s[i] !== '\n') i++;
    } else if (c === '/' && s[i + 1] === '*') {
      const end = s.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === "'") {
      out.push({ type: 'string', value: readQuoted("'", true) });
    } else if ((c === 'E' || c === 'e' || c === 'N' || c === 'n') && s[i + 1] === "'") {
      i++;
      out.push({ type: 'string', value: readQuoted("'", true) });
    } else if (c === '`') {
      out.push({ type: 'quoted', value: readQuoted('`', false) });
    } else if (c === '"') {
      out.push({ type: 'quoted', value: readQuoted('"', false) });
    } else if (c === '[') {
      const end = s.indexOf(']', i + 1);
      out.push({ type: 'quoted', value: s.slice(i + 1, end < 0 ? n : end) });
      i = end < 0 ? n : end + 1;
    } else if (c === '$') {
      // PostgreSQL dollar quoting: $tag$ ... $tag$.
      const m = /^\$[A-Za-z_0-9]*\$/.exec(s.slice(i, i + 64));
      if (m === null) {
        out.push({ type: 'punct', value: c });
        i++;
      } else {
        const end = s.indexOf(m[0], i + m[0].length);
        out.push({ type: 'string', value: s.slice(i + m[0].length, end < 0 ? n : end) });
        i = end < 0 ? n : end + m[0].length;
      }
    } else if (c >= '0' && c <= '9') {
      let j = i + 1;
      while (j < n && /[0-9.]/.test(s[j])) j++;
      out.push({ type: 'number', value: s.slice(i, j) });
      i = j;
    } else if (WORD_START.test(c)) {
      let j = i + 1;
      while (j < n && WORD_PART.test(s[j])) j++;
      out.push({ type: 'word', value: s.slice(i, j) });
      i = j;
    } else {
      out.push({ type: 'punct', value: c });
      i++;
    }
  }
  return out;
}

export interface DdlColumn {
  readonly name: string;
  readonly type?: string;
  comment?: string;
}

export interface DdlTable {
  /** The table name without its schema, as written (quotes removed). */
  readonly name: string;
  comment?: string;
  readonly columns: DdlColumn[];
}

const CONSTRAINT_WORDS = new Set([
  'PRIMARY', 'KEY', 'INDEX', 'UNIQUE', 'CONSTRAINT', 'FOREIGN', 'CHECK', 'FULLTEXT', 'SPATIAL', 'EXCLUDE', 'PERIOD', 'LIKE',
]);
/** Words that end a column's type. */
const TYPE_END = new Set([
  'NOT', 'NULL', 'DEFAULT', 'COMMENT', 'PRIMARY', 'UNIQUE', 'REFERENCES', 'CHECK', 'CONSTRAINT', 'AUTO_INCREMENT',
  'AUTOINCREMENT', 'GENERATED', 'COLLATE', 'CHARACTER', 'CHARSET', 'ON', 'IDENTITY', 'ENABLE', 'DISABLE', 'VISIBLE',
  'INVISIBLE', 'AS', 'STORAGE', 'COLUMN_FORMAT', 'ENCRYPT', 'KEY',
]);

function isWord(t: Tok | undefined, w: string): boolean {
  return t !== undefined && t.type === 'word' && t.value.toUpperCase() === w;
}

function isPunct(t: Tok | undefined, p: string): boolean {
  return t !== undefined && t.type === 'punct' && t.value === p;
}

function isName(t: Tok | undefined): boolean {
  return t !== undefined && (t.type === 'word' || t.type === 'quoted');
}

/** Reads `a.b.c` from `i`; returns the parts and the index after them. */
function qualifiedName(toks: readonly Tok[], i: number): { parts: string[]; next: number } {
  const parts: string[] = [];
  let j = i;
  while (isName(toks[j])) {
    parts.push(toks[j].value);
    if (isPunct(toks[j + 1], '.') && isName(toks[j + 2])) j += 2;
    else {
      j++;
      break;
    }
  }
  return { parts, next: j };
}

function skipStatement(toks: readonly Tok[], i: number): number {
  let j = i;
  while (j < toks.length && !isPunct(toks[j], ';')) j++;
  return j + 1;
}

/** Tokens of a column type kept in its text (`DECIMAL(18, 2)` has 6): a longer one is junk. */
const MAX_TYPE_TOKENS = 64;

function typeText(parts: readonly Tok[]): string {
  // The last character is tracked rather than read back with endsWith: on a string built with
  // `+=` every endsWith flattens it, which made a long run of tokens quadratic.
  let out = '';
  let last = '';
  const n = Math.min(parts.length, MAX_TYPE_TOKENS);
  for (let i = 0; i < n; i++) {
    const t = parts[i];
    if (t.type === 'punct' && (t.value === '(' || t.value === ')' || t.value === ',')) {
      out += t.value;
      last = t.value;
    } else {
      const text = t.type === 'string' ? `'${t.value.replace(/'/g, "''")}'` : t.value;
      out += (out === '' || last === '(' || last === ',' ? '' : ' ') + text;
      last = text.slice(-1);
    }
  }
  return out.replace(/ \(/g, '(');
}

function parseColumn(el: readonly Tok[]): DdlColumn | undefined {
  const first = el[0];
  if (!isName(first)) return undefined;
  if (first.type === 'word' && CONSTRAINT_WORDS.has(first.value.toUpperCase())) return undefined;
  const type: Tok[] = [];
  let depth = 0;
  let k = 1;
  for (; k < el.length; k++) {
    const t = el[k];
    if (depth === 0 && t.type === 'word' && TYPE_END.has(t.value.toUpperCase())) break;
    if (isPunct(t, '(')) depth++;
    else if (isPunct(t, ')')) depth--;
    type.push(t);
  }
  let comment: string | undefined;
  for (; k < el.length; k++) {
    if (isWord(el[k], 'COMMENT')) {
      const v = isPunct(el[k + 1], '=') ? el[k + 2] : el[k + 1];
      if (v?.type === 'string') comment = v.value;
      break;
    }
  }
  return { name: first.value, ...(type.length === 0 ? {} : { type: typeText(type) }), ...(comment === undefined ? {} : { comment }) };
}

/** Tables, columns and comments found in DDL text. Never throws. */
export function parseDdl(sql: string): DdlTable[] {
  const toks = lexSql(typeof sql === 'string' ? sql : '');
  const tables: DdlTable[] = [];
  const byName = new Map<string, DdlTable>();
  const tableFor = (name: string): DdlTable => {
    const key = name.toLowerCase();
    let t = byName.get(key);
    if (t === undefined) {
      t = { name, columns: [] };
      byName.set(key, t);
      tables.push(t);
    }
    return t;
  };
  let i = 0;
  while (i < toks.length) {
    const t = toks[i];
    if (isWord(t, 'CREATE')) {
      let j = i + 1;
      while (j < toks.length && !isWord(toks[j], 'TABLE') && !isPunct(toks[j], ';') && j - i < 8) j++;
      if (!isWord(toks[j], 'TABLE')) {
        i = skipStatement(toks, i);
        continue;
      }
      j++;
      if (isWord(toks[j], 'IF') && isWord(toks[j + 1], 'NOT') && isWord(toks[j + 2], 'EXISTS')) j += 3;
      const { parts, next } = qualifiedName(toks, j);
      j = next;
      if (parts.length === 0 || !isPunct(toks[j], '(')) {
        i = skipStatement(toks, i);
        continue;
      }
      const table = tableFor(parts[parts.length - 1]);
      // Column list: split on commas at depth 1.
      let depth = 0;
      let el: Tok[] = [];
      j++;
      depth = 1;
      for (; j < toks.length && depth > 0; j++) {
        const x = toks[j];
        if (isPunct(x, '(')) depth++;
        else if (isPunct(x, ')')) {
          depth--;
          if (depth === 0) break;
        } else if (isPunct(x, ';') && depth > 0) break;
        if (depth === 1 && isPunct(x, ',')) {
          const col = parseColumn(el);
          if (col !== undefined) table.columns.push(col);
          el = [];
          continue;
        }
        el.push(x);
      }
      const last = parseColumn(el);
      if (last !== undefined) table.columns.push(last);
      // Table options up to `;`: MySQL `COMMENT='...'`.
      j++;
      for (; j < toks.length && !isPunct(toks[j], ';'); j++) {
        if (isWord(toks[j], 'COMMENT')) {
          const v = isPunct(toks[j + 1], '=') ? toks[j + 2] : toks[j + 1];
          if (v?.type === 'string') table.comment = v.value;
        }
      }
      i = j + 1;
      continue;
    }
    if (isWord(t, 'COMMENT') && isWord(toks[i + 1], 'ON')) {
      const what = toks[i + 2];
      const { parts, next } = qualifiedName(toks, i + 3);
      const text = isWord(toks[next], 'IS') && toks[next + 1]?.type === 'string' ? toks[next + 1].value : undefined;
      if (text !== undefined && isWord(what, 'TABLE') && parts.length >= 1) {
        tableFor(parts[parts.length - 1]).comment = text;
      } else if (text !== undefined && isWord(what, 'COLUMN') && parts.length >= 2) {
        const table = tableFor(parts[parts.length - 2]);
        const colName = parts[parts.length - 1];
        let col = table.columns.find((c) => c.name.toLowerCase() === colName.toLowerCase());
        if (col === undefined) {
          col = { name: colName };
          table.columns.push(col);
        }
        col.comment = text;
      }
      i = skipStatement(toks, i);
      continue;
    }
    i = skipStatement(toks, i);
  }
  return tables;
}

export interface SchemaOptions extends Omit<RecordOptions, 'comments' | 'table'> {}

function emptyCounts(): { C3: number; C2: number; C1: number; none: number } {
  return { C3: 0, C2: 0, C1: 0, none: 0 };
}

/**
 * Classifies every column of a schema without data: from DDL text, or from an array of
 * `{ table, name, comment?, type? }`. Combination rules apply per table. Never throws.
 */
export function classifySchema(ddlOrColumns: string | readonly SchemaColumn[], options: SchemaOptions = {}): SchemaClassification {
  const opts = sanitizeOptions(options as RecordOptions);
  let tables: DdlTable[];
  if (typeof ddlOrColumns === 'string') tables = parseDdl(ddlOrColumns);
  else if (Array.isArray(ddlOrColumns)) {
    tables = [];
    const byName = new Map<string, DdlTable>();
    for (const c of ddlOrColumns as readonly unknown[]) {
      if (typeof c !== 'object' || c === null) continue;
      const col = c as SchemaColumn;
      if (typeof col.name !== 'string' || col.name === '') continue;
      const tableName = typeof col.table === 'string' ? col.table : '';
      let t = byName.get(tableName);
      if (t === undefined) {
        t = { name: tableName, columns: [] };
        byName.set(tableName, t);
        tables.push(t);
      }
      t.columns.push({
        name: col.name,
        ...(typeof col.type === 'string' ? { type: col.type } : {}),
        ...(typeof col.comment === 'string' ? { comment: col.comment } : {}),
      });
    }
  } else tables = [];

  const summary = emptyCounts();
  const out: SchemaTableClassification[] = [];
  for (const t of tables) {
    const classified: FieldClassification[] = t.columns.map((c) => {
      const fieldOpts: FieldContextOptions = {
        ...opts,
        ...(t.name === '' ? {} : { table: t.name }),
        ...(c.comment === undefined ? {} : { comment: c.comment }),
        ...(t.comment === undefined ? {} : { tableComment: t.comment }),
      };
      return decide(c.name, fieldOpts, undefined);
    });
    const outcome = applyRules(classified, opts.rules ?? DEFAULT_RULES, opts);
    let level: Level | null = null;
    const columns = outcome.fields.map((f, k) => {
      level = maxLevel(level, f.level);
      if (f.level === null) summary.none++;
      else summary[f.level]++;
      const type = t.columns[k].type;
      return type === undefined ? f : { ...f, type };
    });
    out.push({
      table: t.name,
      ...(t.comment === undefined ? {} : { comment: t.comment }),
      columns,
      level: maxLevel(level, outcome.level),
      escalations: outcome.escalations,
    });
  }
  return { tables: out, summary: summary as LevelCounts };
}
