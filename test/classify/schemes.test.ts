/**
 * Scheme mappings: JR/T 0197-2020 levels and the seeds' tiered schemes, for every class.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_JRT0197, jrt0197Level, tierOf } from '../../src/classify/index.js';

describe('JR/T 0197-2020 levels', () => {
  it('maps C3 → 4, C2 → 3, C1 → 2 by default (JR/T 0197-2020 on personal financial information)', () => {
    expect(DEFAULT_JRT0197).toEqual({ C3: 4, C2: 3, C1: 2 });
    expect([jrt0197Level('C3'), jrt0197Level('C2'), jrt0197Level('C1'), jrt0197Level(null)]).toEqual([4, 3, 2, null]);
  });

  it('takes a caller map, ignoring values outside 1..5', () => {
    expect(jrt0197Level('C3', { C3: 5 })).toBe(5);
    expect(jrt0197Level('C2', { C3: 5 })).toBe(3);
    expect(jrt0197Level('C1', { C1: 9 as 1 })).toBe(2);
  });
});

describe('tiered schemes', () => {
  it('two tiers (seed 000 art. 13): sensitive = C3 and C2', () => {
    expect([tierOf('two-tier', 'C3', 'password'), tierOf('two-tier', 'C2', 'cn-mobile'), tierOf('two-tier', 'C1', 'ip-address'), tierOf('two-tier', null, 'timestamp')]).toEqual([
      'sensitive', 'sensitive', 'general', null,
    ]);
  });

  it('four tiers (seed 002): biometrics and credit records are core-sensitive, never lowered below the class', () => {
    expect(tierOf('four-tier', 'C3', 'password')).toBe('core-sensitive');
    expect(tierOf('four-tier', 'C2', 'credit-info')).toBe('core-sensitive');
    expect(tierOf('four-tier', 'C2', 'cn-id-card')).toBe('sensitive');
    expect(tierOf('four-tier', 'C1', 'customer-number')).toBe('general');
  });

  it('three tiers (seed 003): contact data and habits are general-sensitive, documents and accounts core', () => {
    expect(tierOf('three-tier', 'C2', 'cn-id-card')).toBe('core-sensitive');
    expect(tierOf('three-tier', 'C2', 'bank-card')).toBe('core-sensitive');
    expect(tierOf('three-tier', 'C2', 'email')).toBe('general-sensitive');
    expect(tierOf('three-tier', 'C2', 'address')).toBe('general-sensitive');
    expect(tierOf('three-tier', 'C3', 'cvn')).toBe('core-sensitive');
    expect(tierOf('three-tier', 'C1', 'device')).toBe('basic');
  });
});
