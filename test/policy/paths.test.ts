import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANY_INDEX, formatPath, matchPattern, parsePattern, PathSyntaxError, type PathSegment } from '../../src/policy/paths.js';

/**
 * An independent matcher: the pattern becomes a regular expression over the path written with a
 * separator before every segment (`/k:customer/i/k:mobile`), keys escaped.
 */
function referenceMatch(pattern: string, path: readonly PathSegment[]): boolean {
  const text = path.map((s) => (s === ANY_INDEX ? '/i' : `/k:${encodeURIComponent(s)}`)).join('');
  let re = '';
  for (const seg of parsePattern(pattern)) {
    if (seg.t === 'key') re += `/k:${encodeURIComponent(seg.name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
    else if (seg.t === 'index') re += '/i';
    else if (seg.t === 'any') re += '/(?:i|k:[^/]*)';
    else re += '(?:/(?:i|k:[^/]*))*';
  }
  return new RegExp(`^${re}$`).test(text);
}

describe('path patterns', () => {
  it('parse keys, wildcards, array positions and quoted keys', () => {
    expect(parsePattern('customer.contacts[*].mobile')).toEqual([
      { t: 'key', name: 'customer' },
      { t: 'key', name: 'contacts' },
      { t: 'index' },
      { t: 'key', name: 'mobile' },
    ]);
    expect(parsePattern('*.id_no')).toEqual([{ t: 'any' }, { t: 'key', name: 'id_no' }]);
    expect(parsePattern('**.card_no')).toEqual([{ t: 'deep' }, { t: 'key', name: 'card_no' }]);
    expect(parsePattern('["a.b"].c')).toEqual([{ t: 'key', name: 'a.b' }, { t: 'key', name: 'c' }]);
    expect(parsePattern('客户.证件号码')).toEqual([{ t: 'key', name: '客户' }, { t: 'key', name: '证件号码' }]);
    expect(parsePattern('m[*][*]')).toEqual([{ t: 'key', name: 'm' }, { t: 'index' }, { t: 'index' }]);
  });

  it('reject malformed patterns with the position', () => {
    for (const bad of ['', '.a', 'a.', 'a..b', 'a[0]', 'a[', 'a*b', 'a.**.**', 'a]', '["a', 'a"b', 'a*']) {
      expect(() => parsePattern(bad), bad).toThrow(PathSyntaxError);
    }
    expect(() => parsePattern('a..b')).toThrow(/character 3/);
  });

  it('match as documented', () => {
    const p = (s: string) => parsePattern(s);
    const contacts: PathSegment[] = ['customer', 'contacts', ANY_INDEX, 'mobile'];
    expect(matchPattern(p('customer.contacts[*].mobile'), contacts)).toBe(true);
    expect(matchPattern(p('customer.contacts.*.mobile'), contacts)).toBe(true);
    expect(matchPattern(p('customer.*.mobile'), contacts)).toBe(false);
    expect(matchPattern(p('**.mobile'), contacts)).toBe(true);
    expect(matchPattern(p('**.mobile'), ['mobile'])).toBe(true);
    expect(matchPattern(p('*.id_no'), ['id_no'])).toBe(false);
    expect(matchPattern(p('*.id_no'), ['holder', 'id_no'])).toBe(true);
    expect(matchPattern(p('customer.**'), ['customer', 'a', ANY_INDEX, 'b'])).toBe(true);
    expect(matchPattern(p('customer.**'), ['customer'])).toBe(true);
    expect(matchPattern(p('[*]'), ['x'])).toBe(false);
  });

  it('agree with an independent regular-expression matcher', () => {
    const key = fc.constantFrom('a', 'b', 'id_no', 'a.b', '客户');
    const seg = fc.oneof(key.map((k): PathSegment => k), fc.constant<PathSegment>(ANY_INDEX));
    const patSeg = fc.oneof(
      key.map((k) => (/^[^.[\]*"]+$/.test(k) ? k : `[${JSON.stringify(k)}]`)),
      fc.constantFrom('*', '**', '[*]'),
    );
    const pattern = fc
      .array(patSeg, { minLength: 1, maxLength: 5 })
      .map((parts) => parts.reduce((acc, s) => (acc === '' ? s : s.startsWith('[') ? acc + s : `${acc}.${s}`), ''));
    fc.assert(
      fc.property(pattern, fc.array(seg, { maxLength: 6 }), (pat, path) => {
        let parsed;
        try {
          parsed = parsePattern(pat);
        } catch {
          return; // a pattern the grammar refuses (`**.**`): not this property
        }
        expect(matchPattern(parsed, path)).toBe(referenceMatch(pat, path));
      }),
      { numRuns: 3000 },
    );
  });

  it('format paths so that they parse back to the same segments', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ minLength: 1, maxLength: 6 }), fc.constant<PathSegment>(ANY_INDEX)), { minLength: 1, maxLength: 5 }), (path) => {
        fc.pre(typeof path[0] === 'string');
        const text = formatPath(path);
        const back = parsePattern(text).map((s) => (s.t === 'key' ? s.name : s.t === 'index' ? ANY_INDEX : '?'));
        expect(back).toEqual(path);
      }),
      { numRuns: 1000 },
    );
    expect(formatPath(['customer', 'contacts', 2, 'mobile'])).toBe('customer.contacts[2].mobile');
    expect(formatPath(['a.b', 'c'])).toBe('["a.b"].c');
  });
});
