// Runs examples/customer-service end to end (the same run() that `npx tsx examples/customer-service/main.ts` calls).
import { describe, expect, it } from 'vitest';
import { run } from '../../examples/customer-service/main.js';
import { newDb } from './helpers.js';

describe('examples/customer-service', () => {
  it('registers, finds by blind index, masks for display, and rotates keys', async () => {
    const lines: string[] = [];
    await run((l) => lines.push(l), await newDb()); // run() closes it
    expect(lines).toHaveLength(7);
    const [registered, stored, found, mobiles, before, after, afterRotation] = lines;
    const firstKey = /key ([0-9a-f]{8})/.exec(registered)?.[1];
    expect(firstKey).toBeDefined();
    expect(stored).toMatch(/^stored id_no: fs1\.\S+… \(74 chars\), index [0-9a-f]{8}$/);
    expect(JSON.parse(found.replace('find by ID number: ', ''))).toEqual([
      { name: '张*', idNo: '110105********002X', mobile: '139****5678', cardNo: '622202*********0123', branch: '北京分行' },
    ]);
    expect(mobiles).toBe('find by old mobile: 0 rows; by new mobile: 1 row');
    expect(before).toBe(`rows per key before rotation: {"${firstKey}":2}`);
    const m = /^rows per key after rewrap: {4}\{"([0-9a-f]{8})":2\}; retired ([0-9a-f]{8})$/.exec(after);
    expect(m?.[1]).not.toBe(firstKey);
    expect(m?.[2]).toBe(firstKey);
    expect(afterRotation).toBe('find by ID number after rotation: 张*');
  }, 60_000);
});
