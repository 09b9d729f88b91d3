import { describe, expect, it } from 'vitest';
import { getKind } from '../../src/kinds/index.js';

describe('getKind errors', () => {
  it('quote kind-like ids but never values passed by mistake', () => {
    expect(() => getKind('cn-id-cart')).toThrow("unknown kind 'cn-id-cart'");
    for (const v of ['13812345678', 'zhangsan', '11010519491231002X', '张三']) {
      try {
        getKind(v);
        throw new Error('accepted');
      } catch (e) {
        expect((e as Error).message).not.toContain(v);
        expect((e as Error).message).toMatch(/a string of \d+ characters/);
      }
    }
  });
});
