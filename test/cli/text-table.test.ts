/**
 * Terminal tables: widths in cells (Han characters take two), and cells from the data (column
 * names) never send control or bidi characters to the terminal.
 */
import { describe, expect, it } from 'vitest';
import { displayWidth, printable, renderTable } from '../../src/cli/report/text-table.js';

describe('renderTable', () => {
  it('aligns by terminal cells, Chinese included', () => {
    expect(renderTable(['COLUMN', 'CLASS'], [['手机号', 'C2'], ['id_no', 'C2']])).toBe(['COLUMN  CLASS', '手机号  C2', 'id_no   C2'].join('\n'));
    expect(displayWidth('手机号')).toBe(6);
  });

  it('writes control and bidi characters as \\u escapes: no terminal escape sequence, no reordering', () => {
    const out = renderTable(['COLUMN', 'X'], [['card\x1b[31mRED\x1b[0m', 'x'], ['mobile\u202egnp.exe', 'y'], ['a\tb\u2066c', 'z']]);
    expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\u202e\u2066]/);
    expect(out).toContain('card\\u001b[31mRED\\u001b[0m');
    expect(out).toContain('mobile\\u202egnp.exe');
    expect(out).toContain('a\\u0009b\\u2066c');
    expect(printable('普通 text 123')).toBe('普通 text 123');
  });
});
