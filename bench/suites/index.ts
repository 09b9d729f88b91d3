import type { BenchSuite } from '../harness.js';
import { envelopeSuites } from './envelope.js';
import { gmSuites } from './gm.js';
import { classifySuites } from './classify.js';
import { maskSuites } from './mask.js';
import { policySuites } from './policy.js';
import { scanSuites } from './scan.js';

/** Every suite, in the order the README lists them. */
export async function allSuites(): Promise<BenchSuite[]> {
  return [...gmSuites(), ...(await envelopeSuites()), ...maskSuites(), ...classifySuites(), ...scanSuites(), ...(await policySuites())];
}
