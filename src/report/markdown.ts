// Markdown renderer: a compact summary for a merge-request or pull-request comment.
import { displayValue, type Lang } from '../findings/spec.js';
import { titleOf } from '../findings/catalogue.js';
import type { FileReport, Report, ReportFinding } from './types.js';
import { describeLocation } from './where.js';
import { escapeHtml, escapeMarkdown } from './escape.js';
import { docUrl } from '../findings/doc.js';
import { formatNumber } from './numbers.js';

/** Options of renderMarkdown. */
export interface MarkdownOptions {
  lang: Lang;
  /** Finding codes listed per file (default 10). */
  maxCodes?: number;
}

const T = {
  fr: {
    title: 'Rapport odf',
    files: (n: number) => `${n} fichier${n > 1 ? 's' : ''}`,
    valid: (n: number) => `${n} conforme${n > 1 ? 's' : ''}`,
    invalid: (n: number) => `${n} non conforme${n > 1 ? 's' : ''}`,
    failed: (n: number) => `${n} illisible${n > 1 ? 's' : ''}`,
    skipped: (n: number) => `${n} ignoré${n > 1 ? 's' : ''}`,
    head: ['Fichier', 'Verdict', 'Lignes', 'Erreurs', 'Avert.', 'Score'],
    ok: '✅ conforme',
    ko: '❌ non conforme',
    unreadable: '⛔ illisible',
    problems: (n: number) => `${n} type${n > 1 ? 's' : ''} de problème${n > 1 ? 's' : ''}`,
    findingsHead: ['Problème', 'Code', 'Nombre', 'Premier exemple'],
    more: (n: number) => `… et ${n} autre${n > 1 ? 's' : ''} type${n > 1 ? 's' : ''}`,
    partial: 'rapport partiel (--limit-errors)',
    score: 'score',
  },
  en: {
    title: 'odf report',
    files: (n: number) => `${n} file${n > 1 ? 's' : ''}`,
    valid: (n: number) => `${n} valid`,
    invalid: (n: number) => `${n} invalid`,
    failed: (n: number) => `${n} unreadable`,
    skipped: (n: number) => `${n} skipped`,
    head: ['File', 'Verdict', 'Rows', 'Errors', 'Warn.', 'Score'],
    ok: '✅ valid',
    ko: '❌ invalid',
    unreadable: '⛔ unreadable',
    problems: (n: number) => `${n} kind${n > 1 ? 's' : ''} of problem`,
    findingsHead: ['Problem', 'Code', 'Count', 'First example'],
    more: (n: number) => `… and ${n} more kind${n > 1 ? 's' : ''}`,
    partial: 'partial report (--limit-errors)',
    score: 'score',
  },
};

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function fileDetails(file: FileReport, lang: Lang, maxCodes: number): string[] {
  const t = T[lang];
  const groups = new Map<string, ReportFinding[]>();
  for (const f of file.findings) {
    if (f.level === 'info') continue;
    let g = groups.get(f.code);
    if (!g) groups.set(f.code, (g = []));
    g.push(f);
  }
  if (groups.size === 0) return [];
  const order = { error: 0, warning: 1, info: 2 };
  // Exact counts, listed or not (--limit-errors stops collecting, never counting).
  const count = (g: ReportFinding[]): number => Math.max(g.length, file.totals?.byCode[g[0]!.code] ?? 0);
  const sorted = [...groups.values()].sort(
    (a, b) => order[a[0]!.level] - order[b[0]!.level] || count(b) - count(a),
  );
  // The summary sits in a raw-HTML block, where Markdown escapes do not apply: HTML escapes do.
  const lines = [
    '',
    `<details><summary>${escapeHtml(file.path)} — ${t.problems(groups.size)}${file.partial ? `, ${t.partial}` : ''}</summary>`,
    '',
  ];
  lines.push(row(t.findingsHead), '|---|---|--:|---|');
  for (const g of sorted.slice(0, maxCodes)) {
    const f = g[0]!;
    const mark = f.level === 'error' ? '❌' : '⚠️';
    const where = describeLocation(f, lang);
    const example = [
      where,
      f.value !== undefined
        ? lang === 'fr'
          ? `« ${displayValue(f.value, 40)} »`
          : `"${displayValue(f.value, 40)}"`
        : '',
    ]
      .filter(Boolean)
      .join(' ');
    lines.push(
      row([
        `${mark} ${escapeMarkdown(titleOf(f.code, lang))}`,
        `[\`${f.code}\`](${docUrl(f.code, lang)})`,
        formatNumber(count(g), lang),
        escapeMarkdown(example),
      ]),
    );
  }
  if (sorted.length > maxCodes) lines.push('', t.more(sorted.length - maxCodes));
  lines.push('', '</details>');
  return lines;
}

/**
 * Render a compact Markdown summary: a title line with the totals and the batch score, a table with one
 * row per file (verdict, rows, errors, warnings, score), then per file with problems a folded table of
 * its finding codes (each linked to its entry in docs/errors.md, or docs/errors.en.md in English) with
 * their exact counts and a first example. Everything from the files is escaped: escapeMarkdown in
 * Markdown, escapeHtml inside raw HTML.
 */
export function renderMarkdown(report: Report, options: MarkdownOptions): string {
  const lang = options.lang;
  const t = T[lang];
  const s = report.summary;
  const parts = [t.files(s.files), t.valid(s.valid)];
  if (s.invalid) parts.push(t.invalid(s.invalid));
  if (s.failed) parts.push(t.failed(s.failed));
  if (s.skipped) parts.push(t.skipped(s.skipped));
  const verdict = report.valid ? '✅' : '❌';
  const score = s.score !== undefined ? ` · ${t.score} **${s.score}/100**` : '';
  const out = [`### ${verdict} ${t.title} — ${parts.join(', ')}${score}`, ''];
  out.push(row(t.head), '|---|---|--:|--:|--:|--:|');
  for (const f of report.files) {
    out.push(
      row([
        escapeMarkdown(f.path),
        f.valid ? t.ok : t.ko,
        formatNumber(f.stats.rows, lang),
        formatNumber(f.stats.errors, lang),
        formatNumber(f.stats.warnings, lang),
        f.score ? String(f.score.score) : '—',
      ]),
    );
  }
  for (const f of report.failures) out.push(row([escapeMarkdown(f.path), t.unreadable, '—', '—', '—', '0']));
  for (const f of report.files) out.push(...fileDetails(f, lang, options.maxCodes ?? 10));
  if (report.failures.length) {
    out.push('');
    for (const f of report.failures)
      out.push(`- ⛔ ${escapeMarkdown(f.path)}${lang === 'fr' ? ' : ' : ': '}${escapeMarkdown(f.message)}`);
  }
  return `${out.join('\n')}\n`;
}
