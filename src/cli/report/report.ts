/**
 * The classification report: what `classify` prints, and writes as JSON and HTML.
 */
import type { DatasetClassification } from '../../classify/types.js';
import type { DataFormat } from '../io/formats.js';
import { printable, renderTable } from './text-table.js';

export interface ClassificationReport {
  /** The input's path (or `stdin`). */
  readonly input: string;
  readonly format: DataFormat;
  /** Rows read (rejected rows not included). */
  readonly rows: number;
  /** Rows the classifier looked at: a uniform random sample of `rows`. */
  readonly sampledRows: number;
  readonly rejected: number;
  readonly generatedAt: string;
  readonly generatedBy: string;
  readonly classification: DatasetClassification;
}

/** The terminal table: one line per column with class, kind, confidence and reasons. */
export function renderTextReport(report: ClassificationReport, reasonWidth: number | undefined): string {
  const c = report.classification;
  const rows = c.columns.map((col) => [
    col.field,
    col.level ?? '-',
    (col.kind ?? col.concept ?? '-') + (col.encrypted ? ' (encrypted)' : ''),
    `${Math.round(col.confidence * 100)}%`,
    col.reasons.join('; '),
  ]);
  const table = renderTable(['COLUMN', 'CLASS', 'KIND', 'CONF', 'REASONS'], rows, reasonWidth === undefined ? { 0: 32 } : { 0: 32, 4: reasonWidth });
  const s = c.summary;
  const lines = [
    table,
    '',
    `${printable(report.input)}: ${report.rows} rows (${report.sampledRows} sampled), ${c.columns.length} columns — C3 ${s.C3}, C2 ${s.C2}, C1 ${s.C1}, not PFI ${s.none}`,
    `highest class: ${c.level ?? 'none'}${c.jrt0197Level === null ? '' : ` (JR/T 0197-2020 level ${c.jrt0197Level})`}`,
  ];
  for (const e of c.escalations) lines.push(`combination rule ${e.rule} → ${e.to}: ${e.description} (because of ${printable(e.because.join(', '))})`);
  return lines.join('\n') + '\n';
}
