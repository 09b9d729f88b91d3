/**
 * `npx tsx scripts/policy-schema.ts`: writes docs/policy.schema.json, the JSON Schema of policy
 * documents for editors. test/policy/load.test.ts fails when the file is not current.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { policyJsonSchema } from '../src/policy/schema.js';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'policy.schema.json');
writeFileSync(out, JSON.stringify(policyJsonSchema(), null, 2) + '\n');
console.log(`wrote ${out}`);
