/**
 * The classifier: fields, records, datasets and schemas into JR/T 0171-2020 classes (C3 / C2 /
 * C1), with the evidence for each decision, JR/T 0197-2020 levels and the seeds' tiered
 * schemes. Browser-portable: no Node built-ins. docs/CLASSIFICATION.md explains the decisions.
 */
export { classifyField } from './field.js';
export { classifyRecord } from './record.js';
export { classifyDataset, DEFAULT_SAMPLE_SIZE, DEFAULT_MAX_COLUMNS } from './dataset.js';
export { classifySchema, parseDdl, type DdlTable, type DdlColumn, type SchemaOptions } from './ddl.js';
export { DEFAULT_RULES } from './rules.js';
export { DEFAULT_JRT0197, jrt0197Level, tierOf } from './schemes.js';
export { getConcept, kindlessConceptIds, type Concept } from './concepts.js';
export { looksEncrypted } from './content.js';
export type * from './types.js';
