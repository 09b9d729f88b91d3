/**
 * The classification report as one self-contained HTML page: inline CSS, no script, no fonts,
 * images or links to fetch, so it opens the same from a file share, a mail attachment or an
 * air-gapped review machine. Every text from the data (column names, reasons) is escaped.
 *
 * The page: a header with the input and its overall class, counts per class, escalations by
 * the combination rules, and one table row per column colour-coded by class (C3 red, C2
 * amber, C1 blue, not personal financial information grey) with kind, confidence, JR/T 0197
 * level, fill rate in the sample and the classifier's reasons.
 */
import type { ClassificationReport } from './report.js';
import { dictionary } from '../../dictionary.js';

const CLASS_LABEL: Readonly<Record<string, string>> = dictionary({
  C3: 'C3 — authentication (鉴别信息)',
  C2: 'C2 — identifying / financial (可识别特定个人身份与金融状况)',
  C1: 'C1 — internal (机构内部信息资产)',
  none: 'not personal financial information',
});

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function levelKey(level: string | null): 'C3' | 'C2' | 'C1' | 'none' {
  return level === 'C3' || level === 'C2' || level === 'C1' ? level : 'none';
}

const STYLE = `
:root { color-scheme: light; --c3: #b42318; --c3bg: #fef3f2; --c2: #b54708; --c2bg: #fffaeb; --c1: #175cd3; --c1bg: #eff8ff; --none: #475467; --nonebg: #f9fafb; }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2rem; color: #101828; background: #fff; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
h2 { font-size: 1.1rem; margin: 2rem 0 .5rem; }
.meta { color: #475467; margin: 0 0 1rem; }
.counts { display: flex; gap: .75rem; flex-wrap: wrap; margin: 1rem 0; padding: 0; list-style: none; }
.counts li { border-radius: 8px; padding: .5rem .9rem; min-width: 9rem; }
.counts b { display: block; font-size: 1.6rem; line-height: 1.2; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid #eaecf0; }
th { background: #f2f4f7; position: sticky; top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.badge { display: inline-block; border-radius: 999px; padding: 0 .55rem; font-weight: 600; white-space: nowrap; }
ul.reasons { margin: 0; padding-left: 1.1rem; color: #344054; }
.C3 { background: var(--c3bg); } .C3 .badge, .counts .C3 b { color: var(--c3); } .C3 .badge { border: 1px solid var(--c3); }
.C2 { background: var(--c2bg); } .C2 .badge, .counts .C2 b { color: var(--c2); } .C2 .badge { border: 1px solid var(--c2); }
.C1 { background: var(--c1bg); } .C1 .badge, .counts .C1 b { color: var(--c1); } .C1 .badge { border: 1px solid var(--c1); }
.none { background: var(--nonebg); } .none .badge, .counts .none b { color: var(--none); } .none .badge { border: 1px solid var(--none); }
footer { margin-top: 2rem; color: #667085; font-size: .85rem; }
`;

export function renderHtmlReport(report: ClassificationReport): string {
  const c = report.classification;
  const overall = levelKey(c.level);
  const counts = (['C3', 'C2', 'C1', 'none'] as const)
    .map((k) => `<li class="${k}" data-class="${k}"><b>${c.summary[k]}</b>${escapeHtml(CLASS_LABEL[k])}</li>`)
    .join('\n');
  const escalations =
    c.escalations.length === 0
      ? '<p>No combination rule raised a class.</p>'
      : `<ul>${c.escalations
          .map(
            (e) =>
              `<li><b>${escapeHtml(e.rule)}</b> → ${escapeHtml(e.to)}: ${escapeHtml(e.description)} (because of ${escapeHtml(e.because.join(', '))}${
                e.raised.length > 0 ? `; raised ${escapeHtml(e.raised.join(', '))}` : ''
              })</li>`,
          )
          .join('\n')}</ul>`;
  const rows = c.columns
    .map((col, i) => {
      const k = levelKey(col.level);
      const filled = col.stats.present + col.stats.missing === 0 ? 0 : col.stats.present / (col.stats.present + col.stats.missing);
      const reasons = col.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('');
      return `<tr class="${k}" data-class="${k}">
<td class="num">${i + 1}</td>
<td><code>${escapeHtml(col.field)}</code></td>
<td><span class="badge">${k === 'none' ? '—' : k}</span></td>
<td>${escapeHtml(col.kind ?? col.concept ?? '—')}${col.encrypted ? ' (encrypted)' : ''}</td>
<td class="num">${Math.round(col.confidence * 100)}%</td>
<td class="num">${col.jrt0197Level ?? '—'}</td>
<td class="num">${Math.round(filled * 100)}%</td>
<td><ul class="reasons">${reasons}</ul></td>
</tr>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>fieldshield classification — ${escapeHtml(report.input)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Classification of <code>${escapeHtml(report.input)}</code></h1>
<p class="meta">${report.rows} rows (${report.sampledRows} sampled), ${c.columns.length} columns, ${escapeHtml(report.format.toUpperCase())}.
Highest class: <span class="${overall}"><span class="badge">${overall === 'none' ? 'none' : overall}</span></span>${
    c.jrt0197Level === null ? '' : `, JR/T 0197-2020 level ${c.jrt0197Level}`
  }. Classes per JR/T 0171-2020.</p>
<ul class="counts" id="counts">
${counts}
</ul>
<h2>Combination rules</h2>
${escalations}
<h2>Columns</h2>
<table id="columns">
<thead><tr><th>#</th><th>column</th><th>class</th><th>kind</th><th>confidence</th><th>JR/T 0197</th><th>filled</th><th>reasons</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<footer>Generated by fieldshield ${escapeHtml(report.generatedBy)} at ${escapeHtml(report.generatedAt)}. The report holds column names and counts only, never a value from the data.</footer>
</body>
</html>
`;
}
