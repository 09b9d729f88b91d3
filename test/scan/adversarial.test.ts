/**
 * Inputs built to make a backtracking or restarting scanner quadratic: they must complete, and
 * give the right answer (linearity itself is measured in bench/suites/scan.ts, not here).
 */
import { describe, expect, it } from 'vitest';
import { redactText, scanText } from '../../src/scan/index.js';

const N = 200_000;

describe('adversarial input completes with the right answer', () => {
  it.each([
    ['a long digit run', '1'.repeat(N)],
    ['digits separated by single spaces', '1 '.repeat(N / 2)],
    ['digits separated by single hyphens', '1-'.repeat(N / 2)],
    ['groups of four (a never-ending card)', '6222 '.repeat(N / 5)],
    ['repeated separators', '1' + ' -'.repeat(N / 2) + '1'],
    ['a@a@a@…', 'a@'.repeat(N / 2)],
    ['a long local part without a domain', 'a'.repeat(N) + '@'],
    ['a long domain', 'a@' + 'b.'.repeat(N / 2)],
    ['dots', '1.'.repeat(N / 2)],
    ['colons', ':'.repeat(N)],
    ['hex and colons', 'a:'.repeat(N / 2)],
    ['parentheses', '(0'.repeat(N / 2)],
    ['province abbreviations and letters', '京A'.repeat(N / 2)],
    ['plus signs', '+86'.repeat(N / 3)],
    ['letters and digits', 'A1'.repeat(N / 2)],
    ['full-width digits', '１'.repeat(N)],
    ['surrogate pairs', '😀'.repeat(N / 2)],
  ])('%s', (_name, text) => {
    expect(scanText(text)).toEqual([]);
  });

  it('values still found around adversarial runs', () => {
    const text = `${'1 '.repeat(10_000)}手机 13812345678 ${'a@'.repeat(10_000)} 身份证11010519491231002X ${'1.'.repeat(10_000)}`;
    expect(scanText(text).map((f) => f.kind)).toEqual(['cn-mobile', 'cn-id-card']);
    expect(redactText(text)).toContain('138****5678');
  });

  it('a chain longer than the chain cap is cut and read on', () => {
    // 300 mobile numbers in 3-4-4 groups, all joined by spaces: one chain of 900 groups.
    const text = Array.from({ length: 300 }, () => '138 1234 5678').join(' ');
    const found = scanText(text);
    expect(found.length).toBeGreaterThanOrEqual(298);
    expect(found.every((f) => f.kind === 'cn-mobile' && text.slice(f.start, f.end) === '138 1234 5678')).toBe(true);
  });
});
