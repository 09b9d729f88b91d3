/**
 * Field paths and path patterns.
 *
 * A *field path* names where a value sits in a record: object keys joined by dots, array
 * positions in brackets (`customer.contacts[2].mobile`). Plans are shared by every element of an
 * array, so the engine works on *generalized* paths where every position is `[*]`
 * (`customer.contacts[*].mobile`): that is also the encryption context, so reordering an array
 * does not break decryption.
 *
 * A *pattern* selects paths:
 * - `name` — that key; keys holding `.`, `[`, `]`, `*` or `"` are written `["a.b"]`;
 * - `*` — any one segment (a key or an array position);
 * - `[*]` — any array position;
 * - `**` — any number of segments, none included (`**.card_no` = a `card_no` at any depth).
 *
 * Patterns are parsed once when a policy loads; matching runs once per distinct field path
 * when a plan is built, never per record.
 */

/** One segment of a generalized path: a key, or ANY_INDEX for an array position. */
export type PathSegment = string | typeof ANY_INDEX;
export const ANY_INDEX = -1;

export type PatternSegment =
  | { readonly t: 'key'; readonly name: string }
  | { readonly t: 'any' }
  | { readonly t: 'index' }
  | { readonly t: 'deep' };

export class PathSyntaxError extends Error {}

const PLAIN_KEY = /^[^.[\]*"]+$/;

function quoteKey(key: string): string {
  return PLAIN_KEY.test(key) ? key : `[${JSON.stringify(key)}]`;
}

/**
 * Formats a path: keys joined by dots, array positions as `[n]` (or `[*]` for ANY_INDEX, and
 * for any negative number).
 */
export function formatPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') {
      out += s < 0 ? '[*]' : `[${s}]`;
    } else {
      const q = quoteKey(s);
      out += out === '' || q.startsWith('[') ? q : `.${q}`;
    }
  }
  return out;
}

/** Parses a pattern; throws PathSyntaxError with a message naming the position. */
export function parsePattern(text: string): PatternSegment[] {
  const out: PatternSegment[] = [];
  let i = 0;
  const n = text.length;
  const fail = (what: string): never => {
    throw new PathSyntaxError(`${what} at character ${i + 1}`);
  };
  let expectSegment = true; // at the start and after a dot
  while (i < n) {
    const c = text[i];
    if (c === '[') {
      if (text.startsWith('[*]', i)) {
        out.push({ t: 'index' });
        i += 3;
      } else if (text[i + 1] === '"') {
        // A quoted key: a JSON string literal inside brackets.
        let j = i + 2;
        while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
        if (j >= n || text[j + 1] !== ']') fail('unterminated ["..."] key');
        let key: string;
        try {
          key = JSON.parse(text.slice(i + 1, j + 1)) as string;
        } catch {
          return fail('invalid quoted key');
        }
        out.push({ t: 'key', name: key });
        i = j + 2;
      } else {
        fail("expected '[*]' or '[\"key\"]' (positions are not selected one by one)");
      }
      expectSegment = false;
      continue;
    }
    if (c === '.') {
      if (expectSegment) fail('empty segment');
      expectSegment = true;
      i++;
      continue;
    }
    if (!expectSegment) fail("expected '.' or '['");
    if (c === '*') {
      if (text[i + 1] === '*') {
        if (out.length > 0 && out[out.length - 1].t === 'deep') fail("'**' twice in a row");
        out.push({ t: 'deep' });
        i += 2;
      } else {
        out.push({ t: 'any' });
        i += 1;
      }
      if (i < n && text[i] !== '.' && text[i] !== '[') fail("'*' must stand alone in a segment");
    } else {
      let j = i;
      while (j < n && text[j] !== '.' && text[j] !== '[' && text[j] !== ']' && text[j] !== '*' && text[j] !== '"') j++;
      if (j === i) fail(`unexpected '${c}'`);
      if (j < n && (text[j] === ']' || text[j] === '*' || text[j] === '"')) {
        i = j;
        fail(`unexpected '${text[j]}' (quote such keys as ["..."])`);
      }
      out.push({ t: 'key', name: text.slice(i, j) });
      i = j;
    }
    expectSegment = false;
  }
  if (out.length === 0) fail('empty path');
  if (expectSegment) fail('path ends with a dot');
  return out;
}

/** Does `pattern` select the generalized `path`? */
export function matchPattern(pattern: readonly PatternSegment[], path: readonly PathSegment[]): boolean {
  return matchFrom(pattern, 0, path, 0);
}

function matchFrom(p: readonly PatternSegment[], pi: number, path: readonly PathSegment[], si: number): boolean {
  while (pi < p.length) {
    const seg = p[pi];
    if (seg.t === 'deep') {
      // `**` absorbs zero or more segments: try every split (patterns and paths are short).
      for (let k = si; k <= path.length; k++) if (matchFrom(p, pi + 1, path, k)) return true;
      return false;
    }
    if (si >= path.length) return false;
    const s = path[si];
    if (seg.t === 'key' ? s !== seg.name : seg.t === 'index' ? s !== ANY_INDEX : false) return false;
    pi++;
    si++;
  }
  return si === path.length;
}
