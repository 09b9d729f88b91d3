import type { BenchSuite } from '../harness.js';
import { envelopeSuites } from './envelope.js';
import { gmSuites } from './gm.js';
import { maskSuites } from './mask.js';

/** Every suite, in the order the README lists them. */
export async function allSuites(): Promise<BenchSuite[]> {
  return [...gmSuites(), ...(await envelopeSuites()), ...maskSuites()];
}
